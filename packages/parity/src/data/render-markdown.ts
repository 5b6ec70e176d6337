/** The data check report as GitHub-flavoured markdown (step summary, drift issue body): its sections, then the shared findings. */
import type { MarkdownSection } from '../shared/report/markdown-budget';
import { renderEnvelopeMarkdown } from '../shared/report/render-markdown';
import { toEnvelope } from './data-envelope';
import type { DataCheckReport } from './model';
import { formatBytes, formatCount, headline, showSetting, LISTED, showAttribute, volumeRows, volumeRule } from './report-rows';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, '<br>');

export function renderDataCheckMarkdown(report: DataCheckReport): string {
  const envs = Object.keys(report.environments);
  const sections: MarkdownSection[] = [];
  let out = [`## ${headline(report)}`, '', '| environment | status | PostgreSQL | catalog read |', '|---|---|---|---|'];
  const section = (name: string) => {
    sections.push({ name, body: out.join('\n').trim() });
    out = [];
  };
  for (const [name, e] of Object.entries(report.environments)) {
    out.push(`| ${name}${name === report.reference ? ' (reference)' : ''} | ${e.status === 'ok' ? 'ok' : `**${e.status}**`} | ${cell(e.error ?? e.serverVersion ?? '')} | ${report.timings[name] !== undefined ? `${report.timings[name]} ms` : ''} |`);
  }
  section('summary');
  out.push(`### Schema (${report.schema.differences.length})`, '');
  if (report.schema.differences.length === 0) out.push('In parity.');
  else {
    out.push(`| object | attribute | ${envs.join(' | ')} |`, `|---|---|${envs.map(() => '---').join('|')}|`);
    for (const d of report.schema.differences.slice(0, LISTED)) {
      out.push(`| ${d.kind} \`${cell(d.name)}\` | ${d.attribute} | ${envs.map((e) => cell(e in d.values ? showAttribute(d.attribute, d.values[e]) : '(unreadable)')).join(' | ')} |`);
    }
    if (report.schema.differences.length > LISTED) out.push('', `… and ${report.schema.differences.length - LISTED} more (\`--format json\` lists all).`);
    const fixes = report.schema.differences.slice(0, LISTED).flatMap((d) => Object.entries(d.ddl ?? {}).map(([env, ddl]) => `-- ${env}: ${d.kind} ${d.name} ${d.attribute}\n${ddl}`));
    if (fixes.length > 0) out.push('', '<details><summary>DDL that brings the lagging environments in line</summary>', '', '```sql', ...fixes, '```', '', '</details>');
  }
  section('schema');
  out.push(`### Migrations (${report.migrations.table ? `\`${report.migrations.table}\`` : 'no applied-migrations table found'})`, '');
  const missing = Object.entries(report.migrations.missingIn).filter(([, ids]) => ids.length > 0);
  if (missing.length === 0) out.push(report.migrations.table ? 'In parity.' : 'Nothing to compare.');
  for (const [env, ids] of missing) out.push(`- missing in **${env}** (${ids.length}): ${ids.map((id) => `\`${id}\``).join(', ')}`);
  section('migrations');
  out.push(`### Settings (${report.settings.length})`, '');
  if (report.settings.length === 0) out.push('In parity.');
  else {
    out.push(`| setting | parameter group | ${envs.join(' | ')} |`, `|---|---|${envs.map(() => '---').join('|')}|`);
    for (const s of report.settings) out.push(`| \`${s.name}\` | ${s.expected !== undefined ? `\`${cell(s.expected)}\`` : ''} | ${envs.map((e) => cell(e in s.values ? showSetting(s.values[e]) : '(unreadable)')).join(' | ')} |`);
  }
  const low = report.volume.filter((v) => v.status === 'low');
  section('settings');
  out.push(`### Volume (${low.length} low of ${report.volume.length})`, '', `_${volumeRule(report)}_`, '');
  if (report.volume.length > 0) {
    out.push(`| table | status | minimum | ${envs.join(' | ')} |`, `|---|---|---|${envs.map(() => '---').join('|')}|`);
    for (const v of volumeRows(report).slice(0, LISTED)) {
      out.push(`| \`${v.table}\` | ${v.status === 'low' ? '**low**' : 'ok'} | ${formatCount(v.minimumRows)} | ${envs.map((e) => (v.rows[e] === undefined ? '' : `${formatCount(v.rows[e]!)} (${formatBytes(v.bytes[e] ?? 0)})`)).join(' | ')} |`);
    }
    if (report.volume.length > LISTED) out.push('', `… and ${report.volume.length - LISTED} more tables.`);
  }
  section('volume');
  const [head, ...before] = sections;
  return renderEnvelopeMarkdown(toEnvelope(report), { head: head!, before });
}
