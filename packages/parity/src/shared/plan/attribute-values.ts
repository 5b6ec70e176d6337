/**
 * Reading values out of a resource change without ever exposing a secret: every read goes through
 * `before_sensitive` / `after_sensitive` and `after_unknown`, at any depth.
 */
import type { PathStep } from '../attribute-path';
import type { JsonValue, RawChange, ValueMarks } from './plan-json';

/** Shown instead of a sensitive value. */
export const SENSITIVE = '(sensitive value)';
/** Shown instead of a value known only after apply. */
export const KNOWN_AFTER_APPLY = '(known after apply)';

/** A value as a rule may see it. */
export type AttributeValue =
  | { readonly state: 'known'; readonly value: JsonValue }
  | { readonly state: 'sensitive' }
  | { readonly state: 'unknown' }
  | { readonly state: 'absent' };

/**
 * A step as a rule writes it: typed (`{ key: 'tags' }`, `{ index: 0 }`, src/shared/attribute-path.ts)
 * or the shorthand of a plan's own `replace_paths` (`'tags'`, `0`).
 */
export type StepInput = PathStep | string | number;

/** The typed step of a step as written. */
export function toStep(step: StepInput): PathStep {
  if (typeof step === 'string') return { key: step };
  if (typeof step === 'number') return { index: step };
  return step;
}

/** The key or index of a step, as used to look into a JSON value. */
function rawStep(step: StepInput): string | number {
  if (typeof step !== 'object') return step;
  return 'key' in step ? step.key : step.index;
}

/** The marks below one step (a key or an index), or `true` when a whole parent is marked. */
export function marksAt(marks: ValueMarks, step: string | number): ValueMarks {
  if (marks === true) return true;
  if (marks === null || marks === undefined || typeof marks !== 'object') return undefined;
  return Array.isArray(marks)
    ? typeof step === 'number'
      ? marks[step]
      : undefined
    : Object.hasOwn(marks, String(step))
      ? (marks as Record<string, ValueMarks>)[String(step)]
      : undefined;
}

function valueAt(value: JsonValue | undefined, step: string | number): JsonValue | undefined {
  if (value === null || value === undefined || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) return typeof step === 'number' ? value[step] : undefined;
  return Object.hasOwn(value, String(step)) ? value[String(step)] : undefined;
}

/** True when some value under these marks is marked (the marks of a nested structure). */
export function anyMarked(marks: ValueMarks): boolean {
  if (marks === true) return true;
  if (marks === null || marks === undefined || typeof marks !== 'object') return false;
  return Object.values(marks).some((m) => anyMarked(m as ValueMarks));
}

/** Reads `path` from the `before` or `after` side of a change. */
export function attribute(change: RawChange | undefined, side: 'before' | 'after', path: readonly StepInput[]): AttributeValue {
  let value: JsonValue | undefined = change?.[side];
  let sensitive: ValueMarks = side === 'before' ? change?.before_sensitive : change?.after_sensitive;
  let unknown: ValueMarks = side === 'after' ? change?.after_unknown : undefined;
  for (const input of path) {
    const step = rawStep(input);
    if (sensitive === true) return { state: 'sensitive' };
    if (unknown === true) return { state: 'unknown' };
    value = valueAt(value, step);
    sensitive = marksAt(sensitive, step);
    unknown = marksAt(unknown, step);
  }
  if (sensitive === true || (anyMarked(sensitive) && value !== null && value !== undefined && typeof value === 'object'))
    return { state: 'sensitive' };
  if (unknown === true) return { state: 'unknown' };
  if (value === undefined) return { state: 'absent' };
  return { state: 'known', value };
}

/** A copy of `value` with sensitive parts replaced by SENSITIVE and unknown parts by KNOWN_AFTER_APPLY. */
export function maskValue(value: JsonValue | undefined, sensitive: ValueMarks, unknown: ValueMarks = undefined): JsonValue {
  if (sensitive === true) return SENSITIVE;
  if (unknown === true) return KNOWN_AFTER_APPLY;
  if (value === undefined) return null;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const masked = value.map((item, i) => maskValue(item, marksAt(sensitive, i), marksAt(unknown, i)));
    if (Array.isArray(unknown)) for (let i = value.length; i < unknown.length; i++) if (unknown[i] === true) masked.push(KNOWN_AFTER_APPLY);
    return masked;
  }
  const masked: Record<string, JsonValue> = {};
  // defineProperty: a key named `__proto__` (JSON.parse keeps it as data) stays a key.
  const set = (key: string, item: JsonValue) => {
    if (key === '__proto__') Object.defineProperty(masked, key, { value: item, enumerable: true, writable: true, configurable: true });
    else masked[key] = item;
  };
  for (const [key, item] of Object.entries(value)) set(key, maskValue(item, marksAt(sensitive, key), marksAt(unknown, key)));
  if (unknown && typeof unknown === 'object' && !Array.isArray(unknown)) {
    for (const [key, mark] of Object.entries(unknown)) if (mark === true && !Object.hasOwn(masked, key)) set(key, KNOWN_AFTER_APPLY);
  }
  return masked;
}
