/**
 * The shared terminal report: the engine's status line, its own sections, then the findings grouped by level
 * and place (each with its message, expected and found, and the rule's why under its first finding), the
 * waived findings with owner and expiry, and the expired and unused waivers.
 */
import type { Finding, ReportEnvelope, WaiverReference } from '../findings/finding';
import { groupFindings, levelCounts, waiverTarget } from './envelope';
import { type TextStyle, textStyle } from './style';

export interface TextReportParts {
  /** The status line (first line of the report). */
  readonly headline: (style: TextStyle) => string;
  /** The engine's sections between the status line and the findings (each a list of lines). */
  readonly before?: (style: TextStyle) => readonly (readonly string[])[];
  /** The engine's sections after the waivers. */
  readonly after?: (style: TextStyle) => readonly (readonly string[])[];
  /** Leave out the unused waivers (an engine whose own warnings already name them). */
  readonly omitUnusedWaivers?: boolean;
  /** Findings listed before "and N more" (default 200; `--format json` has every one). */
  readonly maxListed?: number;
}

/** Findings listed in a terminal report before "and N more". */
const MAX_LISTED = 200;

const LEVEL_WORD = { block: 'BLOCK', warn: 'warn', info: 'info' } as const;

function levelTag(level: Finding['level'], s: TextStyle): string {
  return level === 'block' ? s.red(LEVEL_WORD.block) : level === 'warn' ? s.yellow(LEVEL_WORD.warn) : LEVEL_WORD.info;
}

function place(environment: string | undefined, address: string | undefined): string {
  return [environment ? `[${environment}]` : '', address ?? ''].filter(Boolean).join(' ') || '(report)';
}

function evidence(f: Finding): string {
  return [
    f.path ? `at ${f.path}` : '',
    f.expected !== undefined ? `expected ${f.expected}` : '',
    f.found !== undefined ? `found ${f.found}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

export function findingLines(envelope: ReportEnvelope, s: TextStyle, maxListed = MAX_LISTED): string[] {
  if (envelope.findings.length === 0) return [];
  let listed = 0;
  const counts = levelCounts(envelope.findings);
  const lines = [s.bold(`Findings (${counts.block} blocking, ${counts.warn} warnings, ${counts.info} info)`)];
  const whyShown = new Set<string>();
  for (const group of groupFindings(envelope.findings)) {
    for (const p of group.places) {
      if (listed >= maxListed) break;
      lines.push(`  ${levelTag(group.level, s)} ${place(p.environment, p.address)}`);
      for (const f of p.findings) {
        if (listed++ >= maxListed) break;
        lines.push(`    ${f.rule}: ${f.unknown ? 'unknown: ' : ''}${f.message}`);
        const seen = evidence(f);
        if (seen) lines.push(`      ${seen}`);
        if (!whyShown.has(f.rule)) {
          whyShown.add(f.rule);
          lines.push(s.dim(`      why: ${f.why}`));
        }
      }
    }
  }
  const rest = envelope.findings.length - Math.min(listed, maxListed);
  if (rest > 0) lines.push(`  ... and ${rest} more (--format json lists all)`);
  return lines;
}

function owner(w: WaiverReference): string {
  return w.owner ? `owner ${w.owner}` : 'no owner';
}

export function waiverLines(envelope: ReportEnvelope, s: TextStyle, omitUnused = false): string[] {
  const lines: string[] = [];
  if (envelope.waived.length > 0) {
    lines.push(s.bold(`Waived (${envelope.waived.length})`));
    for (const { finding: f, waiver: w } of envelope.waived) {
      lines.push(
        `  ${s.dim(`waived ${f.level}`)} ${place(f.environment, f.address)} ${f.rule}${f.path ? ` at ${f.path}` : ''}: ${f.message}`,
      );
      lines.push(`    waived by ${w.owner ?? '(no owner)'}${w.expires ? ` until ${w.expires}` : ''} (${w.source}): ${w.reason}`);
    }
  }
  for (const w of envelope.expiredWaivers)
    lines.push(
      s.red(
        `expired waiver: ${waiverTarget(w)} (${owner(w)}) expired ${w.expires ?? '(no date)'}: renew it ` +
          'with a new date or fix the difference',
      ),
    );
  if (!omitUnused)
    for (const w of envelope.unusedWaivers)
      lines.push(s.yellow(`unused waiver: ${waiverTarget(w)} (${owner(w)}, ${w.source}) matches nothing: remove it`));
  return lines;
}

/** Joins blocks with one blank line between them, dropping empty ones. */
export function joinBlocks(blocks: readonly (readonly string[])[]): string {
  return blocks
    .filter((b) => b.length > 0)
    .map((b) => b.join('\n'))
    .join('\n\n');
}

export function renderEnvelopeText(envelope: ReportEnvelope, parts: TextReportParts, colour: boolean): string {
  const s = textStyle(colour);
  return joinBlocks([
    [parts.headline(s)],
    ...(parts.before?.(s) ?? []),
    findingLines(envelope, s, parts.maxListed),
    waiverLines(envelope, s, parts.omitUnusedWaivers),
    ...(parts.after?.(s) ?? []),
  ]);
}
