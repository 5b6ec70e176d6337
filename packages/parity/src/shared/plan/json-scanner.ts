/**
 * A byte-level JSON walker over a Buffer: it finds the members of an object and the elements of an
 * array without building the whole document, so a 100 MB plan can be read one resource change at a
 * time. Every byte is still validated: small values go through `JSON.parse`, large containers are
 * walked member by member with strict checks of the separators between them.
 */

/** A syntax problem, with the byte offset where it was found. */
export class JsonSyntaxError extends Error {
  constructor(
    /** `truncated` when the text ends inside a value; `invalid` for anything else. */
    readonly kind: 'truncated' | 'invalid',
    /** Byte offset of the problem in the whole document. */
    readonly offset: number,
    message: string,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

/** A value's byte range: `[start, end)`. */
export interface JsonSpan {
  readonly start: number;
  readonly end: number;
}

/** A member of an object: its decoded key and the span of its value. */
export interface JsonMember extends JsonSpan {
  readonly key: string;
}

/** The deepest nesting of one plan entry that is read; real plans stay below 40. */
export const MAX_NESTING = 512;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

export function skipWhitespace(buf: Buffer, pos: number, end: number): number {
  while (pos < end && isWhitespace(buf[pos]!)) pos++;
  return pos;
}

/** The offset just after the string that opens at `pos` (which holds a quote). */
function skipString(buf: Buffer, pos: number, end: number): number {
  let i = pos + 1;
  for (;;) {
    const quote = buf.indexOf(QUOTE, i);
    if (quote < 0 || quote >= end) throw new JsonSyntaxError('truncated', end, 'the text ends inside a string');
    let backslashes = 0;
    for (let j = quote - 1; j > pos && buf[j] === BACKSLASH; j--) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

/**
 * The offset just after the value that starts at `pos`. Containers are matched by depth (strings
 * skipped), not validated: validation is `validateValue`'s job.
 */
export function skipValue(buf: Buffer, pos: number, end: number): number {
  if (pos >= end) throw new JsonSyntaxError('truncated', end, 'the text ends where a value was expected');
  const first = buf[pos]!;
  if (first === QUOTE) return skipString(buf, pos, end);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    let i = pos;
    while (i < end) {
      const b = buf[i]!;
      if (isWhitespace(b) || b === COMMA || b === CLOSE_BRACE || b === CLOSE_BRACKET || b === COLON) break;
      i++;
    }
    if (i === pos) throw new JsonSyntaxError('invalid', pos, `unexpected \`${String.fromCharCode(first)}\` where a value was expected`);
    return i;
  }
  let depth = 0;
  let i = pos;
  while (i < end) {
    const b = buf[i]!;
    if (b === QUOTE) {
      i = skipString(buf, i, end);
      continue;
    }
    if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      // Every reader of an entry recurses over its values: a bound here keeps them off the end of the stack.
      if (++depth > MAX_NESTING)
        throw new JsonSyntaxError('invalid', i, `values nested deeper than ${MAX_NESTING} levels, which Terraform never writes`);
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  throw new JsonSyntaxError('truncated', end, 'the text ends inside an object or array');
}

/** Parses one span with `JSON.parse`, turning its error into a JsonSyntaxError with a document offset. */
export function parseSpan<T = unknown>(buf: Buffer, span: JsonSpan): T {
  const text = buf.toString('utf8', span.start, span.end);
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    const match = /position (\d+)/.exec((error as Error).message);
    const offset = span.start + (match ? Number(match[1]) : 0);
    throw new JsonSyntaxError(
      'invalid',
      offset,
      (error as Error).message.replace(/ in JSON at position \d+.*$/s, '').replace(/^Unexpected token/, 'unexpected token'),
    );
  }
}

function expectByte(buf: Buffer, pos: number, end: number, byte: number, what: string): void {
  if (pos >= end) throw new JsonSyntaxError('truncated', end, `the text ends where ${what} was expected`);
  if (buf[pos] !== byte) throw new JsonSyntaxError('invalid', pos, `expected ${what}, found \`${String.fromCharCode(buf[pos]!)}\``);
}

/** Finds the end of the value at `pos` (and may validate it on the way); `key` is its member name, '' in arrays. */
export type MeasureValue = (buf: Buffer, pos: number, end: number, key: string) => number;

const skipMeasure: MeasureValue = (buf, pos, end) => skipValue(buf, pos, end);

/**
 * Walks a container's entries strictly: separators, no trailing comma, the right closing bracket.
 * Each value's end is found by `measure`; the generator returns the offset after the closing bracket.
 */
export function* entries(buf: Buffer, start: number, end: number, measure: MeasureValue = skipMeasure): Generator<JsonMember, number> {
  const open = buf[start];
  if (open !== OPEN_BRACE && open !== OPEN_BRACKET) expectByte(buf, start, end, OPEN_BRACE, '`{` or `[`');
  const withKeys = open === OPEN_BRACE;
  const close = withKeys ? CLOSE_BRACE : CLOSE_BRACKET;
  let pos = skipWhitespace(buf, start + 1, end);
  if (pos < end && buf[pos] === close) return pos + 1;
  for (;;) {
    let key = '';
    if (withKeys) {
      expectByte(buf, pos, end, QUOTE, 'a quoted member name');
      const keyEnd = skipString(buf, pos, end);
      key = parseSpan<string>(buf, { start: pos, end: keyEnd });
      pos = skipWhitespace(buf, keyEnd, end);
      expectByte(buf, pos, end, COLON, '`:`');
      pos = skipWhitespace(buf, pos + 1, end);
    }
    if (pos >= end) throw new JsonSyntaxError('truncated', end, 'the text ends where a value was expected');
    const valueEnd = measure(buf, pos, end, key);
    yield { key, start: pos, end: valueEnd };
    pos = skipWhitespace(buf, valueEnd, end);
    if (pos >= end) throw new JsonSyntaxError('truncated', end, 'the text ends inside an object or array');
    if (buf[pos] === close) return pos + 1;
    expectByte(buf, pos, end, COMMA, `\`,\` or \`${String.fromCharCode(close)}\``);
    pos = skipWhitespace(buf, pos + 1, end);
    if (pos < end && buf[pos] === close) throw new JsonSyntaxError('invalid', pos, 'a trailing comma before the closing bracket');
  }
}

/** Runs a walk to its end and returns the offset after the container. */
export function drain(walk: Generator<JsonMember, number>): number {
  for (;;) {
    const step = walk.next();
    if (step.done) return step.value;
  }
}

/** The members of the object at `span`, in order. */
export function objectMembers(buf: Buffer, span: JsonSpan): Generator<JsonMember, number> {
  expectByte(buf, span.start, span.end, OPEN_BRACE, '`{`');
  return entries(buf, span.start, span.end);
}

/** The elements of the array at `span`, in order. */
export function arrayElements(buf: Buffer, span: JsonSpan): Generator<JsonSpan, number> {
  expectByte(buf, span.start, span.end, OPEN_BRACKET, '`[`');
  return entries(buf, span.start, span.end);
}

/** 1-based line and column of a byte offset, for error messages. */
export function lineAndColumn(buf: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const stop = Math.min(offset, buf.length);
  for (let i = buf.indexOf(0x0a, 0); i >= 0 && i < stop; i = buf.indexOf(0x0a, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: stop - lineStart + 1 };
}
