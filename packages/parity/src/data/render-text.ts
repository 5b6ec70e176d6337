/** The data check report for a terminal (and the GitHub step summary's plain part): its sections, then the shared findings. */
import { renderEnvelopeText } from '../shared/report/render-text';
import type { TextStyle } from '../shared/report/style';
import { toEnvelope } from './data-envelope';
import type { DataCheckReport } from './model';
import { formatBytes, formatCount, headline, showSetting, LISTED, showAttribute, volumeRows, volumeRule } from './report-rows';

function sections(report: DataCheckReport, s: TextStyle): string[][] {
  const envs = Object.keys(report.environments);
  const width = Math.max(...envs.map((e) => e.length));
  const environments: string[] = [];
  for (const [name, e] of Object.entries(report.environments)) {
    const status = e.status === 'ok' ? s.green('ok') : e.status === 'differs' ? s.red('differs') : s.yellow('unreadable');
    const detail = e.error ?? `PostgreSQL ${e.serverVersion}${report.timings[name] !== undefined ? `, catalog read in ${report.timings[name]} ms` : ''}`;
    environments.push(`  ${name.padEnd(width)}  ${status}${' '.repeat(Math.max(1, 11 - e.status.length))}${name === report.reference ? '(reference) ' : ''}${detail}`);
  }
  const schema = [`Schema (${report.schema.differences.length})`];
  if (report.schema.differences.length === 0) schema.push('  in parity');
  for (const d of report.schema.differences.slice(0, LISTED)) {
    schema.push(`  ${d.kind} ${d.name} ${d.attribute}: ${envs.filter((e) => e in d.values).map((e) => `${e} ${showAttribute(d.attribute, d.values[e])}`).join(' | ')}`);
    for (const [env, ddl] of Object.entries(d.ddl ?? {})) schema.push(`    to fix ${env}:`, ...ddl.split('\n').map((l) => `      ${l}`));
  }
  if (report.schema.differences.length > LISTED) schema.push(`  ... and ${report.schema.differences.length - LISTED} more (--format json lists all)`);
  const migrations = [`Migrations (${report.migrations.table ?? 'no applied-migrations table found'})`];
  const missing = Object.entries(report.migrations.missingIn).filter(([, ids]) => ids.length > 0);
  if (missing.length === 0) migrations.push(report.migrations.table ? '  in parity' : '  nothing to compare');
  for (const [env, ids] of missing) migrations.push(`  missing in ${env} (${ids.length}): ${ids.join(', ')}`);
  const settings = [`Settings (${report.settings.length})`];
  if (report.settings.length === 0) settings.push('  in parity');
  for (const x of report.settings) settings.push(`  ${x.name}${x.expected !== undefined ? ` (parameter group: ${x.expected})` : ''}: ${Object.entries(x.values).map(([e, v]) => `${e} ${showSetting(v)}`).join(' | ')}`);
  const low = report.volume.filter((v) => v.status === 'low');
  const volume = [`Volume (${low.length} low of ${report.volume.length}; ${volumeRule(report)})`];
  for (const v of volumeRows(report).slice(0, LISTED)) {
    const cells = Object.entries(v.rows).map(([e, n]) => `${e} ${formatCount(n)} rows, ${formatBytes(v.bytes[e] ?? 0)}`);
    volume.push(`  ${v.status === 'low' ? s.red('low') : 'ok '}  ${v.table}: ${cells.join(' | ')} (minimum ${formatCount(v.minimumRows)})`);
  }
  if (report.volume.length > LISTED) volume.push(`  ... and ${report.volume.length - LISTED} more tables (--format json lists all)`);
  return [environments, schema, migrations, settings, volume];
}

export function renderDataCheckText(report: DataCheckReport, colour = false): string {
  return renderEnvelopeText(toEnvelope(report), { headline: () => headline(report), before: (s) => sections(report, s) }, colour);
}
