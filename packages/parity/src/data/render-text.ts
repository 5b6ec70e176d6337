/** The data check report for a terminal (and the GitHub step summary's plain part). */
import type { DataCheckReport } from './model';
import { formatBytes, formatCount, headline, showSetting, LISTED, showAttribute, volumeRows, volumeRule } from './report-rows';

export function renderDataCheckText(report: DataCheckReport, colour = false): string {
  const paint = (code: number, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const envs = Object.keys(report.environments);
  const width = Math.max(...envs.map((e) => e.length));
  const lines = [headline(report), ''];
  for (const [name, e] of Object.entries(report.environments)) {
    const status = e.status === 'ok' ? paint(32, 'ok') : e.status === 'differs' ? paint(31, 'differs') : paint(33, 'unreadable');
    const detail = e.error ?? `PostgreSQL ${e.serverVersion}${report.timings[name] !== undefined ? `, catalog read in ${report.timings[name]} ms` : ''}`;
    lines.push(`  ${name.padEnd(width)}  ${status}${' '.repeat(Math.max(1, 11 - e.status.length))}${name === report.reference ? '(reference) ' : ''}${detail}`);
  }
  lines.push('', `Schema (${report.schema.differences.length})`);
  if (report.schema.differences.length === 0) lines.push('  in parity');
  for (const d of report.schema.differences.slice(0, LISTED)) {
    lines.push(`  ${d.kind} ${d.name} ${d.attribute}: ${envs.filter((e) => e in d.values).map((e) => `${e} ${showAttribute(d.attribute, d.values[e])}`).join(' | ')}`);
    for (const [env, ddl] of Object.entries(d.ddl ?? {})) lines.push(`    to fix ${env}:`, ...ddl.split('\n').map((l) => `      ${l}`));
  }
  if (report.schema.differences.length > LISTED) lines.push(`  ... and ${report.schema.differences.length - LISTED} more (--format json lists all)`);
  lines.push('', `Migrations (${report.migrations.table ?? 'no applied-migrations table found'})`);
  const missing = Object.entries(report.migrations.missingIn).filter(([, ids]) => ids.length > 0);
  if (missing.length === 0) lines.push(report.migrations.table ? '  in parity' : '  nothing to compare');
  for (const [env, ids] of missing) lines.push(`  missing in ${env} (${ids.length}): ${ids.join(', ')}`);
  lines.push('', `Settings (${report.settings.length})`);
  if (report.settings.length === 0) lines.push('  in parity');
  for (const s of report.settings) lines.push(`  ${s.name}${s.expected !== undefined ? ` (parameter group: ${s.expected})` : ''}: ${Object.entries(s.values).map(([e, v]) => `${e} ${showSetting(v)}`).join(' | ')}`);
  const low = report.volume.filter((v) => v.status === 'low');
  lines.push('', `Volume (${low.length} low of ${report.volume.length}; ${volumeRule(report)})`);
  for (const v of volumeRows(report).slice(0, LISTED)) {
    const cells = Object.entries(v.rows).map(([e, n]) => `${e} ${formatCount(n)} rows, ${formatBytes(v.bytes[e] ?? 0)}`);
    lines.push(`  ${v.status === 'low' ? paint(31, 'low') : 'ok '}  ${v.table}: ${cells.join(' | ')} (minimum ${formatCount(v.minimumRows)})`);
  }
  if (report.volume.length > LISTED) lines.push(`  ... and ${report.volume.length - LISTED} more tables (--format json lists all)`);
  return lines.join('\n');
}
