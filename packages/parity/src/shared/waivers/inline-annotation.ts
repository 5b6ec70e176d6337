/**
 * Inline waivers: a comment in the file the finding is about, one source of the shared waivers.
 *
 *   -- parity:allow RULE reason="WHY" owner=TEAM expires=YYYY-MM-DD      (`//` in JavaScript)
 *
 * The waiver's address is the file, its source `file:line`. The old forms (`reason: WHY` to the end of the
 * line, or `reason="WHY"` without owner and expiry) keep working as waivers that never expire, with a
 * deprecation warning. Anything else after `parity:allow` is bad input naming file:line.
 */
import { badInput } from '../exit-error';
import type { AnyWaiver } from './apply-waivers';
import { isCalendarDate } from './waiver';

export interface InlineWaiver extends AnyWaiver {
  readonly rule: string;
  readonly reason: string;
  /** `file:line` (or `line N` when the text has no file name). */
  readonly source: string;
  /** The annotation's line in its file, 1-based. */
  readonly line: number;
  /** True for the old form (no owner, no expiry): reported as deprecated. */
  readonly deprecated: boolean;
}

export interface AnnotationOptions {
  /** The file the text was read from, as messages and sources name it. */
  readonly file?: string;
  /** The waivers' address, as the engine's findings name the file. @default `file` */
  readonly address?: string;
  /** Lines of the file before `text` (a script that starts further down its file). @default 0 */
  readonly lineOffset?: number;
  /** The rule ids an annotation may name; others are bad input. @default any id */
  readonly knownRules?: readonly string[];
}

const MARKER = /(?:--|\/\/)\s*parity:allow\b(.*)$/i;
const KEYS = ['reason', 'owner', 'expires'] as const;
type Key = (typeof KEYS)[number];

/** The new form, for the fix of every message. */
export function annotationExample(rule = 'RULE'): string {
  return `-- parity:allow ${rule} reason="why it is safe" owner=TEAM expires=YYYY-MM-DD`;
}

/** `key=value` and `key="quoted value"` pairs; the text left over when something else follows them. */
function pairs(text: string): { key: string; value: string }[] | string {
  const found: { key: string; value: string }[] = [];
  let rest = text.trim();
  while (rest.length > 0) {
    const match = /^([A-Za-z_][\w-]*)=(?:"((?:[^"\\]|\\.)*)"|([^\s"]+))(?:\s+|$)/.exec(rest);
    if (!match) return rest;
    found.push({ key: match[1]!, value: match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]! });
    rest = rest.slice(match[0].length);
  }
  return found;
}

function parseOne(body: string, line: number, options: AnnotationOptions): InlineWaiver {
  const where = options.file ? `${options.file}:${line}` : `line ${line}`;
  const bad = (expected: string, found: string, rule?: string) =>
    badInput(`${expected} in the \`parity:allow\` annotation at ${where}`, found, `Write it as \`${annotationExample(rule)}\`.`);
  const ruleMatch = /^\s+([A-Za-z0-9][\w-]*)(.*)$/.exec(body);
  if (!ruleMatch) throw bad('a rule id', body.trim() ? `\`${body.trim().slice(0, 60)}\`` : 'nothing');
  const rule = ruleMatch[1]!;
  const rest = ruleMatch[2]!.trim();
  if (options.knownRules && !options.knownRules.includes(rule)) throw bad(`a rule id (${options.knownRules.join(', ')})`, `\`${rule}\``);
  const base = { rule, ...((options.address ?? options.file) ? { address: options.address ?? options.file } : {}), source: where, line };
  const old = /^reason:\s*(.*)$/i.exec(rest);
  if (old) {
    if (!old[1]!.trim()) throw bad('a reason after `reason:`', 'nothing', rule);
    // `reason: ... owner=X expires=D` mixes the forms: its owner and expiry would be read as the reason.
    if (/\s(?:owner|expires)=/.test(old[1]!))
      throw bad('`reason="..."` (with `=` and quotes) beside `owner=` and `expires=`', '`reason:`', rule);
    return { ...base, reason: old[1]!.trim(), deprecated: true };
  }
  const parsed = pairs(rest);
  if (typeof parsed === 'string') throw bad('`reason="..."`, `owner=...` and `expires=YYYY-MM-DD`', `\`${parsed.slice(0, 60)}\``, rule);
  const values: Partial<Record<Key, string>> = {};
  for (const { key, value } of parsed) {
    if (!(KEYS as readonly string[]).includes(key)) throw bad('only the keys reason, owner and expires', `\`${key}=\``, rule);
    if (values[key as Key] !== undefined) throw bad(`\`${key}=\` once`, 'it twice', rule);
    values[key as Key] = value;
  }
  const reason = values.reason?.trim();
  if (!reason) throw bad('a reason (`reason="..."`)', values.reason === undefined ? 'none' : 'an empty one', rule);
  if (values.owner === undefined && values.expires === undefined) return { ...base, reason, deprecated: true };
  if (values.owner === undefined || !values.owner.trim()) throw bad('an owner (`owner=TEAM`) with the expiry', 'none', rule);
  if (values.expires === undefined) throw bad('an expiry (`expires=YYYY-MM-DD`) with the owner', 'none', rule);
  if (!isCalendarDate(values.expires)) throw bad('`expires=` a real calendar date as `YYYY-MM-DD`', `\`${values.expires}\``, rule);
  return { ...base, reason, owner: values.owner, expires: values.expires, deprecated: false };
}

/** Reads every `parity:allow` annotation of a text (after `--` or `//`); exit 2 on a bad one. */
export function readInlineWaivers(text: string, options: AnnotationOptions = {}): InlineWaiver[] {
  const waivers: InlineWaiver[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = MARKER.exec(lines[i]!.replace(/\r$/, ''));
    if (match) waivers.push(parseOne(match[1]!, i + 1 + (options.lineOffset ?? 0), options));
  }
  return waivers;
}

/** Exit 2 for the first annotation naming a rule outside `knownRules` (when the rules are known only after reading). */
export function assertKnownRules(waivers: readonly InlineWaiver[], knownRules: readonly string[]): void {
  const unknown = waivers.find((w) => !knownRules.includes(w.rule));
  if (unknown) {
    throw badInput(
      `a rule id (${knownRules.join(', ')}) in the \`parity:allow\` annotation at ${unknown.source}`,
      `\`${unknown.rule}\``,
      `Write it as \`${annotationExample()}\`.`,
    );
  }
}

/** The deprecation of the old form, as reports and stderr say it. */
export function deprecationMessage(w: InlineWaiver): string {
  const instead = annotationExample(w.rule);
  return `\`parity:allow ${w.rule}\` at ${w.source} has no owner and no expiry: that form is deprecated; write \`${instead}\``;
}

let warned = false;

/** Says the deprecation on stderr, once per process (reports say it for every annotation). */
export function warnDeprecatedOnce(w: InlineWaiver, stream: { write(text: string): unknown } = process.stderr): void {
  if (warned) return;
  warned = true;
  stream.write(`parity: warning: ${deprecationMessage(w)} (further ones are listed in the report)\n`);
}
