/**
 * The shared HTML report: one self-contained file (no network, a strict Content-Security-Policy): the status,
 * the engine's sections, the findings by level and place with each rule's why in a collapsed `<details>`, the
 * waived findings and the waivers to fix, and a filter box over every row.
 */
import type { Finding, ReportEnvelope, WaiverReference } from '../findings/finding';
import { groupFindings, levelCounts } from './envelope';
import { escapeHtml } from './style';

export interface HtmlReportParts {
  /** The page title and the heading's text. */
  readonly title: string;
  /** `pass` (green) or `fail` (red) styling of the verdict, and its words. */
  readonly verdict: { readonly status: 'pass' | 'fail' | 'unknown'; readonly text: string };
  /** HTML under the heading (summary, notes), already escaped. */
  readonly summary?: string;
  /** The engine's sections before the findings, already HTML. */
  readonly before?: readonly string[];
  /** The engine's sections after the waivers, already HTML. */
  readonly after?: readonly string[];
  /** Extra CSS for the engine's sections. */
  readonly style?: string;
  readonly omitUnusedWaivers?: boolean;
  /** The filter box and its script (default true); false gives a page with no script at all. */
  readonly filter?: boolean;
}

const STYLE =
  `body{font:14px system-ui,sans-serif;margin:2rem;color:#1f2328}h1{font-size:1.4rem}
.pass{color:#1a7f37}.fail{color:#cf222e}.unknown{color:#9a6700}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top;font-family:ui-monospace,monospace;font-size:12px}
th{background:#f6f8fa}td.diff{background:#ffebe9;color:#82071e;font-weight:600}tr.hidden{display:none}pre{margin:0;white-space:pre-wrap}
.expired{color:#cf222e;font-weight:600}#filter{font-size:14px;padding:.3rem;width:24rem}.note{color:#57606a}` +
  'details.why{margin:.2rem 0 .6rem}';

const CSP_META =
  '<meta http-equiv="Content-Security-Policy" ' + `content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">`;

const FILTER_BOX = '<p><input id="filter" type="search" placeholder="Filter by resource, attribute or value"></p>\n';

const SCRIPT = `const box=document.getElementById('filter');box.addEventListener('input',()=>{const q=box.value.toLowerCase();
for(const row of document.querySelectorAll('tr[data-text]')){row.classList.toggle('hidden',q!==''&&!row.dataset.text.includes(q));}});`;

const LEVEL_HEAD = { block: 'Blocking', warn: 'Warnings', info: 'Info' } as const;

/** A table row the filter box can hide: `data-text` is what it searches. */
export function filterRow(cells: readonly string[], text: string, attributes = ''): string {
  return `<tr data-text="${escapeHtml(text.toLowerCase())}"${attributes}>${cells.join('')}</tr>`;
}

function findingRow(f: Finding): string {
  const cells = [
    f.environment ?? '',
    f.address ?? '',
    f.path ?? '',
    f.rule,
    `${f.unknown ? 'unknown: ' : ''}${f.message}`,
    f.expected ?? '',
    f.found ?? '',
  ];
  return filterRow(
    cells.map((c) => `<td>${escapeHtml(c)}</td>`),
    cells.join(' '),
    ' class="finding-item"',
  );
}

export function findingsHtml(envelope: ReportEnvelope): string {
  if (envelope.findings.length === 0) return '<h2>Findings</h2>\n<p class="pass">No findings.</p>';
  const c = levelCounts(envelope.findings);
  const parts = [`<h2>Findings <span class="note">(${c.block} blocking, ${c.warn} warnings, ${c.info} info)</span></h2>`];
  for (const group of groupFindings(envelope.findings)) {
    const all = group.places.flatMap((p) => p.findings);
    const rules = new Map<string, Finding>();
    for (const f of all) if (!rules.has(f.rule)) rules.set(f.rule, f);
    parts.push(
      `<h3 class="${group.level === 'block' ? 'fail' : 'note'}">${LEVEL_HEAD[group.level]} (${all.length})</h3>`,
      `<table class="findings-list level-${group.level}` +
        '"><tr><th>Environment</th><th>Resource</th><th>Attribute</th><th>Rule</th><th>What</th><th>Expected</th><th>Found</th></tr>\n' +
        `${all.map(findingRow).join('\n')}</table>`,
      ...[...rules.values()].map(
        (f) =>
          `<details class="why"><summary>why: ${escapeHtml(f.rule)}</summary><p>${escapeHtml(f.why)}` +
          `${f.docsUrl ? ` See ${escapeHtml(f.docsUrl)}.` : ''}</p></details>`,
      ),
    );
  }
  return parts.join('\n');
}

function waiverRow(cells: readonly string[], state: string): string {
  const all = [...cells.slice(0, 6), state, cells[6]!];
  return filterRow(
    all.map((c, i) => `<td${(i === 5 || i === 6) && state === 'expired' ? ' class="expired"' : ''}>${escapeHtml(c)}</td>`),
    all.join(' '),
  );
}

/** One table: the waived findings (`applied`), then the expired waivers and those that match nothing. */
export function waiversHtml(envelope: ReportEnvelope, omitUnused = false): string {
  const reference = (w: WaiverReference) => [
    w.environment ?? '',
    w.address ?? '',
    w.path ?? '',
    w.rule ?? '',
    w.owner ?? '(none)',
    w.expires ?? '(none)',
    w.reason,
  ];
  const rows = [
    ...envelope.waived.map(({ finding: f, waiver: w }) =>
      waiverRow(
        [f.environment ?? '', f.address ?? '', f.path ?? '', f.rule, w.owner ?? '(none)', w.expires ?? '(none)', w.reason],
        'applied',
      ),
    ),
    ...envelope.expiredWaivers.map((w) => waiverRow(reference(w), 'expired')),
    ...(omitUnused ? [] : envelope.unusedWaivers).map((w) => waiverRow(reference(w), 'matches nothing')),
  ];
  if (rows.length === 0) return '<h2>Waivers</h2>\n<p class="note">No waivers.</p>';
  return (
    '<h2>Waivers</h2>\n<table class="waivers"><tr><th>Environment</th><th>Resource</th><th>Attribute</th><th>Rule</th>' +
    '<th>Owner</th><th>Expires</th><th>State</th><th>Reason</th></tr>\n' +
    `${rows.join('\n')}</table>`
  );
}

export function renderEnvelopeHtml(envelope: ReportEnvelope, parts: HtmlReportParts): string {
  const filter = parts.filter ?? true;
  const sections = [
    ...(parts.before ?? []),
    findingsHtml(envelope),
    waiversHtml(envelope, parts.omitUnusedWaivers),
    ...(parts.after ?? []),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">${CSP_META}
<title>${escapeHtml(parts.title)}: ${envelope.status}</title><style>${STYLE}${parts.style ?? ''}</style></head>
<body><h1>${escapeHtml(parts.title)}: <span class="${parts.verdict.status}">${escapeHtml(parts.verdict.text)}</span></h1>
${parts.summary ?? ''}
${filter ? FILTER_BOX : ''}${sections.join('\n')}
${filter ? `<script>${SCRIPT}</script>` : ''}</body></html>`;
}
