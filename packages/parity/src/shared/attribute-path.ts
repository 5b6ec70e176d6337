/**
 * The one attribute path syntax of every report, policy and waiver, as Terraform writes paths:
 * `ingress[0].cidr_blocks`, `tags["k8s.io/role"]`, `metric_query[2].return_data`. A key that is an
 * identifier (`[A-Za-z_][A-Za-z0-9_-]*`) is written bare after a dot (first: bare alone); any other
 * key is written `["..."]` with JSON string escaping; a list index is `[N]`. Printing and parsing are
 * exact inverses: `parse(print(steps))` equals `steps`, `print(parse(text))` equals `text` for every
 * printed text.
 */

/** One step of an attribute path: an object key or a list index. */
export type PathStep = { readonly key: string } | { readonly index: number };

/** A path that is not written in the syntax, with the offset where reading stopped. */
export class AttributePathError extends Error {
  constructor(
    /** The text that was read. */
    readonly text: string,
    /** Offset (in UTF-16 units) of the problem. */
    readonly offset: number,
    /** What was expected there. */
    readonly expected: string,
  ) {
    super(`expected ${expected} at offset ${offset} of the attribute path \`${text}\``);
    this.name = 'AttributePathError';
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const IDENTIFIER_CHARS = /[A-Za-z0-9_-]/y;

/** True for a key that is written bare (`cidr_blocks`), false for one written `["k8s.io/role"]`. */
export function isBareKey(key: string): boolean {
  return IDENTIFIER.test(key);
}

/** `prefix` with a key appended: `tags` + `k8s.io/role` is `tags["k8s.io/role"]`. */
export function appendKey(prefix: string, key: string): string {
  if (!IDENTIFIER.test(key)) return `${prefix}[${JSON.stringify(key)}]`;
  return prefix === '' ? key : `${prefix}.${key}`;
}

/** `prefix` with a list index appended: `ingress` + 0 is `ingress[0]`. */
export function appendIndex(prefix: string, index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`a list index must be a whole number 0 or more, not ${index}`);
  return `${prefix}[${index}]`;
}

/** Writes steps as Terraform does: `a.b[0]["c.d"]`; no steps is the empty string. */
export function printAttributePath(steps: readonly PathStep[]): string {
  let text = '';
  for (const step of steps) text = 'key' in step ? appendKey(text, step.key) : appendIndex(text, step.index);
  return text;
}

/** The offset just after the JSON string opening at `pos` (a quote), or -1 when it does not close. */
function jsonStringEnd(text: string, pos: number): number {
  for (let i = pos + 1; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x5c) i++;
    else if (ch === 0x22) return i + 1;
  }
  return -1;
}

/** Reads a `[...]` step at `pos` (an opening bracket): `[0]` or `["key"]`; returns the step and where it ends. */
function bracketStep(text: string, pos: number): { step: PathStep; end: number } {
  const inner = pos + 1;
  if (text[inner] === '"') {
    const close = jsonStringEnd(text, inner);
    if (close < 0) throw new AttributePathError(text, text.length, 'a closing `"`');
    let key: string;
    try {
      key = JSON.parse(text.slice(inner, close)) as string;
    } catch {
      throw new AttributePathError(text, inner, 'a JSON string (escapes such as `\\"`, `\\\\`, `\\u00e9`)');
    }
    if (text[close] !== ']') throw new AttributePathError(text, close, '`]`');
    return { step: { key }, end: close + 1 };
  }
  const match = /^(0|[1-9][0-9]*)\]/.exec(text.slice(inner, inner + 20));
  if (!match) throw new AttributePathError(text, inner, 'a list index (`[0]`) or a quoted key (`["k8s.io/role"]`)');
  const index = Number(match[1]);
  if (!Number.isSafeInteger(index)) throw new AttributePathError(text, inner, 'a list index below 2^53');
  return { step: { index }, end: inner + match[0].length };
}

function identifierEnd(text: string, pos: number): number {
  let i = pos;
  IDENTIFIER_CHARS.lastIndex = i;
  while (i < text.length && IDENTIFIER_CHARS.test(text)) IDENTIFIER_CHARS.lastIndex = ++i;
  return i;
}

/**
 * Reads a path written in the syntax (strictly: a bare key must be an identifier; nothing is
 * trimmed). The empty string is the empty path. Throws an AttributePathError.
 */
export function parseAttributePath(text: string): PathStep[] {
  const steps: PathStep[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '[') {
      const { step, end } = bracketStep(text, i);
      steps.push(step);
      i = end;
      continue;
    }
    if (steps.length > 0) {
      if (ch !== '.') throw new AttributePathError(text, i, '`.`, `[` or the end of the path');
      i++;
    }
    const end = identifierEnd(text, i);
    const key = text.slice(i, end);
    if (!IDENTIFIER.test(key))
      throw new AttributePathError(
        text,
        i,
        'an attribute name (a letter or `_`, then letters, digits, `_` or `-`), or `["..."]` for any other key',
      );
    steps.push({ key });
    i = end;
  }
  return steps;
}
