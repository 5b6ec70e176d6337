/**
 * One self-contained HTML file (no network): the environment matrix per group with differing cells
 * highlighted, then the shared findings (each rule's why collapsed) and waivers with their expiry, the
 * allowed differences, and a filter box over every row.
 */
import { filterRow, renderEnvelopeHtml } from '../../shared/report/render-html';
import { escapeHtml as escape } from '../../shared/report/style';
import type { CheckReport, GroupReport } from '../check-report';
import { toEnvelope } from '../check-envelope';
import { allowedValues, findingRows, summaryLine } from '../report-rows';

function matrixTable(group: GroupReport): string {
  const rows = findingRows(group);
  if (rows.length === 0) return '<p class="pass">Parity holds.</p>';
  const head = `<tr><th>Resource</th><th>Attribute</th>${group.environments.map((e) => `<th>${escape(e)}</th>`).join('')}<th>Rule</th></tr>`;
  const body = rows
    .map((r) => {
      const cells = r.cells.map((c, i) => `<td${r.marked[i] ? ' class="diff"' : ''}>${escape(c)}</td>`);
      return filterRow([`<td>${escape(r.address)}</td>`, `<td>${escape(r.path)}</td>`, ...cells, `<td>${r.kind}</td>`], [r.address, r.path, ...r.cells, r.kind].join(' '), ' class="finding"');
    })
    .join('\n');
  return `<table class="findings">${head}\n${body}</table>`;
}

function allowedTable(group: GroupReport): string {
  if (group.allowed.length === 0) return '';
  const body = group.allowed
    .map((a) => filterRow([a.address, a.path ?? '(resource)', allowedValues(a)].map((c) => `<td>${escape(c)}</td>`).concat(`<td>${a.allowedBy.kind}: ${escape(a.allowedBy.why)}</td>`), `${a.address} ${a.path ?? ''} ${a.allowedBy.why}`))
    .join('\n');
  return `<details><summary>Allowed differences (${group.allowed.length}), and why</summary><table class="allowed"><tr><th>Resource</th><th>Attribute</th><th>Values</th><th>Allowed by</th></tr>\n${body}</table></details>`;
}

export function renderHtml(report: CheckReport): string {
  const warnings = report.warnings.map((w) => `<li>${escape(w)}</li>`).join('');
  const defaults = report.policy.defaultsApplied ? `<p class="note">Default scale knobs used: ${escape(report.policy.defaultsUsed.join(', ') || 'none')}</p>` : '';
  return renderEnvelopeHtml(toEnvelope(report), {
    title: 'Parity check',
    verdict: { status: report.status, text: report.status === 'pass' ? 'parity holds' : 'parity broken' },
    summary: `<p id="summary">${escape(summaryLine(report.groups))}. Policy: ${escape(report.policy.from)}. Source: ${escape(report.source)}.</p>${defaults}${warnings ? `\n<ul class="warnings">${warnings}</ul>` : ''}`,
    before: report.groups.map((g) => `<section class="group"><h2>${escape(g.name)} <span class="note">(${g.environments.map(escape).join(', ')})</span></h2>\n${matrixTable(g)}</section>`),
    after: report.groups.map(allowedTable).filter(Boolean),
    // The warnings above name every unused waiver.
    omitUnusedWaivers: true,
  });
}
