/**
 * Renders a drift report for a terminal and as markdown (an issue or a pull-request comment, within GitHub's
 * limit): the status per environment and part, what each comparison found, the shared findings (each rule's why
 * shown; collapsed in markdown), the call counts.
 */
import { cell, collapsed, type MarkdownSection } from '../shared/report/markdown-budget';
import { renderEnvelopeMarkdown } from '../shared/report/render-markdown';
import { renderEnvelopeText } from '../shared/report/render-text';
import { toEnvelope } from './drift-envelope';
import { SERVICES, type DriftReport, type ServiceStatus } from './drift-report';

const STATUS_COLOUR: Record<ServiceStatus, number> = { ok: 32, drift: 31, unreadable: 33, 'not-checked': 2 };

/** Long key lists are cut to this many names in text and markdown; `--format json` has them all. */
export const LISTED_KEYS = 50;

export function listKeys(keys: readonly string[], limit = LISTED_KEYS): string {
  const shown = keys.slice(0, limit).join(', ');
  return keys.length > limit ? `${shown} and ${keys.length - limit} more` : shown;
}

export function callSummary(report: DriftReport): string {
  const perEnv = Object.entries(report.calls).map(([env, services]) => {
    const requests = Object.values(services).reduce((n, c) => n + c.requests, 0);
    const detail = Object.entries(services)
      .map(([service, c]) => `${service} ${c.requests}${c.retries ? ` (${c.retries} retries)` : ''}`)
      .join(', ');
    return `${env}: ${requests} (${detail})`;
  });
  return `${report.totals.requests} AWS requests, ${report.totals.retries} retries. ${perEnv.join('; ')}`;
}

function statusBlock(report: DriftReport, paint: (code: number, text: string) => string): string[] {
  const envs = Object.entries(report.environments);
  const width = Math.max(...envs.map(([name]) => name.length));
  const lines: string[] = [];
  for (const [name, e] of envs) {
    const parts = SERVICES.map(
      (service) => `${service} ${paint(STATUS_COLOUR[e.services[service].status], e.services[service].status)}`,
    ).join(', ');
    lines.push(
      `  ${name.padEnd(width)}  ${paint(STATUS_COLOUR[e.status], e.status.padEnd(10))}  ` +
        `${e.accountId ? `account ${e.accountId}; ` : ''}${parts}`,
    );
    // One line per distinct reason, naming every part it made unreadable (a failed account check hits them all).
    const byReason = new Map<string, string[]>();
    for (const service of SERVICES) {
      const part = e.services[service];
      if (part.status === 'unreadable') byReason.set(part.reason ?? '', [...(byReason.get(part.reason ?? '') ?? []), service]);
    }
    for (const [reason, services] of byReason) lines.push(`  ${''.padEnd(width)}  ${services.join(', ')} unreadable: ${reason}`);
  }
  return lines;
}

function ssmBlock(report: DriftReport): string[] {
  const ssm: string[] = [];
  for (const [env, keys] of Object.entries(report.ssm.missingIn))
    if (keys.length > 0) ssm.push(`  missing in ${env} (${keys.length}): ${listKeys(keys)}`);
  for (const [env, keys] of Object.entries(report.ssm.unmanaged))
    if (keys.length > 0) ssm.push(`  unmanaged in ${env} (${keys.length}): ${listKeys(keys)}`);
  for (const m of report.ssm.typeMismatch) {
    ssm.push(
      `  type of ${m.key}: ${m.declared ? `declared ${m.declared}; ` : 'not declared; '}${Object.entries(m.live)
        .map(([env, type]) => `${env} ${type}`)
        .join(', ')}`,
    );
  }
  for (const m of report.ssm.valueMismatch)
    ssm.push(
      `  value of ${m.key} in ${m.environment}: ` +
        `${m.expectedFrom ? `${m.expectedFrom} says ${JSON.stringify(m.declared)}` : `declared ${JSON.stringify(m.declared)}`}, ` +
        `live ${JSON.stringify(m.live)}`,
    );
  for (const r of report.ssm.crossEnvironment)
    ssm.push(`  ${r.key} in ${r.environment} points at ${r.references} (${r.kind} \`${r.match}\`): ${JSON.stringify(r.live)}`);
  const readable = Object.keys(report.ssm.missingIn).length > 0;
  return ['SSM keys', ...(ssm.length > 0 ? ssm : [readable ? '  in parity' : '  unknown: no environment could be read'])];
}

function engineBlocks(report: DriftReport, paint: (code: number, text: string) => string): string[][] {
  const engines = ['Engine versions'];
  for (const e of report.engines) {
    const live = Object.entries(e.live)
      .map(([env, v]) => `${env} ${v ?? 'unknown'}${e.driftIn.includes(env) ? paint(31, ' (drift)') : ''}`)
      .join(', ');
    engines.push(`  ${e.service} ${e.resource}: declared ${e.declared}; ${live}`);
    for (const [env, pending] of Object.entries(e.pending)) for (const p of pending) engines.push(`    pending in ${env}: ${p}`);
  }
  const blocks = [engines];
  if (report.layout.length > 0)
    blocks.push([
      'Layout differing from config/',
      ...report.layout.map(
        (m) => `  ${m.environment} ${m.service} ${m.resource} ${m.attribute}: declared ${m.declared}, live ${m.live ?? 'unknown'}`,
      ),
    ]);
  const terraform = Object.entries(report.terraform);
  if (terraform.length > 0) {
    const lines = ['Terraform drift (refresh-only plans)'];
    for (const [env, entries] of terraform) {
      if (entries.length === 0) lines.push(`  ${env}: none`);
      for (const d of entries)
        lines.push(
          `  ${env}: ${d.address} ${d.action === 'delete' ? 'deleted outside Terraform' : `changed ${d.changedPaths.join(', ')}`}`,
        );
    }
    blocks.push(lines);
  }
  return blocks;
}

/** The status per environment and service, what each comparison found, the shared findings with their why, the call counts. */
export function renderDriftText(report: DriftReport, colour = false): string {
  const paint = (code: number, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const envs = Object.entries(report.environments);
  return renderEnvelopeText(
    toEnvelope(report),
    {
      headline: () => `parity drift: ${envs.map(([name, e]) => `${name} ${paint(STATUS_COLOUR[e.status], e.status)}`).join(', ')}`,
      before: () => [statusBlock(report, paint), ssmBlock(report), ...engineBlocks(report, paint)],
      after: () => [[callSummary(report)]],
    },
    colour,
  );
}

const STATUS_MARK = { ok: '✅ ok', drift: '❌ drift', unreadable: '⚠️ unreadable', 'not-checked': '➖ not checked' } as const;

/** Keys listed per environment in markdown, so one huge list cannot push everything else out. */
const MARKDOWN_KEYS = 300;

export function renderDriftMarkdown(report: DriftReport, limit?: number): string {
  const sections: MarkdownSection[] = [];
  const envRows = Object.entries(report.environments).map(
    ([name, e]) =>
      `| ${cell(name)} | ${STATUS_MARK[e.status]} | ` +
      `${SERVICES.map((s) => STATUS_MARK[e.services[s].status]).join(' | ')} | ` +
      `${cell(e.status === 'unreadable' ? (e.error ?? '') : `account ${e.accountId ?? '?'}`)} |`,
  );
  sections.push({
    name: 'summary',
    body: [
      '## `parity drift`',
      '',
      `| Environment | Status | ${SERVICES.join(' | ')} | Detail |`,
      `|---|---|${SERVICES.map(() => '---|').join('')}---|`,
      ...envRows,
    ].join('\n'),
  });

  const ssm: string[] = [];
  for (const [env, keys] of Object.entries(report.ssm.missingIn))
    if (keys.length > 0) ssm.push(collapsed(`Missing in <b>${env}</b> (${keys.length})`, `\`${listKeys(keys, MARKDOWN_KEYS)}\``));
  for (const [env, keys] of Object.entries(report.ssm.unmanaged))
    if (keys.length > 0)
      ssm.push(collapsed(`Unmanaged in <b>${env}</b>: not declared in config/ (${keys.length})`, `\`${listKeys(keys, MARKDOWN_KEYS)}\``));
  if (report.ssm.typeMismatch.length > 0) {
    ssm.push(
      [
        '| Key | Declared | Live |',
        '|---|---|---|',
        ...report.ssm.typeMismatch.map(
          (m) =>
            `| \`${cell(m.key)}\` | ${m.declared ?? '(not declared)'} | ${cell(
              Object.entries(m.live)
                .map(([env, t]) => `${env}: ${t}`)
                .join(', '),
            )} |`,
        ),
      ].join('\n'),
    );
  }
  if (report.ssm.valueMismatch.length > 0) {
    ssm.push(
      [
        '| Environment | Key | Declared | Live |',
        '|---|---|---|---|',
        ...report.ssm.valueMismatch.map(
          (m) =>
            `| ${m.environment} | \`${cell(m.key)}\` | \`${cell(m.declared)}\`` +
            `${m.expectedFrom ? ` (${cell(m.expectedFrom)})` : ''} | \`${cell(m.live)}\` |`,
        ),
      ].join('\n'),
    );
  }
  if (report.ssm.crossEnvironment.length > 0) {
    ssm.push(
      [
        '**Values pointing at another environment**',
        '',
        '| Environment | Key | Points at | Because of | Live |',
        '|---|---|---|---|---|',
        ...report.ssm.crossEnvironment.map(
          (r) => `| ${r.environment} | \`${cell(r.key)}\` | ${r.references} | ${r.kind} \`${cell(r.match)}\` | \`${cell(r.live)}\` |`,
        ),
      ].join('\n'),
    );
  }
  sections.push({
    name: 'SSM keys',
    body: [
      '### SSM keys',
      '',
      ssm.length > 0
        ? ssm.join('\n\n')
        : Object.keys(report.ssm.missingIn).length > 0
          ? 'In parity.'
          : 'Unknown: no environment could be read.',
    ].join('\n'),
  });

  const envNames = Object.keys(report.environments);
  const engineRows = report.engines.map((e) => {
    const live = envNames.map((env) => {
      const value = e.live[env] === undefined ? '' : (e.live[env] ?? 'unknown');
      const pending = (e.pending[env] ?? []).map((p) => `<br>pending: ${p}`).join('');
      return cell(`${value}${e.driftIn.includes(env) ? ' ❌' : ''}${pending}`);
    });
    return `| ${e.service} | \`${cell(e.resource)}\` | ${cell(e.declared)} | ${live.join(' | ')} |`;
  });
  sections.push({
    name: 'engine versions',
    body: [
      '### Engine versions',
      '',
      `| Service | Resource | Declared | ${envNames.join(' | ')} |`,
      `|---|---|---|${envNames.map(() => '---|').join('')}`,
      ...engineRows,
    ].join('\n'),
  });

  if (report.layout.length > 0) {
    const rows = report.layout.map(
      (m) =>
        `| ${m.environment} | ${m.service} | \`${cell(m.resource)}\` | ${m.attribute} | ` +
        `${cell(String(m.declared))} | ${cell(String(m.live ?? 'unknown'))} |`,
    );
    sections.push({
      name: 'layout',
      body: [
        '### Layout differing from config/',
        '',
        '| Environment | Service | Resource | Attribute | Declared | Live |',
        '|---|---|---|---|---|---|',
        ...rows,
      ].join('\n'),
    });
  }
  for (const [env, entries] of Object.entries(report.terraform)) {
    const rows = entries.map(
      (d) =>
        `| \`${cell(d.address)}\` | ` +
        `${d.action === 'delete' ? 'deleted outside Terraform' : cell(d.changedPaths.map((p) => `\`${p}\``).join(', '))} |`,
    );
    const body =
      entries.length === 0
        ? 'No drift.'
        : collapsed(`${entries.length} drifted resources`, ['| Address | Changed |', '|---|---|', ...rows].join('\n'));
    sections.push({ name: `terraform drift for ${env}`, body: `### Terraform drift: ${env}\n\n${body}` });
  }
  const [head, ...before] = sections;
  return renderEnvelopeMarkdown(
    toEnvelope(report),
    { head: head!, before, after: [{ name: 'call counts', body: `<sub>${callSummary(report)}</sub>` }] },
    limit,
  );
}
