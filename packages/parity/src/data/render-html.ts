/**
 * The data check report as one self-contained HTML file (no network, no script): differing cells highlighted,
 * DDL beside each difference, then the shared findings with each rule's why collapsed.
 */
import { renderEnvelopeHtml } from '../shared/report/render-html';
import { escapeHtml as escape } from '../shared/report/style';
import { toEnvelope } from './data-envelope';
import type { DataCheckReport } from './model';
import { formatBytes, formatCount, headline, showSetting, showAttribute, volumeRule } from './report-rows';

function head(cols: readonly string[]): string {
  return `<tr>${cols.map((c) => `<th>${escape(c)}</th>`).join('')}</tr>`;
}

function sections(report: DataCheckReport): string[] {
  const envs = Object.keys(report.environments);
  const ref = report.reference;
  const envRows = Object.entries(report.environments)
    .map(([n, e]) => `<tr><td>${escape(n)}${n === ref ? ' (reference)' : ''}</td><td${e.status === 'ok' ? '' : ' class="diff"'}>${e.status}</td><td>${escape(e.error ?? e.serverVersion ?? '')}</td></tr>`)
    .join('\n');
  const schemaRows = report.schema.differences
    .map((d) => {
      const cells = envs.map((e) => `<td${e !== ref && JSON.stringify(d.values[e]) !== JSON.stringify(d.values[ref]) ? ' class="diff"' : ''}>${escape(e in d.values ? showAttribute(d.attribute, d.values[e]) : '(unreadable)')}</td>`).join('');
      const ddl = Object.entries(d.ddl ?? {}).map(([env, sql]) => `<b>${escape(env)}</b><pre>${escape(sql)}</pre>`).join('');
      return `<tr><td>${escape(d.kind)}</td><td>${escape(d.name)}</td><td>${escape(d.attribute)}</td>${cells}<td>${ddl}</td></tr>`;
    })
    .join('\n');
  const missing = Object.entries(report.migrations.missingIn).filter(([, ids]) => ids.length > 0);
  const settingRows = report.settings.map((s) => `<tr><td>${escape(s.name)}</td><td>${escape(s.expected ?? '')}</td>${envs.map((e) => `<td${e !== ref && s.values[e] !== s.values[ref] ? ' class="diff"' : ''}>${escape(showSetting(s.values[e]))}</td>`).join('')}</tr>`).join('\n');
  const volumeRows = report.volume
    .map((v) => `<tr><td>${escape(v.table)}</td><td${v.status === 'low' ? ' class="diff"' : ''}>${v.status}</td><td>${formatCount(v.minimumRows)}</td>${envs.map((e) => `<td${e !== ref && (v.rows[e] ?? Infinity) < v.minimumRows ? ' class="diff"' : ''}>${v.rows[e] === undefined ? '' : `${formatCount(v.rows[e]!)} (${formatBytes(v.bytes[e] ?? 0)})`}</td>`).join('')}</tr>`)
    .join('\n');
  return [
    `<table>${head(['environment', 'status', 'PostgreSQL / error'])}\n${envRows}</table>`,
    `<h2>Schema</h2>\n${report.schema.differences.length === 0 ? '<p>In parity.</p>' : `<table>${head(['kind', 'object', 'attribute', ...envs, 'DDL to bring it in line'])}\n${schemaRows}</table>`}`,
    `<h2>Migrations</h2>\n<p class="note">${escape(report.migrations.table ?? 'no applied-migrations table found')}</p>\n${missing.length === 0 ? '<p>In parity.</p>' : `<ul>${missing.map(([e, ids]) => `<li>missing in <b>${escape(e)}</b>: ${ids.map(escape).join(', ')}</li>`).join('')}</ul>`}`,
    `<h2>Settings</h2>\n${report.settings.length === 0 ? '<p>In parity.</p>' : `<table>${head(['setting', 'parameter group', ...envs])}\n${settingRows}</table>`}`,
    `<h2>Volume</h2>\n<p class="note">${escape(volumeRule(report))}</p>\n<table>${head(['table', 'status', 'minimum', ...envs])}\n${volumeRows}</table>`,
  ];
}

export function renderDataCheckHtml(report: DataCheckReport): string {
  const envelope = toEnvelope(report);
  const text = report.status === 'parity' ? 'in parity' : report.status === 'differences' ? 'differences' : 'unreadable: parity unknown';
  return renderEnvelopeHtml(envelope, {
    title: 'parity data check',
    verdict: { status: envelope.status, text },
    summary: `<p id="summary">${escape(headline(report))}</p>`,
    before: sections(report),
    filter: false,
  });
}
