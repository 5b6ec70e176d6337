/**
 * The attribute paths at which two Terraform values differ, as drift reports them: only paths, never
 * values (a sensitive attribute is named, not shown), each added or removed list item by its index,
 * `(whole value)` when the value itself changed. The walk is the shared plan layer's
 * (src/shared/plan/changed-paths.ts); paths are written `tags.Owner`, `ingress[0].cidr_blocks[1]`.
 */
import type { JsonValue, ValueMarks } from '../shared/plan/plan-json';
import { changedPaths as changedAttributes } from '../shared/plan/changed-paths';

export function changedPaths(
  before: unknown,
  after: unknown,
  marks: { before_sensitive?: ValueMarks; after_sensitive?: ValueMarks } = {},
): string[] {
  const change = { before: before as JsonValue, after: after as JsonValue, ...marks };
  return changedAttributes(change, { lists: 'items', sorted: false }).map((c) => (c.path === '' ? '(whole value)' : c.path));
}
