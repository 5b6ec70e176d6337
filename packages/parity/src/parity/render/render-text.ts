/** The terminal report: the shared findings and waivers, after a compact matrix per group (colour only on a TTY). */
import { renderEnvelopeText } from '../../shared/report/render-text';
import type { TextStyle } from '../../shared/report/style';
import type { CheckReport, GroupReport } from '../check-report';
import { toEnvelope } from '../check-envelope';
import { allowedValues, findingRows, summaryLine } from '../report-rows';

const MAX_CELL = 36;
/** Allowed differences listed per group; the rest are counted (every one is in json and html). */
const MAX_ALLOWED_LINES = 25;

function clip(text: string, width = MAX_CELL): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

function groupBlock(group: GroupReport, s: TextStyle): string[] {
  const lines = [s.bold(`${group.name}: ${group.environments.join(', ')}`)];
  const rows = findingRows(group);
  if (rows.length === 0) lines.push('  parity holds');
  else {
    const label = rows.map((r) => clip(`${r.address} ${r.path}`, 60));
    const labelWidth = Math.max(...label.map((l) => l.length), 'resource attribute'.length);
    const widths = group.environments.map((env, i) => Math.max(env.length, ...rows.map((r) => clip(r.cells[i]!).length + 1)));
    lines.push(`  ${'resource attribute'.padEnd(labelWidth)}  ${group.environments.map((env, i) => env.padEnd(widths[i]!)).join('  ')}  rule`);
    rows.forEach((row, r) => {
      const cells = row.cells.map((c, i) => {
        const text = clip(c) + (row.marked[i] ? '*' : '');
        return row.marked[i] ? s.red(text.padEnd(widths[i]!)) : text.padEnd(widths[i]!);
      });
      lines.push(`  ${label[r]!.padEnd(labelWidth)}  ${cells.join('  ')}  ${row.kind}`);
    });
  }
  if (group.waived.length > 0) lines.push(`  waived: ${group.waived.length} (listed under Waived)`);
  if (group.allowed.length > 0) {
    lines.push(`  allowed (${group.allowed.length}):`);
    for (const a of group.allowed.slice(0, MAX_ALLOWED_LINES)) lines.push(`    ${a.address}${a.path ? ` ${a.path}` : ''}: ${clip(allowedValues(a), 80)}; ${a.allowedBy.kind} ${a.allowedBy.why}`);
    if (group.allowed.length > MAX_ALLOWED_LINES) lines.push(`    ... and ${group.allowed.length - MAX_ALLOWED_LINES} more (all of them with \`--format json\` or \`--format html\`)`);
  }
  return lines;
}

export function renderText(report: CheckReport, options: { colour: boolean }): string {
  return renderEnvelopeText(
    toEnvelope(report),
    {
      headline: (s) => `parity check: ${report.status === 'pass' ? s.green('PASS') : s.red('FAIL')}: ${summaryLine(report.groups)} (policy: ${report.policy.from})`,
      before: (s) => report.groups.map((g) => groupBlock(g, s)),
      after: (s) => [
        [
          ...(report.policy.defaultsApplied ? [`default scale knobs used: ${report.policy.defaultsUsed.length > 0 ? report.policy.defaultsUsed.join(', ') : 'none'}`] : []),
          ...report.warnings.map((w) => s.yellow(`warning: ${w}`)),
        ],
      ],
      // The check's warnings name every unused waiver (and whether `--strict` fails it).
      omitUnusedWaivers: true,
    },
    options.colour,
  );
}
