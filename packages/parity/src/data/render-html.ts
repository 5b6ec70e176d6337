/** The data check report as one self-contained HTML file (no network): differing cells highlighted, DDL beside each difference. */
import type { DataCheckReport } from './model';
import { formatBytes, formatCount, headline, showSetting, showAttribute, volumeRule } from './report-rows';

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:2rem;color:#1f2328}h1{font-size:1.3rem}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top;font-family:ui-monospace,monospace;font-size:12px}
th{background:#f6f8fa}td.diff{background:#ffebe9;color:#82071e;font-weight:600}pre{margin:0;white-space:pre-wrap}.note{color:#57606a}`;

export function renderDataCheckHtml(report: DataCheckReport): string {
  const envs = Object.keys(report.environments);
  const ref = report.reference;
  const head = (cols: string[]) => `<tr>${cols.map((c) => `<th>${escape(c)}</th>`).join('')}</tr>`;
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
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>parity data check</title><style>${STYLE}</style></head><body>
<h1>${escape(headline(report))}</h1>
<table>${head(['environment', 'status', 'PostgreSQL / error'])}
${envRows}</table>
<h2>Schema</h2>
${report.schema.differences.length === 0 ? '<p>In parity.</p>' : `<table>${head(['kind', 'object', 'attribute', ...envs, 'DDL to bring it in line'])}\n${schemaRows}</table>`}
<h2>Migrations</h2>
<p class="note">${escape(report.migrations.table ?? 'no applied-migrations table found')}</p>
${missing.length === 0 ? '<p>In parity.</p>' : `<ul>${missing.map(([e, ids]) => `<li>missing in <b>${escape(e)}</b>: ${ids.map(escape).join(', ')}</li>`).join('')}</ul>`}
<h2>Settings</h2>
${report.settings.length === 0 ? '<p>In parity.</p>' : `<table>${head(['setting', 'parameter group', ...envs])}\n${settingRows}</table>`}
<h2>Volume</h2>
<p class="note">${escape(volumeRule(report))}</p>
<table>${head(['table', 'status', 'minimum', ...envs])}
${volumeRows}</table>
</body></html>`;
}
