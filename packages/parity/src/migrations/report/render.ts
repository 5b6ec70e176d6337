/**
 * Renders the gate's report as text, markdown (for the PR comment) or JSON: the shared findings and waivers
 * (each rule's why, squawk's with its docs), with the gate's own sections: per migration, how it ran, each
 * statement's locks, work and prod estimate, and the rehearsal under load.
 */
import type { MarkdownSection } from '../../shared/report/markdown-budget';
import { cell, collapsed } from '../../shared/report/markdown-budget';
import { renderEnvelopeJson } from '../../shared/report/render-json';
import { renderEnvelopeMarkdown } from '../../shared/report/render-markdown';
import { renderEnvelopeText } from '../../shared/report/render-text';
import type { TextStyle } from '../../shared/report/style';
import { formatMs } from '../rule-support/evidence';
import { toEnvelope } from './gate-envelope';
import type { GateReport, MigrationReport, StatementReport } from './gate-report';

export type ReportFormat = 'text' | 'markdown' | 'json';

function verdictOf(m: MigrationReport): 'BLOCKS' | 'passes' {
  return m.findings.some((f) => f.level === 'blocking') ? 'BLOCKS' : 'passes';
}

function range(s: StatementReport): string {
  const { low, high } = s.estimatedProdMs;
  return low === high ? formatMs(low) : `${formatMs(low)}–${formatMs(high)}`;
}

function locks(s: StatementReport): string {
  return s.locks.length === 0 ? '' : s.locks.map((l) => `${l.mode} on ${l.table}`).join(', ');
}

function work(s: StatementReport): string {
  return s.work
    .map((w) =>
      [
        w.rewrite ? `rewrites ${w.table}` : '',
        w.indexBuild ? `builds an index on ${w.table}` : '',
        w.rowsRead ? `reads ${w.rowsRead.full.toLocaleString('en-US')} rows of ${w.table}` : '',
      ]
        .filter(Boolean)
        .join(', '),
    )
    .join(', ');
}

/** "users 84,700 of 847,000 rows, authors 500,000 of 500,000 rows (after 1.sql created it)". */
function seededText(report: GateReport): string {
  return report.seeded
    .map(
      (s) =>
        `${s.table} ${s.sampleRows.toLocaleString('en-US')} of ${s.prodRows.toLocaleString('en-US')} rows` +
        `${s.afterMigration ? ` (right after ${s.afterMigration} created it, so later migrations meet prod's volume)` : ''}`,
    )
    .join(', ');
}

function oneLine(sql: string, max = 80): string {
  const text = sql.replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

function migrationLines(m: MigrationReport, s: TextStyle): string[] {
  const lines = [`${verdictOf(m) === 'BLOCKS' ? s.red('BLOCKS') : s.green('passes')}  ${m.file}  (${m.transaction})`];
  for (const st of m.statements) {
    lines.push(
      `  line ${st.line}: ${oneLine(st.sql)}`,
      `    ${formatMs(st.durationMs)} at ${st.sampleRows.toLocaleString('en-US')} rows; prod estimate ${range(st)}` +
        `${locks(st) ? `; locks ${locks(st)}` : ''}${work(st) ? `; ${work(st)}` : ''}`,
    );
  }
  if (m.rehearsalSummary) lines.push(`  under load: ${m.rehearsalSummary}`);
  const counts = ['blocking', 'warning', 'allowed']
    .map((level) => [level, m.findings.filter((f) => f.level === level).length] as const)
    .filter(([, n]) => n > 0);
  if (counts.length > 0) lines.push(`  findings: ${counts.map(([level, n]) => `${n} ${level}`).join(', ')} (listed under Findings)`);
  return lines;
}

export function renderText(report: GateReport, colour: boolean): string {
  const blocking = report.migrations.filter((m) => verdictOf(m) === 'BLOCKS').length;
  return renderEnvelopeText(
    toEnvelope(report),
    {
      headline: () =>
        [
          `Migration gate on PostgreSQL ${report.postgres} (prod ${report.prodVersion}; ${report.server}); ` +
            `migrations: ${report.tool}; new migrations: ${report.selection}.`,
          ...(report.seeded.length > 0 ? [`Seeded: ${seededText(report)}.`] : []),
        ].join('\n'),
      before: (s) => report.migrations.map((m) => migrationLines(m, s)),
      after: () => [[`${blocking} of ${report.migrations.length} migrations block. Checked in ${formatMs(report.durationMs)}.`]],
    },
    colour,
  );
}

function migrationSection(m: MigrationReport): MarkdownSection {
  const table = [
    '| line | statement | sample | prod estimate | locks | work that grows with the table |',
    '| ---: | --- | --- | --- | --- | --- |',
    ...m.statements.map(
      (s) =>
        `| ${s.line} | \`${cell(oneLine(s.sql, 70))}\` | ${formatMs(s.durationMs)} at ${s.sampleRows.toLocaleString('en-US')} rows | ` +
        `${range(s)} | ${cell(locks(s))} | ${cell(work(s))} |`,
    ),
  ].join('\n');
  const body = [
    `### ${verdictOf(m) === 'BLOCKS' ? ':x:' : ':white_check_mark:'} \`${m.file}\` ${verdictOf(m)}`,
    `Ran as ${cell(m.transaction)}.`,
    ...(m.rehearsalSummary ? [`Under load: ${cell(m.rehearsalSummary)}`] : []),
    collapsed(`Statements (${m.statements.length})`, table),
  ].join('\n\n');
  return { name: m.file, body };
}

export function renderMarkdown(report: GateReport): string {
  const blocking = report.migrations.filter((m) => verdictOf(m) === 'BLOCKS');
  const head = [
    '## Migration gate',
    `${
      blocking.length === 0
        ? ':white_check_mark: No migration blocks.'
        : `:x: ${blocking.length} of ${report.migrations.length} ` + `migrations block: ${blocking.map((m) => `\`${m.file}\``).join(', ')}.`
    }`,
    `Ran on PostgreSQL ${report.postgres} (prod ${report.prodVersion}), migrations ${cell(report.tool)}, ` +
      `new migrations ${report.selection}, seeded ${cell(seededText(report)) || 'nothing'}; ` +
      `${formatMs(report.durationMs)}.`,
  ].join('\n\n');
  const ordered = [...blocking, ...report.migrations.filter((m) => verdictOf(m) !== 'BLOCKS')];
  return renderEnvelopeMarkdown(toEnvelope(report), { head: { name: 'summary', body: head }, after: ordered.map(migrationSection) });
}

/** `--format json`: the envelope (schemas/migrations.schema.json), then the report's fields; its `tool` is now `migrationTool`. */
export function renderJson(report: GateReport): string {
  const { tool, ...rest } = report;
  return renderEnvelopeJson(toEnvelope(report), { ...rest, migrationTool: tool });
}

export function renderReport(report: GateReport, format: ReportFormat, colour: boolean): string {
  if (format === 'json') return renderJson(report);
  if (format === 'markdown') return renderMarkdown(report);
  return renderText(report, colour);
}
