/** Renders the gate's report as text, markdown (for the PR comment) or JSON. */
import { cell, collapsed, fitMarkdown, type MarkdownSection } from '../../shared/report/markdown-budget';
import { formatMs } from '../rule-support/evidence';
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
    .map((w) => [w.rewrite ? `rewrites ${w.table}` : '', w.indexBuild ? `builds an index on ${w.table}` : '', w.rowsRead ? `reads ${w.rowsRead.full.toLocaleString('en-US')} rows of ${w.table}` : ''].filter(Boolean).join(', '))
    .join(', ');
}

/** "users 84,700 of 847,000 rows, authors 500,000 of 500,000 rows (after 1.sql created it)". */
function seededText(report: GateReport): string {
  return report.seeded.map((s) => `${s.table} ${s.sampleRows.toLocaleString('en-US')} of ${s.prodRows.toLocaleString('en-US')} rows${s.afterMigration ? ` (right after ${s.afterMigration} created it, so later migrations meet prod's volume)` : ''}`).join(', ');
}

function oneLine(sql: string, max = 80): string {
  const text = sql.replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

export function renderText(report: GateReport, colour: boolean): string {
  const paint = (code: number, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines = [`Migration gate on PostgreSQL ${report.postgres} (prod ${report.prodVersion}; ${report.server}); migrations: ${report.tool}; new migrations: ${report.selection}.`];
  if (report.seeded.length > 0) lines.push(`Seeded: ${seededText(report)}.`);
  for (const m of report.migrations) {
    const verdict = verdictOf(m);
    lines.push('', `${verdict === 'BLOCKS' ? paint(31, 'BLOCKS') : paint(32, 'passes')}  ${m.file}  (${m.transaction})`);
    for (const s of m.statements) {
      lines.push(`  line ${s.line}: ${oneLine(s.sql)}`, `    ${formatMs(s.durationMs)} at ${s.sampleRows.toLocaleString('en-US')} rows; prod estimate ${range(s)}${locks(s) ? `; locks ${locks(s)}` : ''}${work(s) ? `; ${work(s)}` : ''}`);
    }
    if (m.rehearsalSummary) lines.push(`  under load: ${m.rehearsalSummary}`);
    for (const f of m.findings) lines.push(`  ${f.level === 'blocking' ? paint(31, 'blocking') : f.level}  ${f.rule}: ${f.message}`);
  }
  const blocking = report.migrations.filter((m) => verdictOf(m) === 'BLOCKS').length;
  lines.push('', `${blocking} of ${report.migrations.length} migrations block. Checked in ${formatMs(report.durationMs)}.`);
  return lines.join('\n');
}

function migrationSection(m: MigrationReport): MarkdownSection {
  const table = [
    '| line | statement | sample | prod estimate | locks | work that grows with the table |',
    '| ---: | --- | --- | --- | --- | --- |',
    ...m.statements.map((s) => `| ${s.line} | \`${cell(oneLine(s.sql, 70))}\` | ${formatMs(s.durationMs)} at ${s.sampleRows.toLocaleString('en-US')} rows | ${range(s)} | ${cell(locks(s))} | ${cell(work(s))} |`),
  ].join('\n');
  const ours = m.findings.filter((f) => !f.rule.startsWith('squawk/'));
  const lint = m.findings.filter((f) => f.rule.startsWith('squawk/'));
  const body = [
    `### ${verdictOf(m) === 'BLOCKS' ? ':x:' : ':white_check_mark:'} \`${m.file}\` ${verdictOf(m)}`,
    `Ran as ${cell(m.transaction)}.`,
    ...(m.rehearsalSummary ? [`Under load: ${cell(m.rehearsalSummary)}`] : []),
    ...ours.map((f) => `- **${f.level}** \`${f.rule}\`: ${cell(f.message)}`),
    collapsed(`Statements (${m.statements.length})`, table),
    ...(lint.length ? [collapsed(`squawk (${lint.length})`, lint.map((f) => `- ${f.level} \`${f.rule}\`: ${cell(f.message)}`).join('\n'))] : []),
  ].join('\n\n');
  return { name: m.file, body };
}

export function renderMarkdown(report: GateReport): string {
  const blocking = report.migrations.filter((m) => verdictOf(m) === 'BLOCKS');
  const head = [
    '## Migration gate',
    `${blocking.length === 0 ? ':white_check_mark: No migration blocks.' : `:x: ${blocking.length} of ${report.migrations.length} migrations block: ${blocking.map((m) => `\`${m.file}\``).join(', ')}.`}`,
    `Ran on PostgreSQL ${report.postgres} (prod ${report.prodVersion}), migrations ${cell(report.tool)}, new migrations ${report.selection}, seeded ${cell(seededText(report)) || 'nothing'}; ${formatMs(report.durationMs)}.`,
  ].join('\n\n');
  const ordered = [...blocking, ...report.migrations.filter((m) => verdictOf(m) !== 'BLOCKS')];
  return fitMarkdown([{ name: 'summary', body: head }, ...ordered.map(migrationSection)]);
}

export function renderReport(report: GateReport, format: ReportFormat, colour: boolean): string {
  if (format === 'json') return JSON.stringify(report, null, 2);
  if (format === 'markdown') return renderMarkdown(report);
  return renderText(report, colour);
}
