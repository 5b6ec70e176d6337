/**
 * The attribute paths at which a change's `before` and `after` differ, for plan review (with values,
 * masked: a sensitive value is shown as SENSITIVE on both sides, a value known only after apply as
 * KNOWN_AFTER_APPLY) and for drift (paths only). Paths are printed by src/shared/attribute-path.ts:
 * `engine_version`, `ingress[0].cidr_blocks`, `tags["kubernetes.io/role"]`. A value that is absent
 * on one side is the same as `null` there.
 */
import { appendIndex, appendKey, printAttributePath } from '../attribute-path';
import { KNOWN_AFTER_APPLY, SENSITIVE, marksAt, maskValue, toStep, type StepInput } from './attribute-values';
import type { JsonValue, RawChange, ValueMarks } from './plan-json';

/** One changed attribute. */
export interface ChangedPath {
  /** The attribute path, e.g. `engine_version`, `ingress[0].cidr_blocks`, `tags["kubernetes.io/role"]`; `` for the whole value. */
  readonly path: string;
  /** The value before, masked. */
  readonly before: JsonValue;
  /** The value after, masked. */
  readonly after: JsonValue;
}

export interface ChangedPathOptions {
  /**
   * A list whose length changed: `whole` reports the list itself (plan review shows both lists),
   * `items` compares the common items and reports each added or removed index (drift, paths only).
   * @default 'whole'
   */
  readonly lists?: 'whole' | 'items';
  /**
   * Sort the result by path text; otherwise paths come in walk order (keys sorted, indexes ascending).
   * @default true
   */
  readonly sorted?: boolean;
}

/** Writes a path of steps (typed, or the `replace_paths` shorthand of keys and indexes) as text. */
export function formatPath(steps: readonly StepInput[]): string {
  return printAttributePath(steps.map(toStep));
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
function ownValue(value: JsonValue | undefined, key: string | number): JsonValue | undefined {
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

function walk(path: string, before: Side, after: Side, unknown: ValueMarks, items: boolean, out: ChangedPath[]): void {
  if (unknown === true) {
    out.push({ path, before: maskValue(before.value, before.sensitive), after: KNOWN_AFTER_APPLY });
    return;
  }
  if (before.sensitive === true || after.sensitive === true) {
    if (!deepEqual(before.value ?? null, after.value ?? null))
      out.push({
        path,
        before: before.value === null || before.value === undefined ? null : SENSITIVE,
        after: after.value === null || after.value === undefined ? null : SENSITIVE,
      });
    return;
  }
  const pick = (side: Side, key: string | number): Side => ({
    value: ownValue(side.value, key) ?? null,
    sensitive: marksAt(side.sensitive, key),
  });
  if (isObject(before.value) && isObject(after.value)) {
    for (const key of [...new Set([...Object.keys(before.value), ...Object.keys(after.value)])].sort()) {
      walk(appendKey(path, key), pick(before, key), pick(after, key), marksAt(unknown, key), items, out);
    }
    if (unknown && typeof unknown === 'object' && !Array.isArray(unknown)) {
      for (const [key, mark] of Object.entries(unknown)) {
        if (mark === true && !Object.hasOwn(after.value, key) && !Object.hasOwn(before.value, key))
          out.push({ path: appendKey(path, key), before: null, after: KNOWN_AFTER_APPLY });
      }
    }
    return;
  }
  if (Array.isArray(before.value) && Array.isArray(after.value) && (items || before.value.length === after.value.length)) {
    const common = Math.min(before.value.length, after.value.length);
    for (let i = 0; i < common; i++) walk(appendIndex(path, i), pick(before, i), pick(after, i), marksAt(unknown, i), items, out);
    const longer = before.value.length > after.value.length ? before : after;
    for (let i = common; i < (longer.value as JsonValue[]).length; i++) {
      const b = pick(before, i);
      const a = pick(after, i);
      out.push({
        path: appendIndex(path, i),
        before: maskValue(b.value, b.sensitive),
        after: maskValue(a.value, a.sensitive, marksAt(unknown, i)),
      });
    }
    return;
  }
  if (!deepEqual(before.value ?? null, after.value ?? null)) {
    out.push({ path, before: maskValue(before.value, before.sensitive), after: maskValue(after.value, after.sensitive, unknown) });
  }
}

/** Every changed leaf (or whole list, when its length changed and `lists` is `whole`) between `before` and `after`. */
export function changedPaths(change: RawChange | undefined, options: ChangedPathOptions = {}): ChangedPath[] {
  if (!change) return [];
  const out: ChangedPath[] = [];
  walk(
    '',
    { value: change.before ?? null, sensitive: change.before_sensitive },
    { value: change.after ?? null, sensitive: change.after_sensitive },
    change.after_unknown,
    options.lists === 'items',
    out,
  );
  if (options.sorted === false) return out;
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
