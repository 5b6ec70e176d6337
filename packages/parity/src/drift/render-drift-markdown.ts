/**
 * Renders a drift report as markdown for an issue or a pull request comment, within GitHub's limit: the status
 * per environment and service, what each comparison found, then the shared findings (each rule's why collapsed).
 */
import { cell, collapsed, type MarkdownSection } from '../shared/report/markdown-budget';
import { renderEnvelopeMarkdown } from '../shared/report/render-markdown';
import { toEnvelope } from './drift-envelope';
import { SERVICES, type DriftReport } from './drift-report';
import { callSummary, listKeys } from './render-drift-text';

const STATUS_MARK = { ok: '✅ ok', drift: '❌ drift', unreadable: '⚠️ unreadable', 'not-checked': '➖ not checked' } as const;

/** Keys listed per environment in markdown, so one huge list cannot push everything else out. */
const MARKDOWN_KEYS = 300;

export function renderDriftMarkdown(report: DriftReport, limit?: number): string {
  const sections: MarkdownSection[] = [];
  const envRows = Object.entries(report.environments).map(([name, e]) => `| ${cell(name)} | ${STATUS_MARK[e.status]} | ${SERVICES.map((s) => STATUS_MARK[e.services[s].status]).join(' | ')} | ${cell(e.status === 'unreadable' ? e.error ?? '' : `account ${e.accountId ?? '?'}`)} |`);
  sections.push({ name: 'summary', body: ['## `parity drift`', '', `| Environment | Status | ${SERVICES.join(' | ')} | Detail |`, `|---|---|${SERVICES.map(() => '---|').join('')}---|`, ...envRows].join('\n') });

  const ssm: string[] = [];
  for (const [env, keys] of Object.entries(report.ssm.missingIn)) if (keys.length > 0) ssm.push(collapsed(`Missing in <b>${env}</b> (${keys.length})`, `\`${listKeys(keys, MARKDOWN_KEYS)}\``));
  for (const [env, keys] of Object.entries(report.ssm.unmanaged)) if (keys.length > 0) ssm.push(collapsed(`Unmanaged in <b>${env}</b>: not declared in config/ (${keys.length})`, `\`${listKeys(keys, MARKDOWN_KEYS)}\``));
  if (report.ssm.typeMismatch.length > 0) {
    ssm.push(['| Key | Declared | Live |', '|---|---|---|', ...report.ssm.typeMismatch.map((m) => `| \`${cell(m.key)}\` | ${m.declared ?? '(not declared)'} | ${cell(Object.entries(m.live).map(([env, t]) => `${env}: ${t}`).join(', '))} |`)].join('\n'));
  }
  if (report.ssm.valueMismatch.length > 0) {
    ssm.push(['| Environment | Key | Declared | Live |', '|---|---|---|---|', ...report.ssm.valueMismatch.map((m) => `| ${m.environment} | \`${cell(m.key)}\` | \`${cell(m.declared)}\`${m.expectedFrom ? ` (${cell(m.expectedFrom)})` : ''} | \`${cell(m.live)}\` |`)].join('\n'));
  }
  if (report.ssm.crossEnvironment.length > 0) {
    ssm.push(['**Values pointing at another environment**', '', '| Environment | Key | Points at | Because of | Live |', '|---|---|---|---|---|', ...report.ssm.crossEnvironment.map((r) => `| ${r.environment} | \`${cell(r.key)}\` | ${r.references} | ${r.kind} \`${cell(r.match)}\` | \`${cell(r.live)}\` |`)].join('\n'));
  }
  sections.push({ name: 'SSM keys', body: ['### SSM keys', '', ssm.length > 0 ? ssm.join('\n\n') : Object.keys(report.ssm.missingIn).length > 0 ? 'In parity.' : 'Unknown: no environment could be read.'].join('\n') });

  const envNames = Object.keys(report.environments);
  const engineRows = report.engines.map((e) => {
    const live = envNames.map((env) => {
      const value = e.live[env] === undefined ? '' : e.live[env] ?? 'unknown';
      const pending = (e.pending[env] ?? []).map((p) => `<br>pending: ${p}`).join('');
      return cell(`${value}${e.driftIn.includes(env) ? ' ❌' : ''}${pending}`);
    });
    return `| ${e.service} | \`${cell(e.resource)}\` | ${cell(e.declared)} | ${live.join(' | ')} |`;
  });
  sections.push({ name: 'engine versions', body: ['### Engine versions', '', `| Service | Resource | Declared | ${envNames.join(' | ')} |`, `|---|---|---|${envNames.map(() => '---|').join('')}`, ...engineRows].join('\n') });

  if (report.layout.length > 0) {
    const rows = report.layout.map((m) => `| ${m.environment} | ${m.service} | \`${cell(m.resource)}\` | ${m.attribute} | ${cell(String(m.declared))} | ${cell(String(m.live ?? 'unknown'))} |`);
    sections.push({ name: 'layout', body: ['### Layout differing from config/', '', '| Environment | Service | Resource | Attribute | Declared | Live |', '|---|---|---|---|---|---|', ...rows].join('\n') });
  }
  for (const [env, entries] of Object.entries(report.terraform)) {
    const rows = entries.map((d) => `| \`${cell(d.address)}\` | ${d.action === 'delete' ? 'deleted outside Terraform' : cell(d.changedPaths.map((p) => `\`${p}\``).join(', '))} |`);
    const body = entries.length === 0 ? 'No drift.' : collapsed(`${entries.length} drifted resources`, ['| Address | Changed |', '|---|---|', ...rows].join('\n'));
    sections.push({ name: `terraform drift for ${env}`, body: `### Terraform drift: ${env}\n\n${body}` });
  }
  const [head, ...before] = sections;
  return renderEnvelopeMarkdown(toEnvelope(report), { head: head!, before, after: [{ name: 'call counts', body: `<sub>${callSummary(report)}</sub>` }] }, limit);
}
