/** Renders a promote report for a terminal or as markdown (job summaries, PR comments). */
import type { CallCounts } from '../drift/drift-report';
import type { CheckStatus, PromoteReport } from './promote-report';

const DECISION = { promote: 'PROMOTE', refused: 'REFUSED', unreadable: 'UNREADABLE' } as const;
const MARK: Record<CheckStatus, string> = { pass: '✅ pass', fail: '❌ fail', unreadable: '⚠️ unreadable', 'not-checked': '➖ not checked' };
const NAMES = { fingerprint: 'fingerprint', soak: 'soak', migrations: 'migrations' } as const;

function callLine(report: PromoteReport): string {
  const services = (calls: CallCounts) => Object.entries(calls).map(([s, c]) => `${s} ${c.requests}${c.retries ? ` (${c.retries} retries)` : ''}`).join(', ');
  return `${report.totals.requests} AWS requests in ${report.from}, ${report.totals.retries} retries${report.totals.requests > 0 ? ` (${services(report.calls)})` : ''}.`;
}

function verdict(report: PromoteReport): string {
  if (report.decision === 'promote') return `${report.to} may get what ${report.from} runs.`;
  if (report.decision === 'refused') return `${report.to} must not be applied yet.`;
  return `${report.from} could not be read: nothing is proven, ${report.to} must not be applied.`;
}

export function renderPromoteText(report: PromoteReport): string {
  const lines = [`parity promote check ${report.from} → ${report.to}: ${DECISION[report.decision]}. ${verdict(report)}`, ''];
  for (const [id, check] of Object.entries(report.checks)) {
    lines.push(`  ${NAMES[id as keyof typeof NAMES].padEnd(11)} ${check.status.padEnd(11)} ${check.detail}`);
    if (check.fix) lines.push(`  ${''.padEnd(11)} ${''.padEnd(11)} fix: ${check.fix}`);
  }
  lines.push('', `  expected (${report.to}, this checkout): ${report.fingerprints.expected}`, `  live (${report.from}):                ${report.fingerprints.live ?? 'none'}${report.fingerprints.liveWrittenAt ? `, written ${report.fingerprints.liveWrittenAt}` : ''}`);
  lines.push('', callLine(report));
  return lines.join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderPromoteMarkdown(report: PromoteReport): string {
  const icon = report.decision === 'promote' ? '✅' : report.decision === 'refused' ? '❌' : '⚠️';
  const rows = Object.entries(report.checks).map(([id, c]) => `| ${id} | ${MARK[c.status]} | ${cell(c.detail)} | ${cell(c.fix ?? '')} |`);
  return [
    `## ${icon} \`parity promote check\` ${report.from} → ${report.to}: ${DECISION[report.decision]}`,
    '',
    verdict(report),
    '',
    '| Check | Status | Found | Fix |',
    '|---|---|---|---|',
    ...rows,
    '',
    `Expected (\`${report.to}\`, this checkout): \`${report.fingerprints.expected}\`<br>Live (\`${report.from}\`): \`${report.fingerprints.live ?? 'none'}\`${report.fingerprints.liveWrittenAt ? `, written ${report.fingerprints.liveWrittenAt}` : ''}`,
    '',
    `<sub>${callLine(report)} Minimum soak: ${report.minSoakHours} h; checked at ${report.checkedAt}.</sub>`,
  ].join('\n');
}
