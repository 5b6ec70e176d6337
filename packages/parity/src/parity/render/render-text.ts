/** The terminal report: a compact matrix per group, differing cells marked (colour only on a TTY). */
import type { CheckReport } from '../check-report';
import { allowedValues, findingRows, summaryLine } from '../report-rows';

const MAX_CELL = 36;
/** Allowed differences listed per group; the rest are counted (every one is in json and html). */
const MAX_ALLOWED_LINES = 25;

function clip(text: string, width = MAX_CELL): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

interface Style {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  bold(text: string): string;
}

const ansi = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
const plain = (text: string) => text;

export function renderText(report: CheckReport, options: { colour: boolean }): string {
  const s: Style = options.colour ? { red: ansi(31), green: ansi(32), yellow: ansi(33), bold: ansi(1) } : { red: plain, green: plain, yellow: plain, bold: plain };
  const lines: string[] = [];
  const verdict = report.status === 'pass' ? s.green('PASS') : s.red('FAIL');
  lines.push(`parity check: ${verdict}: ${summaryLine(report.groups)} (policy: ${report.policy.from})`);
  for (const group of report.groups) {
    lines.push('', s.bold(`${group.name}: ${group.environments.join(', ')}`));
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
    for (const w of group.waived) {
      const path = 'path' in w.finding ? ` ${w.finding.path}` : '';
      lines.push(`  waived: ${w.finding.address}${path} (owner ${w.waiver.owner}, until ${w.waiver.expires}): ${w.waiver.reason}`);
    }
    if (group.allowed.length > 0) {
      lines.push(`  allowed (${group.allowed.length}):`);
      for (const a of group.allowed.slice(0, MAX_ALLOWED_LINES)) lines.push(`    ${a.address}${a.path ? ` ${a.path}` : ''}: ${clip(allowedValues(a), 80)}; ${a.allowedBy.kind} ${a.allowedBy.why}`);
      if (group.allowed.length > MAX_ALLOWED_LINES) lines.push(`    ... and ${group.allowed.length - MAX_ALLOWED_LINES} more (all of them with \`--format json\` or \`--format html\`)`);
    }
  }
  if (report.policy.defaultsApplied) lines.push('', `default scale knobs used: ${report.policy.defaultsUsed.length > 0 ? report.policy.defaultsUsed.join(', ') : 'none'}`);
  for (const w of report.expiredWaivers) lines.push(s.red(`expired waiver: ${w.address ?? `rule ${w.rule}`}${w.path ? ` ${w.path}` : ''} (owner ${w.owner}) expired ${w.expires}: renew it with a new date or fix the difference`));
  for (const w of report.warnings) lines.push(s.yellow(`warning: ${w}`));
  return lines.join('\n');
}
