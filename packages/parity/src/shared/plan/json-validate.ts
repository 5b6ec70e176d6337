/**
 * A JSON grammar check that builds nothing: it returns the end of the value at `pos` or throws a
 * JsonSyntaxError. Used for the parts of a plan that review does not read (prior_state,
 * planned_values, configuration: about 60% of a plan's bytes), where `JSON.parse` would allocate
 * every object only to drop it. It accepts exactly what `JSON.parse` accepts (JSONTestSuite's y_ and
 * n_ files: test/shared/json-test-suite.test.ts): closing quotes and backslashes are found with
 * `Buffer.indexOf`; escapes, raw control characters (U+0000 to U+001F) inside strings, numbers,
 * literals, separators and bracket pairs are checked.
 */
import { JsonSyntaxError } from './json-scanner';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ESCAPABLE = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);
const HEX = /^[0-9a-fA-F]{4}$/;

function invalid(buf: Buffer, pos: number, what: string): JsonSyntaxError {
  if (pos >= buf.length) return new JsonSyntaxError('truncated', buf.length, `the text ends where ${what} was expected`);
  return new JsonSyntaxError('invalid', pos, `expected ${what}, found \`${String.fromCharCode(buf[pos]!)}\``);
}

/** The next backslash at or after `from`, cached: strings are checked front to back. */
let slashBuf: Buffer | undefined;
let slashFrom = 0;
let slashAt = -1;
function nextBackslash(buf: Buffer, from: number): number {
  if (slashBuf !== buf || from < slashFrom || (slashAt >= 0 && slashAt < from)) {
    slashBuf = buf;
    slashFrom = from;
    slashAt = buf.indexOf(BACKSLASH, from);
  }
  return slashAt < 0 ? Number.MAX_SAFE_INTEGER : slashAt;
}

function controlCharacter(buf: Buffer, at: number): JsonSyntaxError {
  return new JsonSyntaxError(
    'invalid',
    at,
    `a raw control character (U+${buf[at]!.toString(16).toUpperCase().padStart(4, '0')}) inside a ` +
      'string: write it escaped, e.g. \\n or \\u0009',
  );
}

/** The buffer's bytes as 32-bit words (from its first 4-byte-aligned byte, `wordsStart`), cached. */
let wordsBuf: Buffer | undefined;
let words: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
let wordsStart = 0;

/**
 * Throws when a byte of `[from, to)` is a raw control character, which JSON strings must escape.
 * Four bytes at a time: a word holds a byte below 0x20 exactly when
 * `(w - 0x20202020) & ~w & 0x80808080` is not zero (then the bytes are looked at one by one).
 */
function checkNoControl(buf: Buffer, from: number, to: number): void {
  let k = from;
  if (to - from >= 8) {
    if (wordsBuf !== buf) {
      wordsStart = (4 - (buf.byteOffset % 4)) % 4;
      words = new Uint32Array(buf.buffer, buf.byteOffset + wordsStart, Math.max(0, Math.floor((buf.length - wordsStart) / 4)));
      wordsBuf = buf;
    }
    const base = wordsStart;
    const view = words;
    for (; k < to && ((k - base) & 3) !== 0; k++) if (buf[k]! < 0x20) throw controlCharacter(buf, k);
    let j = (k - base) >> 2;
    const last = (to - base) >> 2;
    for (; j < last; j++) {
      const w = view[j]!;
      if (((w - 0x20202020) & ~w & 0x80808080) !== 0) break;
    }
    k = base + j * 4;
  }
  for (; k < to; k++) if (buf[k]! < 0x20) throw controlCharacter(buf, k);
}

/** End of the string opening at `pos`, with its escapes checked; `strict` also checks its characters. */
function stringEnd(buf: Buffer, pos: number, end: number, strict: boolean): number {
  return strict ? checkedStringEnd(buf, pos, end) : escapedStringEnd(buf, pos, end);
}

/** End of the string opening at `pos`, with its escapes checked (its characters are not looked at). */
function escapedStringEnd(buf: Buffer, pos: number, end: number): number {
  let i = pos + 1;
  for (;;) {
    const quote = buf.indexOf(QUOTE, i);
    if (quote < 0 || quote >= end) throw new JsonSyntaxError('truncated', end, 'the text ends inside a string');
    const slash = nextBackslash(buf, i);
    if (slash > quote) return quote + 1;
    i = escapeEnd(buf, slash);
  }
}

/** End of the string opening at `pos`, with its escapes and characters checked. */
function checkedStringEnd(buf: Buffer, pos: number, end: number): number {
  let i = pos + 1;
  for (;;) {
    const quote = buf.indexOf(QUOTE, i);
    if (quote < 0 || quote >= end) throw new JsonSyntaxError('truncated', end, 'the text ends inside a string');
    const slash = nextBackslash(buf, i);
    checkNoControl(buf, i, Math.min(slash, quote));
    if (slash > quote) return quote + 1;
    i = escapeEnd(buf, slash);
  }
}

/** The offset after the escape whose backslash is at `slash`. */
function escapeEnd(buf: Buffer, slash: number): number {
  const escaped = buf[slash + 1]!;
  if (escaped === 0x75) {
    if (!HEX.test(buf.toString('latin1', slash + 2, slash + 6)))
      throw new JsonSyntaxError('invalid', slash, 'a `\\u` escape without four hex digits');
    return slash + 6;
  }
  if (ESCAPABLE.has(escaped)) return slash + 2;
  throw new JsonSyntaxError('invalid', slash, `an unknown escape \`\\${String.fromCharCode(escaped)}\``);
}

function digitsEnd(buf: Buffer, pos: number, end: number): number {
  while (pos < end && buf[pos]! >= 0x30 && buf[pos]! <= 0x39) pos++;
  return pos;
}

/** End of the number starting at `pos`: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)? */
function numberEnd(buf: Buffer, pos: number, end: number): number {
  let i = pos;
  if (buf[i] === 0x2d) i++;
  if (buf[i] === 0x30) i++;
  else if (buf[i]! >= 0x31 && buf[i]! <= 0x39) i = digitsEnd(buf, i, end);
  else throw invalid(buf, i, 'a digit');
  if (buf[i] === 0x2e) {
    const after = digitsEnd(buf, i + 1, end);
    if (after === i + 1) throw invalid(buf, i + 1, 'a digit after `.`');
    i = after;
  }
  if (buf[i] === 0x65 || buf[i] === 0x45) {
    i++;
    if (buf[i] === 0x2b || buf[i] === 0x2d) i++;
    const after = digitsEnd(buf, i, end);
    if (after === i) throw invalid(buf, i, 'a digit in the exponent');
    i = after;
  }
  return i;
}

function literalEnd(buf: Buffer, pos: number, end: number, literal: string): number {
  if (pos + literal.length > end) throw new JsonSyntaxError('truncated', end, `the text ends inside \`${literal}\``);
  if (buf.toString('latin1', pos, pos + literal.length) !== literal) throw invalid(buf, pos, 'a value');
  return pos + literal.length;
}

function skipSpace(buf: Buffer, pos: number, end: number): number {
  while (pos < end) {
    const b = buf[pos]!;
    if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) break;
    pos++;
  }
  return pos;
}

/** True when a byte of `[from, to)` is below 0x20 (four bytes at a time, as in `checkNoControl`). */
function hasControlByte(buf: Buffer, from: number, to: number): boolean {
  try {
    checkNoControl(buf, from, to);
    return false;
  } catch {
    return true;
  }
}

/**
 * Checks the value starting at `pos` and returns the offset just after it. Terraform writes plans
 * on one line, so a plan's values hold no byte below 0x20 at all: one pass over the value's bytes
 * shows it, and the strings need no check of their own. A value that holds one (a pretty-printed
 * file's newlines, or a raw control character in a string), or that is invalid, is walked again
 * with every string checked, so the error reported is the first one in the text; the next values of
 * that buffer (a pretty-printed file) are then walked that way at once.
 */
export function validatedEnd(buf: Buffer, pos: number, end: number): number {
  if (strictBuf === buf) return walkValue(buf, pos, end, true);
  let valueEnd: number;
  try {
    valueEnd = walkValue(buf, pos, end, false);
  } catch {
    return walkValue(buf, pos, end, true);
  }
  if (!hasControlByte(buf, pos, valueEnd)) return valueEnd;
  strictBuf = buf;
  return walkValue(buf, pos, end, true);
}

/** The buffer whose values are walked strictly at once: one of them held bytes below 0x20. */
let strictBuf: Buffer | undefined;

/** Walks the value at `pos`; `strict` checks every string for raw control characters. */
function walkValue(buf: Buffer, pos: number, end: number, strict: boolean): number {
  // Open containers: 0x7d for an object, 0x5d for an array (the closing byte each one expects).
  const open: number[] = [];
  let i = pos;
  for (;;) {
    // A value.
    i = skipSpace(buf, i, end);
    const b = buf[i];
    if (b === 0x7b || b === 0x5b) {
      const close = b === 0x7b ? 0x7d : 0x5d;
      i = skipSpace(buf, i + 1, end);
      if (buf[i] === close) {
        i++;
      } else {
        open.push(close);
        if (close === 0x7d) {
          if (buf[i] !== QUOTE) throw invalid(buf, i, 'a quoted member name');
          i = skipSpace(buf, stringEnd(buf, i, end, strict), end);
          if (buf[i] !== 0x3a) throw invalid(buf, i, '`:`');
          i++;
        }
        continue;
      }
    } else if (b === QUOTE) i = stringEnd(buf, i, end, strict);
    else if (b === 0x74) i = literalEnd(buf, i, end, 'true');
    else if (b === 0x66) i = literalEnd(buf, i, end, 'false');
    else if (b === 0x6e) i = literalEnd(buf, i, end, 'null');
    else if (b === 0x2d || (b !== undefined && b >= 0x30 && b <= 0x39)) i = numberEnd(buf, i, end);
    else throw invalid(buf, i, 'a value');
    // After a value: a comma (then the next value or member), or closing brackets.
    for (;;) {
      if (open.length === 0) return i;
      i = skipSpace(buf, i, end);
      const close = open[open.length - 1]!;
      if (buf[i] === close) {
        open.pop();
        i++;
        continue;
      }
      if (buf[i] !== 0x2c) throw invalid(buf, i, `\`,\` or \`${String.fromCharCode(close)}\``);
      i = skipSpace(buf, i + 1, end);
      if (buf[i] === close) throw new JsonSyntaxError('invalid', i, 'a trailing comma before the closing bracket');
      if (close === 0x7d) {
        if (buf[i] !== QUOTE) throw invalid(buf, i, 'a quoted member name');
        i = skipSpace(buf, stringEnd(buf, i, end, strict), end);
        if (buf[i] !== 0x3a) throw invalid(buf, i, '`:`');
        i++;
      }
      break;
    }
  }
}

/** Checks a whole document: one value between optional whitespace, nothing after it. */
export function validateDocument(buf: Buffer): void {
  const start = skipSpace(buf, 0, buf.length);
  const end = skipSpace(buf, validatedEnd(buf, start, buf.length), buf.length);
  if (end < buf.length) throw new JsonSyntaxError('invalid', end, 'text after the end of the JSON document');
}
