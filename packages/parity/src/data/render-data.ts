/**
 * The data check report for a terminal (and the GitHub step summary's plain part), as GitHub-flavoured markdown
 * (step summary, drift issue body) and as one self-contained HTML file (no network, no script): its sections
 * (environments, schema with the DDL to fix it, migrations, settings, volume), then the shared findings.
 */
import type { MarkdownSection } from '../shared/report/markdown-budget';
import { renderEnvelopeHtml } from '../shared/report/render-html';
import { renderEnvelopeMarkdown } from '../shared/report/render-markdown';
import { renderEnvelopeText } from '../shared/report/render-text';
import { escapeHtml, type TextStyle } from '../shared/report/style';
import { toEnvelope } from './data-envelope';
import type { DataCheckReport } from './model';
import { formatBytes, formatCount, headline, LISTED, showAttribute, showSetting, volumeRows, volumeRule } from './report-rows';

function textSections(report: DataCheckReport, s: TextStyle): string[][] {
  const envs = Object.keys(report.environments);
  const width = Math.max(...envs.map((e) => e.length));
  const environments: string[] = [];
  for (const [name, e] of Object.entries(report.environments)) {
    const status = e.status === 'ok' ? s.green('ok') : e.status === 'differs' ? s.red('differs') : s.yellow('unreadable');
    const detail =
      e.error ?? `PostgreSQL ${e.serverVersion}${report.timings[name] !== undefined ? `, catalog read in ${report.timings[name]} ms` : ''}`;
    environments.push(
      `  ${name.padEnd(width)}  ${status}${' '.repeat(Math.max(1, 11 - e.status.length))}` +
        `${name === report.reference ? '(reference) ' : ''}${detail}`,
    );
  }
  const schema = [`Schema (${report.schema.differences.length})`];
  if (report.schema.differences.length === 0) schema.push('  in parity');
  for (const d of report.schema.differences.slice(0, LISTED)) {
    schema.push(
      `  ${d.kind} ${d.name} ${d.attribute}: ${envs
        .filter((e) => e in d.values)
        .map((e) => `${e} ${showAttribute(d.attribute, d.values[e])}`)
        .join(' | ')}`,
    );
    for (const [env, ddl] of Object.entries(d.ddl ?? {})) schema.push(`    to fix ${env}:`, ...ddl.split('\n').map((l) => `      ${l}`));
  }
  if (report.schema.differences.length > LISTED)
    schema.push(`  ... and ${report.schema.differences.length - LISTED} more (--format json lists all)`);
  const migrations = [`Migrations (${report.migrations.table ?? 'no applied-migrations table found'})`];
  const missing = Object.entries(report.migrations.missingIn).filter(([, ids]) => ids.length > 0);
  if (missing.length === 0) migrations.push(report.migrations.table ? '  in parity' : '  nothing to compare');
  for (const [env, ids] of missing) migrations.push(`  missing in ${env} (${ids.length}): ${ids.join(', ')}`);
  const settings = [`Settings (${report.settings.length})`];
  if (report.settings.length === 0) settings.push('  in parity');
  for (const x of report.settings)
    settings.push(
      `  ${x.name}${x.expected !== undefined ? ` (parameter group: ${x.expected})` : ''}: ${Object.entries(x.values)
        .map(([e, v]) => `${e} ${showSetting(v)}`)
        .join(' | ')}`,
    );
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
  return renderEnvelopeText(toEnvelope(report), { headline: () => headline(report), before: (s) => textSections(report, s) }, colour);
}

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
    out.push(
      `| ${name}${name === report.reference ? ' (reference)' : ''} | ${e.status === 'ok' ? 'ok' : `**${e.status}**`} | ` +
        `${cell(e.error ?? e.serverVersion ?? '')} | ${report.timings[name] !== undefined ? `${report.timings[name]} ms` : ''} |`,
    );
  }
  section('summary');
  out.push(`### Schema (${report.schema.differences.length})`, '');
  if (report.schema.differences.length === 0) out.push('In parity.');
  else {
    out.push(`| object | attribute | ${envs.join(' | ')} |`, `|---|---|${envs.map(() => '---').join('|')}|`);
    for (const d of report.schema.differences.slice(0, LISTED)) {
      out.push(
        `| ${d.kind} \`${cell(d.name)}\` | ${d.attribute} | ` +
          `${envs.map((e) => cell(e in d.values ? showAttribute(d.attribute, d.values[e]) : '(unreadable)')).join(' | ')} |`,
      );
    }
    if (report.schema.differences.length > LISTED)
      out.push('', `… and ${report.schema.differences.length - LISTED} more (\`--format json\` lists all).`);
    const fixes = report.schema.differences
      .slice(0, LISTED)
      .flatMap((d) => Object.entries(d.ddl ?? {}).map(([env, ddl]) => `-- ${env}: ${d.kind} ${d.name} ${d.attribute}\n${ddl}`));
    if (fixes.length > 0)
      out.push(
        '',
        '<details><summary>DDL that brings the lagging environments in line</summary>',
        '',
        '```sql',
        ...fixes,
        '```',
        '',
        '</details>',
      );
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
    for (const s of report.settings)
      out.push(
        `| \`${s.name}\` | ${s.expected !== undefined ? `\`${cell(s.expected)}\`` : ''} | ` +
          `${envs.map((e) => cell(e in s.values ? showSetting(s.values[e]) : '(unreadable)')).join(' | ')} |`,
      );
  }
  const low = report.volume.filter((v) => v.status === 'low');
  section('settings');
  out.push(`### Volume (${low.length} low of ${report.volume.length})`, '', `_${volumeRule(report)}_`, '');
  if (report.volume.length > 0) {
    out.push(`| table | status | minimum | ${envs.join(' | ')} |`, `|---|---|---|${envs.map(() => '---').join('|')}|`);
    for (const v of volumeRows(report).slice(0, LISTED)) {
      out.push(
        `| \`${v.table}\` | ${v.status === 'low' ? '**low**' : 'ok'} | ${formatCount(v.minimumRows)} | ` +
          `${envs
            .map((e) => (v.rows[e] === undefined ? '' : `${formatCount(v.rows[e]!)}` + ` (${formatBytes(v.bytes[e] ?? 0)})`))
            .join(' | ')} |`,
      );
    }
    if (report.volume.length > LISTED) out.push('', `… and ${report.volume.length - LISTED} more tables.`);
  }
  section('volume');
  const [head, ...before] = sections;
  return renderEnvelopeMarkdown(toEnvelope(report), { head: head!, before });
}

function head(cols: readonly string[]): string {
  return `<tr>${cols.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
}

function htmlSections(report: DataCheckReport): string[] {
  const envs = Object.keys(report.environments);
  const ref = report.reference;
  const envRows = Object.entries(report.environments)
    .map(
      ([n, e]) =>
        `<tr><td>${escapeHtml(n)}${n === ref ? ' (reference)' : ''}</td><td${e.status === 'ok' ? '' : ' class="diff"'}>${e.status}</td>` +
        `<td>${escapeHtml(e.error ?? e.serverVersion ?? '')}</td></tr>`,
    )
    .join('\n');
  const schemaRows = report.schema.differences
    .map((d) => {
      const cells = envs
        .map(
          (e) =>
            `<td${e !== ref && JSON.stringify(d.values[e]) !== JSON.stringify(d.values[ref]) ? ' class="diff"' : ''}>` +
            `${escapeHtml(e in d.values ? showAttribute(d.attribute, d.values[e]) : '(unreadable)')}</td>`,
        )
        .join('');
      const ddl = Object.entries(d.ddl ?? {})
        .map(([env, sql]) => `<b>${escapeHtml(env)}</b><pre>${escapeHtml(sql)}</pre>`)
        .join('');
      return (
        `<tr><td>${escapeHtml(d.kind)}</td><td>${escapeHtml(d.name)}</td><td>${escapeHtml(d.attribute)}</td>` +
        `${cells}<td>${ddl}</td></tr>`
      );
    })
    .join('\n');
  const missing = Object.entries(report.migrations.missingIn).filter(([, ids]) => ids.length > 0);
  const settingRows = report.settings
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.name)}</td><td>${escapeHtml(s.expected ?? '')}</td>` +
        `${envs
          .map(
            (e) =>
              `<td${e !== ref && s.values[e] !== s.values[ref] ? ' class="diff"' : ''}>` + `${escapeHtml(showSetting(s.values[e]))}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('\n');
  const volumeTable = report.volume
    .map(
      (v) =>
        `<tr><td>${escapeHtml(v.table)}</td><td${v.status === 'low' ? ' class="diff"' : ''}>${v.status}</td>` +
        `<td>${formatCount(v.minimumRows)}</td>` +
        `${envs
          .map(
            (e) =>
              `<td${e !== ref && (v.rows[e] ?? Infinity) < v.minimumRows ? ' class="diff"' : ''}>` +
              `${v.rows[e] === undefined ? '' : `${formatCount(v.rows[e]!)}` + ` (${formatBytes(v.bytes[e] ?? 0)})`}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('\n');
  return [
    `<table>${head(['environment', 'status', 'PostgreSQL / error'])}\n${envRows}</table>`,
    `<h2>Schema</h2>\n` +
      `${
        report.schema.differences.length === 0
          ? '<p>In parity.</p>'
          : `<table>${head(['kind', 'object', 'attribute', ...envs, 'DDL to bring it in line'])}` + `\n${schemaRows}</table>`
      }`,
    `<h2>Migrations</h2>\n<p class="note">${escapeHtml(report.migrations.table ?? 'no applied-migrations table found')}</p>` +
      `\n${
        missing.length === 0
          ? '<p>In parity.</p>'
          : `<ul>${missing
              .map(([e, ids]) => `<li>missing in <b>${escapeHtml(e)}</b>` + `: ${ids.map(escapeHtml).join(', ')}</li>`)
              .join('')}</ul>`
      }`,
    `<h2>Settings</h2>\n` +
      `${
        report.settings.length === 0
          ? '<p>In parity.</p>'
          : `<table>${head(['setting', 'parameter group', ...envs])}` + `\n${settingRows}</table>`
      }`,
    `<h2>Volume</h2>\n<p class="note">${escapeHtml(volumeRule(report))}</p>` +
      `\n<table>${head(['table', 'status', 'minimum', ...envs])}\n${volumeTable}</table>`,
  ];
}

export function renderDataCheckHtml(report: DataCheckReport): string {
  const envelope = toEnvelope(report);
  const text = report.status === 'parity' ? 'in parity' : report.status === 'differences' ? 'differences' : 'unreadable: parity unknown';
  return renderEnvelopeHtml(envelope, {
    title: 'parity data check',
    verdict: { status: envelope.status, text },
    summary: `<p id="summary">${escapeHtml(headline(report))}</p>`,
    before: htmlSections(report),
    filter: false,
  });
}
