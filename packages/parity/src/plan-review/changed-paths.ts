/**
 * The attribute paths an update changes, with before and after values masked: a sensitive value is
 * shown as SENSITIVE on both sides, a value known only after apply as KNOWN_AFTER_APPLY.
 */
import { KNOWN_AFTER_APPLY, SENSITIVE, marksAt, maskValue, type PathStep } from './attribute-values';
import type { JsonValue, RawChange, ValueMarks } from '../shared/plan/plan-json';

/** One changed attribute. */
export interface ChangedPath {
  /** The attribute path, e.g. `engine_version`, `ingress[0].cidr_blocks`, `tags["kubernetes.io/role"]`. */
  readonly path: string;
  /** The value before, masked. */
  readonly before: JsonValue;
  /** The value after, masked. */
  readonly after: JsonValue;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Writes a path of steps as text: `a.b[0]["c.d"]`. */
export function formatPath(steps: readonly PathStep[]): string {
  let text = '';
  for (const step of steps) {
    if (typeof step === 'number') text += `[${step}]`;
    else if (IDENTIFIER.test(step)) text += text ? `.${step}` : step;
    else text += `[${JSON.stringify(step)}]`;
  }
  return text;
}

function deepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as JsonValue[];
    return a.length === bb.length && a.every((item, i) => deepEqual(item, bb[i]));
  }
  const ao = a as Record<string, JsonValue>;
  const bo = b as Record<string, JsonValue>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const key of keys) if (!deepEqual(ao[key] ?? null, bo[key] ?? null)) return false;
  return true;
}

/** A key or index of a value, own members only: an attribute named `constructor` is data. */
function ownValue(value: JsonValue | undefined, key: PathStep): JsonValue | undefined {
  if (value === null || value === undefined || typeof value !== 'object') return undefined;
  return Object.hasOwn(value, key) ? (value as Record<string, JsonValue>)[key as string] : undefined;
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

interface Side {
  value: JsonValue | undefined;
  sensitive: ValueMarks;
}

function walk(steps: PathStep[], before: Side, after: Side, unknown: ValueMarks, out: ChangedPath[]): void {
  if (unknown === true) {
    out.push({ path: formatPath(steps), before: maskValue(before.value, before.sensitive), after: KNOWN_AFTER_APPLY });
    return;
  }
  if (before.sensitive === true || after.sensitive === true) {
    if (!deepEqual(before.value ?? null, after.value ?? null)) out.push({ path: formatPath(steps), before: before.value === null || before.value === undefined ? null : SENSITIVE, after: after.value === null || after.value === undefined ? null : SENSITIVE });
    return;
  }
  const bothObjects = isObject(before.value) && isObject(after.value);
  const sameLengthArrays = Array.isArray(before.value) && Array.isArray(after.value) && before.value.length === after.value.length;
  if (bothObjects || sameLengthArrays) {
    const keys: PathStep[] = bothObjects
      ? [...new Set([...Object.keys(before.value as object), ...Object.keys(after.value as object)])].sort()
      : (before.value as JsonValue[]).map((_, i) => i);
    for (const key of keys) {
      const pick = (side: Side): Side => ({ value: ownValue(side.value, key) ?? null, sensitive: marksAt(side.sensitive, key) });
      walk([...steps, key], pick(before), pick(after), marksAt(unknown, key), out);
    }
    if (bothObjects && unknown && typeof unknown === 'object' && !Array.isArray(unknown)) {
      for (const [key, mark] of Object.entries(unknown)) {
        if (mark === true && !Object.hasOwn(after.value as object, key) && !Object.hasOwn(before.value as object, key)) out.push({ path: formatPath([...steps, key]), before: null, after: KNOWN_AFTER_APPLY });
      }
    }
    return;
  }
  if (!deepEqual(before.value ?? null, after.value ?? null)) {
    out.push({ path: formatPath(steps), before: maskValue(before.value, before.sensitive), after: maskValue(after.value, after.sensitive, unknown) });
  }
}

/** Every changed leaf (or whole list, when its length changed) between `before` and `after`. */
export function changedPaths(change: RawChange | undefined): ChangedPath[] {
  if (!change) return [];
  const out: ChangedPath[] = [];
  walk([], { value: change.before ?? null, sensitive: change.before_sensitive }, { value: change.after ?? null, sensitive: change.after_sensitive }, change.after_unknown, out);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
