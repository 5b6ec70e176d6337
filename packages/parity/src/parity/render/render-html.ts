/**
 * One self-contained HTML file (no network): the environment matrix per group with differing cells
 * highlighted, a filter box, the waivers with their expiry, and the allowed differences.
 */
import type { CheckReport, GroupReport } from '../check-report';
import { allowedValues, findingRows, summaryLine } from '../report-rows';

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:2rem;color:#1f2328}h1{font-size:1.4rem}
.pass{color:#1a7f37}.fail{color:#cf222e}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top;font-family:ui-monospace,monospace;font-size:12px}
th{background:#f6f8fa}td.diff{background:#ffebe9;color:#82071e;font-weight:600}tr.hidden{display:none}
.expired{color:#cf222e;font-weight:600}#filter{font-size:14px;padding:.3rem;width:24rem}.note{color:#57606a}`;

const SCRIPT = `const box=document.getElementById('filter');box.addEventListener('input',()=>{const q=box.value.toLowerCase();
for(const row of document.querySelectorAll('tr[data-text]')){row.classList.toggle('hidden',q!==''&&!row.dataset.text.includes(q));}});`;

function findingsTable(group: GroupReport): string {
  const rows = findingRows(group);
  if (rows.length === 0) return '<p class="pass">Parity holds.</p>';
  const head = `<tr><th>Resource</th><th>Attribute</th>${group.environments.map((e) => `<th>${escape(e)}</th>`).join('')}<th>Rule</th></tr>`;
  const body = rows
    .map((r) => {
      const text = escape([r.address, r.path, ...r.cells, r.kind].join(' ').toLowerCase());
      const cells = r.cells.map((c, i) => `<td${r.marked[i] ? ' class="diff"' : ''}>${escape(c)}</td>`).join('');
      return `<tr class="finding" data-text="${text}"><td>${escape(r.address)}</td><td>${escape(r.path)}</td>${cells}<td>${r.kind}</td></tr>`;
    })
    .join('\n');
  return `<table class="findings">${head}\n${body}</table>`;
}

function waiversTable(report: CheckReport): string {
  const rows = [
    ...report.groups.flatMap((g) => g.waived.map((w) => ({ group: g.name, address: w.finding.address, path: 'path' in w.finding ? w.finding.path : '(resource)', waiver: w.waiver, state: 'applied' }))),
    ...report.expiredWaivers.map((w) => ({ group: '', address: w.address ?? `rule ${w.rule}`, path: w.path ?? '', waiver: w, state: 'expired' })),
    ...report.unusedWaivers.map((w) => ({ group: '', address: w.address ?? `rule ${w.rule}`, path: w.path ?? '', waiver: w, state: 'matches nothing' })),
  ];
  if (rows.length === 0) return '<p class="note">No waivers.</p>';
  const body = rows
    .map((r) => `<tr data-text="${escape(`${r.address} ${r.path} ${r.waiver.owner} ${r.waiver.reason}`.toLowerCase())}"><td>${escape(r.group)}</td><td>${escape(r.address)}</td><td>${escape(r.path)}</td><td>${escape(r.waiver.owner)}</td><td${r.state === 'expired' ? ' class="expired"' : ''}>${escape(r.waiver.expires)}</td><td>${r.state}</td><td>${escape(r.waiver.reason)}</td></tr>`)
    .join('\n');
  return `<table class="waivers"><tr><th>Group</th><th>Resource</th><th>Attribute</th><th>Owner</th><th>Expires</th><th>State</th><th>Reason</th></tr>\n${body}</table>`;
}

function allowedTable(group: GroupReport): string {
  if (group.allowed.length === 0) return '';
  const body = group.allowed
    .map((a) => `<tr data-text="${escape(`${a.address} ${a.path ?? ''} ${a.allowedBy.why}`.toLowerCase())}"><td>${escape(a.address)}</td><td>${escape(a.path ?? '(resource)')}</td><td>${escape(allowedValues(a))}</td><td>${a.allowedBy.kind}: ${escape(a.allowedBy.why)}</td></tr>`)
    .join('\n');
  return `<details><summary>Allowed differences (${group.allowed.length}), and why</summary><table class="allowed"><tr><th>Resource</th><th>Attribute</th><th>Values</th><th>Allowed by</th></tr>\n${body}</table></details>`;
}

export function renderHtml(report: CheckReport): string {
  const groups = report.groups
    .map((g) => `<section class="group"><h2>${escape(g.name)} <span class="note">(${g.environments.map(escape).join(', ')})</span></h2>\n${findingsTable(g)}\n${allowedTable(g)}</section>`)
    .join('\n');
  const warnings = report.warnings.map((w) => `<li>${escape(w)}</li>`).join('');
  const defaults = report.policy.defaultsApplied ? `<p class="note">Default scale knobs used: ${escape(report.policy.defaultsUsed.join(', ') || 'none')}</p>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>Parity check: ${report.status}</title><style>${STYLE}</style></head>
<body><h1>Parity check: <span class="${report.status}">${report.status === 'pass' ? 'parity holds' : 'parity broken'}</span></h1>
<p id="summary">${escape(summaryLine(report.groups))}. Policy: ${escape(report.policy.from)}. Source: ${escape(report.source)}.</p>${defaults}
${warnings ? `<ul class="warnings">${warnings}</ul>` : ''}
<p><input id="filter" type="search" placeholder="Filter by resource, attribute or value"></p>
${groups}
<h2>Waivers</h2>
${waiversTable(report)}
<script>${SCRIPT}</script></body></html>`;
}
