/**
 * `parity check`'s report in every format: the terminal (a compact matrix per group, differing cells marked,
 * colour only on a TTY), the pull-request comment (the matrix tables split into sections and kept under GitHub's
 * 65,535-character limit, the cut ones named; allowed differences collapsed), one self-contained HTML file (the
 * matrix with differing cells highlighted, a filter box, no network) and JSON (the shared envelope,
 * schemas/check.schema.json, then the report's own fields). Each is the shared renderer of the envelope (findings
 * with each rule's why, waivers) with the matrix as the check's own section.
 */
import { ExitCode } from '../../shared/exit-error';
import { GITHUB_COMMENT_LIMIT, type MarkdownSection, cell, collapsed } from '../../shared/report/markdown-budget';
import { filterRow, renderEnvelopeHtml } from '../../shared/report/render-html';
import { renderEnvelopeJson } from '../../shared/report/render-json';
import { code, renderEnvelopeMarkdown } from '../../shared/report/render-markdown';
import { renderEnvelopeText } from '../../shared/report/render-text';
import { escapeHtml, type TextStyle } from '../../shared/report/style';
import type { CheckReport, GroupReport } from '../check-report';
import { toEnvelope } from '../check-envelope';
import { allowedValues, findingRows, summaryLine } from '../report-rows';

export const FORMATS = ['text', 'markdown', 'json', 'html'] as const;
export type ReportFormat = (typeof FORMATS)[number];

/** `--format json`: the envelope (schemas/check.schema.json), then the report's own fields, kept for one version. */
export function renderJson(report: CheckReport): string {
  const { status: _status, expiredWaivers: _expired, unusedWaivers: _unused, ...legacy } = report;
  return renderEnvelopeJson(toEnvelope(report), legacy);
}

export function renderReport(report: CheckReport, format: ReportFormat, colour: boolean): string {
  if (format === 'json') return renderJson(report);
  if (format === 'markdown') return renderMarkdown(report);
  if (format === 'html') return renderHtml(report);
  return renderText(report, { colour });
}

/** 0 when parity holds, 1 when the check found something. */
export function exitCodeOf(report: CheckReport): number {
  return report.status === 'pass' ? ExitCode.ok : ExitCode.findings;
}

const MAX_CELL = 36;
/** Allowed differences listed per group; the rest are counted (every one is in json and html). */
const MAX_ALLOWED_LINES = 25;

function clip(text: string, width = MAX_CELL): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

function groupBlock(group: GroupReport, s: TextStyle): string[] {
  const lines = [s.bold(`${group.name}: ${group.environments.join(', ')}`)];
  const rows = findingRows(group);
  if (rows.length === 0) lines.push('  parity holds');
  else {
    const label = rows.map((r) => clip(`${r.address} ${r.path}`, 60));
    const labelWidth = Math.max(...label.map((l) => l.length), 'resource attribute'.length);
    const widths = group.environments.map((env, i) => Math.max(env.length, ...rows.map((r) => clip(r.cells[i]!).length + 1)));
    lines.push(
      `  ${'resource attribute'.padEnd(labelWidth)}  ${group.environments.map((env, i) => env.padEnd(widths[i]!)).join('  ')}  rule`,
    );
    rows.forEach((row, r) => {
      const cells = row.cells.map((c, i) => {
        const text = clip(c) + (row.marked[i] ? '*' : '');
        return row.marked[i] ? s.red(text.padEnd(widths[i]!)) : text.padEnd(widths[i]!);
      });
      lines.push(`  ${label[r]!.padEnd(labelWidth)}  ${cells.join('  ')}  ${row.kind}`);
    });
  }
  if (group.waived.length > 0) lines.push(`  waived: ${group.waived.length} (listed under Waived)`);
  if (group.allowed.length > 0) {
    lines.push(`  allowed (${group.allowed.length}):`);
    for (const a of group.allowed.slice(0, MAX_ALLOWED_LINES))
      lines.push(`    ${a.address}${a.path ? ` ${a.path}` : ''}: ${clip(allowedValues(a), 80)}; ${a.allowedBy.kind} ${a.allowedBy.why}`);
    if (group.allowed.length > MAX_ALLOWED_LINES)
      lines.push(`    ... and ${group.allowed.length - MAX_ALLOWED_LINES} more (all of them with \`--format json\` or \`--format html\`)`);
  }
  return lines;
}

export function renderText(report: CheckReport, options: { colour: boolean }): string {
  return renderEnvelopeText(
    toEnvelope(report),
    {
      headline: (s) =>
        `parity check: ${report.status === 'pass' ? s.green('PASS') : s.red('FAIL')}: ` +
        `${summaryLine(report.groups)} (policy: ${report.policy.from})`,
      before: (s) => report.groups.map((g) => groupBlock(g, s)),
      after: (s) => [
        [
          ...(report.policy.defaultsApplied
            ? [`default scale knobs used: ${report.policy.defaultsUsed.length > 0 ? report.policy.defaultsUsed.join(', ') : 'none'}`]
            : []),
          ...report.warnings.map((w) => s.yellow(`warning: ${w}`)),
        ],
      ],
      // The check's warnings name every unused waiver (and whether `--strict` fails it).
      omitUnusedWaivers: true,
    },
    options.colour,
  );
}

/** Matrix rows per markdown section. */
const ROWS_PER_SECTION = 80;

function matrixSections(group: GroupReport): MarkdownSection[] {
  const rows = findingRows(group);
  if (rows.length === 0)
    return [{ name: `${group.name} summary`, body: `### ${group.name} (${group.environments.join(', ')})\n\nParity holds.` }];
  const header =
    `| Resource | Attribute | ${group.environments.map(cell).join(' | ')} | Rule |\n|---|---|` +
    `${group.environments.map(() => '---|').join('')}---|`;
  const sections: MarkdownSection[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_SECTION) {
    const chunk = rows.slice(start, start + ROWS_PER_SECTION);
    const lines = chunk.map(
      (r) =>
        `| ${code(r.address)} | ${code(r.path)} | ` +
        `${r.cells.map((c, i) => (r.marked[i] ? `**${code(c)}**` : code(c))).join(' | ')} | ${r.kind} |`,
    );
    const title =
      start === 0
        ? `### ${group.name} (${group.environments.join(', ')})\n\n${rows.length} finding` +
          `${rows.length === 1 ? '' : 's'}; bold cells differ from the most common value.\n\n`
        : '';
    sections.push({ name: `${group.name} findings ${start + 1}-${start + chunk.length}`, body: `${title}${header}\n${lines.join('\n')}` });
  }
  return sections;
}

function allowedSection(group: GroupReport): MarkdownSection | undefined {
  if (group.allowed.length === 0) return undefined;
  const lines = group.allowed.map(
    (a) =>
      `| ${code(a.address)} | ${code(a.path ?? '(resource)')} | ${code(allowedValues(a))} | ` +
      `${a.allowedBy.kind}: ${cell(a.allowedBy.why)} |`,
  );
  return {
    name: `${group.name} allowed differences`,
    body: collapsed(
      `Allowed differences in ${group.name} (${group.allowed.length}), and why`,
      `| Resource | Attribute | Values | Allowed by |\n|---|---|---|---|\n${lines.join('\n')}`,
    ),
  };
}

export function renderMarkdown(report: CheckReport, limit = GITHUB_COMMENT_LIMIT): string {
  const verdict = report.status === 'pass' ? '✅ parity holds' : '❌ parity broken';
  const notes = [
    ...report.warnings.map((w) => `- ⚠️ ${cell(w)}`),
    ...(report.policy.defaultsApplied
      ? [
          '- Default scale knobs used: ' +
            `${report.policy.defaultsUsed.length > 0 ? report.policy.defaultsUsed.map((k) => code(k)).join(', ') : 'none'}`,
        ]
      : []),
  ];
  const head: MarkdownSection = {
    name: 'summary',
    body:
      `## Parity check: ${verdict}\n\n${summaryLine(report.groups)}. Policy: ` +
      `${cell(report.policy.from)}.${notes.length > 0 ? `\n\n${notes.join('\n')}` : ''}`,
  };
  const allowed = report.groups.map(allowedSection).filter((s): s is MarkdownSection => s !== undefined);
  return renderEnvelopeMarkdown(
    toEnvelope(report),
    { head, before: report.groups.flatMap(matrixSections), after: allowed, omitUnusedWaivers: true },
    limit,
  );
}

function matrixTable(group: GroupReport): string {
  const rows = findingRows(group);
  if (rows.length === 0) return '<p class="pass">Parity holds.</p>';
  const head =
    '<tr><th>Resource</th><th>Attribute</th>' + `${group.environments.map((e) => `<th>${escapeHtml(e)}</th>`).join('')}<th>Rule</th></tr>`;
  const body = rows
    .map((r) => {
      const cells = r.cells.map((c, i) => `<td${r.marked[i] ? ' class="diff"' : ''}>${escapeHtml(c)}</td>`);
      return filterRow(
        [`<td>${escapeHtml(r.address)}</td>`, `<td>${escapeHtml(r.path)}</td>`, ...cells, `<td>${r.kind}</td>`],
        [r.address, r.path, ...r.cells, r.kind].join(' '),
        ' class="finding"',
      );
    })
    .join('\n');
  return `<table class="findings">${head}\n${body}</table>`;
}

function allowedTable(group: GroupReport): string {
  if (group.allowed.length === 0) return '';
  const body = group.allowed
    .map((a) =>
      filterRow(
        [a.address, a.path ?? '(resource)', allowedValues(a)]
          .map((c) => `<td>${escapeHtml(c)}</td>`)
          .concat(`<td>${a.allowedBy.kind}: ${escapeHtml(a.allowedBy.why)}</td>`),
        `${a.address} ${a.path ?? ''} ${a.allowedBy.why}`,
      ),
    )
    .join('\n');
  return (
    `<details><summary>Allowed differences (${group.allowed.length}), and why</summary><table ` +
    'class="allowed"><tr><th>Resource</th><th>Attribute</th><th>Values</th><th>Allowed ' +
    `by</th></tr>\n${body}</table></details>`
  );
}

export function renderHtml(report: CheckReport): string {
  const warnings = report.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('');
  const defaults = report.policy.defaultsApplied
    ? `<p class="note">Default scale knobs used: ${escapeHtml(report.policy.defaultsUsed.join(', ') || 'none')}</p>`
    : '';
  return renderEnvelopeHtml(toEnvelope(report), {
    title: 'Parity check',
    verdict: { status: report.status, text: report.status === 'pass' ? 'parity holds' : 'parity broken' },
    summary:
      `<p id="summary">${escapeHtml(summaryLine(report.groups))}. Policy: ${escapeHtml(report.policy.from)}. ` +
      `Source: ${escapeHtml(report.source)}.</p>${defaults}` +
      `${warnings ? `\n<ul class="warnings">${warnings}</ul>` : ''}`,
    before: report.groups.map(
      (g) =>
        `<section class="group"><h2>${escapeHtml(g.name)} <span class="note">(` +
        `${g.environments.map(escapeHtml).join(', ')})</span></h2>\n${matrixTable(g)}</section>`,
    ),
    after: report.groups.map(allowedTable).filter(Boolean),
    // The warnings above name every unused waiver.
    omitUnusedWaivers: true,
  });
}
