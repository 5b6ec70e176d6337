/**
 * The shared pull-request comment: the engine's head (marker, title, status), its sections, then the findings
 * grouped by level and place with each rule's why collapsed, the waived findings and the expired and unused
 * waivers; kept under GitHub's comment limit by {@link fitMarkdown} (sections in priority order, the cut named).
 */
import type { Finding, ReportEnvelope, WaiverReference } from '../findings/finding';
import { groupFindings, waiverTarget } from './envelope';
import { GITHUB_COMMENT_LIMIT, type MarkdownSection, cell, collapsed, fitMarkdown } from './markdown-budget';

export interface MarkdownReportParts {
  /** The first section: marker, title, status (never cut). */
  readonly head: MarkdownSection;
  /** The engine's sections before the findings (in priority order). */
  readonly before?: readonly MarkdownSection[];
  /** The engine's sections after the waivers. */
  readonly after?: readonly MarkdownSection[];
  readonly omitUnusedWaivers?: boolean;
  readonly findings?: FindingSectionOptions;
}

/** Table rows per section, so a long list is cut by section, not all at once. */
const ROWS_PER_SECTION = 80;
/** Findings listed before "and N more" (every one is in `--format json`). */
const MAX_LISTED = 150;
const MAX_VALUE = 120;

/** Inline code, clipped, safe in a table cell. */
export function code(text: string, max = MAX_VALUE): string {
  const clipped = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return `\`${cell(clipped).replace(/`/g, "'")}\``;
}

const LEVEL_HEAD = { block: 'Blocking', warn: 'Warnings', info: 'Info' } as const;

function what(f: Finding): string {
  const seen = [
    f.path ? `at ${code(f.path)}` : '',
    f.expected !== undefined ? `expected ${code(f.expected)}` : '',
    f.found !== undefined ? `found ${code(f.found)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${f.unknown ? '**unknown:** ' : ''}${cell(f.message)}${seen ? ` (${seen})` : ''}`;
}

/** Each rule's why once, collapsed: `<details><summary>why: rule</summary>…</details>`. */
function whys(findings: readonly Finding[]): string {
  const byRule = new Map<string, Finding>();
  for (const f of findings) if (!byRule.has(f.rule)) byRule.set(f.rule, f);
  return [...byRule.values()]
    .map((f) => `<details><summary>why: <code>${f.rule}</code></summary>\n\n${f.why}${f.docsUrl ? ` See ${f.docsUrl}.` : ''}\n\n</details>`)
    .join('\n');
}

export interface FindingSectionOptions {
  /** The heading over all findings (`Findings`; plan review: `Dangerous changes`). */
  readonly title?: string;
  readonly maxListed?: number;
}

/** The findings as tables per level (blocking first), rows ordered by environment and address, each level's whys below. */
export function findingSections(envelope: ReportEnvelope, options: FindingSectionOptions = {}): MarkdownSection[] {
  const max = options.maxListed ?? MAX_LISTED;
  const sections: MarkdownSection[] = [];
  let listed = 0;
  for (const group of groupFindings(envelope.findings)) {
    const all = group.places.flatMap((p) => p.findings);
    const shown = all.slice(0, Math.max(0, max - listed));
    listed += shown.length;
    if (shown.length === 0) continue;
    const rows = shown.map((f) => `| ${cell(f.environment ?? '')} | ${code(f.address ?? '')} | \`${f.rule}\` | ${what(f)} |`);
    for (let start = 0; start < rows.length; start += ROWS_PER_SECTION) {
      const title =
        start === 0
          ? `${sections.length === 0 ? `### ${options.title ?? 'Findings'}\n\n` : ''}#### ${LEVEL_HEAD[group.level]} (${all.length})\n\n`
          : '';
      const chunk = rows.slice(start, start + ROWS_PER_SECTION);
      const last = start + ROWS_PER_SECTION >= rows.length;
      sections.push({
        name: `${group.level} findings ${start + 1}-${start + chunk.length}`,
        body: `${title}| environment | address | rule | what |\n|---|---|---|---|\n${chunk.join('\n')}${last ? `\n\n${whys(all)}` : ''}`,
      });
    }
  }
  const total = envelope.findings.length;
  if (total > listed && sections.length > 0) {
    const last = sections.pop()!;
    sections.push({ ...last, body: `${last.body}\n\n_and ${total - listed} more: run with \`--format json\` for all of them._` });
  }
  return sections;
}

function waiverRow(w: WaiverReference, state: string): string {
  return (
    `| ${cell(waiverTarget(w))} | ${cell(w.owner ?? '(none)')} | ${w.expires ?? '(none)'} | ${state}` +
    ` | ${cell(w.source)} | ${cell(w.reason)} |`
  );
}

export function waiverSections(envelope: ReportEnvelope, omitUnused = false): MarkdownSection[] {
  const sections: MarkdownSection[] = [];
  if (envelope.waived.length > 0) {
    const rows = envelope.waived.map(
      ({ finding: f, waiver: w }) =>
        `| ${cell(f.environment ?? '')} | ${code(f.address ?? '')} | ${code(f.path ?? '')} | ${f.rule} ` +
        `| ${cell(w.owner ?? '(none)')} | ${w.expires ?? '(none)'} | ${cell(w.reason)} |`,
    );
    sections.push({
      name: 'waived',
      body: collapsed(
        `Waived (${envelope.waived.length})`,
        ['| Environment | Resource | Attribute | Rule | Owner | Expires | Reason |', '|---|---|---|---|---|---|---|', ...rows].join('\n'),
      ),
    });
  }
  const problems = [
    ...envelope.expiredWaivers.map((w) => waiverRow(w, '❌ expired')),
    ...(omitUnused ? [] : envelope.unusedWaivers.map((w) => waiverRow(w, '⚠️ matches nothing'))),
  ];
  if (problems.length > 0) {
    sections.push({
      name: 'waivers',
      body: [
        '### Waivers to fix',
        '',
        '| Waiver | Owner | Expires | State | Source | Reason |',
        '|---|---|---|---|---|---|',
        ...problems,
      ].join('\n'),
    });
  }
  return sections;
}

export function renderEnvelopeMarkdown(envelope: ReportEnvelope, parts: MarkdownReportParts, limit = GITHUB_COMMENT_LIMIT): string {
  const findings = findingSections(envelope, parts.findings);
  return fitMarkdown(
    [parts.head, ...(parts.before ?? []), ...findings, ...waiverSections(envelope, parts.omitUnusedWaivers), ...(parts.after ?? [])],
    limit,
  );
}
