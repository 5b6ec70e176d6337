/** Small helpers shared by the text and markdown renderers. */
import type { JsonValue } from '../shared/plan/plan-json';
import type { Finding, PlanChange } from './review-model';

/** A value shortened for display; strings shown without quotes. */
export function displayValue(value: JsonValue, max = 120): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The action as a word: `replace`, `update`, `move` for a no-op with a previous address. */
export function actionWord(change: PlanChange): string {
  if (change.kind === 'noop' && change.previousAddress) return 'move';
  if (change.kind === 'unrecognized') return change.actions.join('+');
  return change.kind;
}

/** Counts of findings: blocking (not waived), warnings, waived. */
export function findingCounts(findings: readonly Finding[]): { blocking: number; warnings: number; waived: number } {
  return {
    blocking: findings.filter((f) => f.level === 'block' && !f.waivedBy).length,
    warnings: findings.filter((f) => f.level === 'warn' && !f.waivedBy).length,
    waived: findings.filter((f) => f.waivedBy).length,
  };
}

/** Changes that destroy something come first in the details. */
export function orderedChanges(changes: readonly PlanChange[]): PlanChange[] {
  const rank = (c: PlanChange): number =>
    ({ replace: 0, delete: 1, unrecognized: 2, update: 3, forget: 4, create: 5, noop: 6, read: 7 })[c.kind];
  return [...changes].sort((a, b) => rank(a) - rank(b) || (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}
