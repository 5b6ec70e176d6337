/** Renders a promote report for a terminal or as markdown (job summaries, PR comments): its checks, then the shared findings. */
import type { CallCounts } from '../drift/drift-report';
import { cell } from '../shared/report/markdown-budget';
import { renderEnvelopeMarkdown } from '../shared/report/render-markdown';
import { renderEnvelopeText } from '../shared/report/render-text';
import { toEnvelope } from './promote-envelope';
import type { CheckStatus, PromoteReport } from './promote-report';

const DECISION = { promote: 'PROMOTE', refused: 'REFUSED', unreadable: 'UNREADABLE' } as const;
const MARK: Record<CheckStatus, string> = { pass: '✅ pass', fail: '❌ fail', unreadable: '⚠️ unreadable', 'not-checked': '➖ not checked' };
const NAMES = { fingerprint: 'fingerprint', soak: 'soak', migrations: 'migrations' } as const;

function callLine(report: PromoteReport): string {
  const services = (calls: CallCounts) =>
    Object.entries(calls)
      .map(([s, c]) => `${s} ${c.requests}${c.retries ? ` (${c.retries} retries)` : ''}`)
      .join(', ');
  return (
    `${report.totals.requests} AWS requests in ${report.from}, ${report.totals.retries} retries` +
    `${report.totals.requests > 0 ? ` (${services(report.calls)})` : ''}.`
  );
}

function verdict(report: PromoteReport): string {
  if (report.decision === 'promote') return `${report.to} may get what ${report.from} runs.`;
  if (report.decision === 'refused') return `${report.to} must not be applied yet.`;
  return `${report.from} could not be read: nothing is proven, ${report.to} must not be applied.`;
}

export function renderPromoteText(report: PromoteReport): string {
  const checks: string[] = [];
  for (const [id, check] of Object.entries(report.checks)) {
    checks.push(`  ${NAMES[id as keyof typeof NAMES].padEnd(11)} ${check.status.padEnd(11)} ${check.detail}`);
    if (check.fix) checks.push(`  ${''.padEnd(11)} ${''.padEnd(11)} fix: ${check.fix}`);
  }
  const fingerprints = [
    `  expected (${report.to}, this checkout): ${report.fingerprints.expected}`,
    `  live (${report.from}):                ${report.fingerprints.live ?? 'none'}` +
      `${report.fingerprints.liveWrittenAt ? `, written ${report.fingerprints.liveWrittenAt}` : ''}`,
  ];
  return renderEnvelopeText(
    toEnvelope(report),
    {
      headline: () => `parity promote check ${report.from} → ${report.to}: ${DECISION[report.decision]}. ${verdict(report)}`,
      before: () => [checks, fingerprints],
      after: () => [[callLine(report)]],
    },
    false,
  );
}

export function renderPromoteMarkdown(report: PromoteReport): string {
  const icon = report.decision === 'promote' ? '✅' : report.decision === 'refused' ? '❌' : '⚠️';
  const rows = Object.entries(report.checks).map(([id, c]) => `| ${id} | ${MARK[c.status]} | ${cell(c.detail)} | ${cell(c.fix ?? '')} |`);
  const head = [
    `## ${icon} \`parity promote check\` ${report.from} → ${report.to}: ${DECISION[report.decision]}`,
    '',
    verdict(report),
    '',
    '| Check | Status | Found | Fix |',
    '|---|---|---|---|',
    ...rows,
    '',
    `Expected (\`${report.to}\`, this checkout): \`${report.fingerprints.expected}\`` +
      `<br>Live (\`${report.from}\`): \`${report.fingerprints.live ?? 'none'}\`` +
      `${report.fingerprints.liveWrittenAt ? `, written ${report.fingerprints.liveWrittenAt}` : ''}`,
  ].join('\n');
  const calls = `<sub>${callLine(report)} Minimum soak: ${report.minSoakHours} h; checked at ${report.checkedAt}.</sub>`;
  return renderEnvelopeMarkdown(toEnvelope(report), {
    head: { name: 'summary', body: head },
    after: [{ name: 'call counts', body: calls }],
  });
}
