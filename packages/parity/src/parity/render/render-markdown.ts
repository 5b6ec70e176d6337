/**
 * The pull-request comment: a table of findings per group, waivers and allowed differences
 * collapsed, kept under GitHub's 65,535-character limit (long tables are split into sections; the
 * ones that do not fit are cut and named).
 */
import { GITHUB_COMMENT_LIMIT, type MarkdownSection, cell, collapsed, fitMarkdown } from '../../shared/report/markdown-budget';
import type { CheckReport, GroupReport } from '../check-report';
import { allowedValues, findingRows, summaryLine } from '../report-rows';

const ROWS_PER_SECTION = 80;
const MAX_CELL = 120;

function code(text: string): string {
  const clipped = text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;
  return `\`${cell(clipped).replace(/`/g, "'")}\``;
}

function findingSections(group: GroupReport): MarkdownSection[] {
  const rows = findingRows(group);
  if (rows.length === 0) return [{ name: `${group.name} summary`, body: `### ${group.name} (${group.environments.join(', ')})\n\nParity holds.` }];
  const header = `| Resource | Attribute | ${group.environments.map(cell).join(' | ')} | Rule |\n|---|---|${group.environments.map(() => '---|').join('')}---|`;
  const sections: MarkdownSection[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_SECTION) {
    const chunk = rows.slice(start, start + ROWS_PER_SECTION);
    const lines = chunk.map((r) => `| ${code(r.address)} | ${code(r.path)} | ${r.cells.map((c, i) => (r.marked[i] ? `**${code(c)}**` : code(c))).join(' | ')} | ${r.kind} |`);
    const title = start === 0 ? `### ${group.name} (${group.environments.join(', ')})\n\n${rows.length} finding${rows.length === 1 ? '' : 's'}; bold cells differ from the most common value.\n\n` : '';
    sections.push({ name: `${group.name} findings ${start + 1}-${start + chunk.length}`, body: `${title}${header}\n${lines.join('\n')}` });
  }
  return sections;
}

function waivedSection(group: GroupReport): MarkdownSection | undefined {
  if (group.waived.length === 0) return undefined;
  const lines = group.waived.map((w) => `| ${code(w.finding.address)} | ${code('path' in w.finding ? w.finding.path : '(resource)')} | ${cell(w.waiver.owner)} | ${w.waiver.expires} | ${cell(w.waiver.reason)} |`);
  return { name: `${group.name} waived`, body: collapsed(`Waived in ${group.name} (${group.waived.length})`, `| Resource | Attribute | Owner | Expires | Reason |\n|---|---|---|---|---|\n${lines.join('\n')}`) };
}

function allowedSection(group: GroupReport): MarkdownSection | undefined {
  if (group.allowed.length === 0) return undefined;
  const lines = group.allowed.map((a) => `| ${code(a.address)} | ${code(a.path ?? '(resource)')} | ${code(allowedValues(a))} | ${a.allowedBy.kind}: ${cell(a.allowedBy.why)} |`);
  return { name: `${group.name} allowed differences`, body: collapsed(`Allowed differences in ${group.name} (${group.allowed.length}), and why`, `| Resource | Attribute | Values | Allowed by |\n|---|---|---|---|\n${lines.join('\n')}`) };
}

export function renderMarkdown(report: CheckReport, limit = GITHUB_COMMENT_LIMIT): string {
  const verdict = report.status === 'pass' ? '✅ parity holds' : '❌ parity broken';
  const notes = [
    ...report.expiredWaivers.map((w) => `- ❌ expired waiver: ${code(w.address ?? `rule ${w.rule}`)} ${w.path ? code(w.path) : ''} (owner ${cell(w.owner)}) expired ${w.expires}`),
    ...report.warnings.map((w) => `- ⚠️ ${cell(w)}`),
    ...(report.policy.defaultsApplied ? [`- Default scale knobs used: ${report.policy.defaultsUsed.length > 0 ? report.policy.defaultsUsed.map(code).join(', ') : 'none'}`] : []),
  ];
  const head: MarkdownSection = { name: 'summary', body: `## Parity check: ${verdict}\n\n${summaryLine(report.groups)}. Policy: ${cell(report.policy.from)}.${notes.length > 0 ? `\n\n${notes.join('\n')}` : ''}` };
  const findings = report.groups.flatMap(findingSections);
  const waived = report.groups.map(waivedSection).filter((s): s is MarkdownSection => s !== undefined);
  const allowed = report.groups.map(allowedSection).filter((s): s is MarkdownSection => s !== undefined);
  return fitMarkdown([head, ...findings, ...waived, ...allowed], limit);
}
