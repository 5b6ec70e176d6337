/** Small helpers shared by the text and markdown renderers. */
import type { JsonValue } from '../shared/plan/plan-json';
import type { EnvironmentReview, Finding, OutputChange, PlanChange, PlanReview } from './review-model';

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

/** An output's action as a word: `create`, `update`, `delete`, or the actions as written when Terraform never writes them. */
export function outputActionWord(output: OutputChange): string {
  return output.kind === 'unrecognized' ? output.actions.join('+') : output.kind;
}

/** Deleted outputs first (they break readers), then by name. */
export function orderedOutputs(outputs: readonly OutputChange[]): OutputChange[] {
  const rank = (o: OutputChange): number => (o.kind === 'delete' ? 0 : o.kind === 'unrecognized' ? 1 : o.kind === 'update' ? 2 : 3);
  return [...outputs].sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `1 created, 2 deleted`: the outputs of an environment by action, in words. */
export function outputCounts(outputs: readonly OutputChange[]): string {
  const words: [string, string][] = [
    ['create', 'created'],
    ['update', 'updated'],
    ['delete', 'deleted'],
  ];
  const parts = words.map(([kind, word]) => [outputs.filter((o) => o.kind === kind).length, word] as const).filter(([n]) => n > 0);
  const other = outputs.filter((o) => !words.some(([kind]) => kind === o.kind)).length;
  return [...parts.map(([n, word]) => `${n} ${word}`), ...(other ? [`${other} other`] : [])].join(', ');
}

/** The environments whose plan is incomplete (reviewed with `--allow-incomplete`), in the order given. */
export function incompleteEnvironments(review: PlanReview): string[] {
  return Object.entries(review.environments)
    .filter(([, env]: [string, EnvironmentReview]) => !env.complete)
    .map(([name]) => name);
}

/** The one warning line of a review with incomplete plans. */
export function incompleteWarning(names: readonly string[]): string {
  return (
    `Incomplete plan${names.length > 1 ? 's' : ''} (Terraform marked ${names.length > 1 ? 'them' : 'it'} \`complete: false\`: ` +
    `\`-target\` or deferred changes): ${names.join(', ')}. Only what ${names.length > 1 ? 'they show' : 'it shows'} is ` +
    'reviewed; the next plan after the apply will have more.'
  );
}
