/**
 * The shape of one `resource_changes` / `resource_drift` entry, checked at the boundary: an entry
 * that is `null`, a number, lacks `change` or has `actions` that is not a list of strings is bad
 * input naming the entry, never a BLOCK on `unknown.unknown`. Unknown keys pass (Terraform adds
 * fields); values (`before`, `after`) are not constrained, only the fields review reads.
 */
import { z } from 'zod';
import { printAttributePath } from '../attribute-path';
import type { RawResourceChange } from './plan-json';

const step = z.union([z.string(), z.number()]);

const changeSchema = z.looseObject({
  actions: z.array(z.string(), 'a list of strings such as `["update"]`'),
  replace_paths: z.array(z.array(step, 'a list of keys and indices'), 'a list of attribute paths').optional(),
});

export const planEntrySchema = z.looseObject({
  address: z.string().optional(),
  previous_address: z.string().optional(),
  module_address: z.string().optional(),
  mode: z.enum(['managed', 'data']).optional(),
  type: z.string().optional(),
  name: z.string().optional(),
  index: step.optional(),
  deposed: z.string().optional(),
  action_reason: z.string().optional(),
  change: changeSchema,
});

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return '`null`';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `\`${JSON.stringify(value).slice(0, 40)}\``;
}

const optionalString = (v: unknown) => v === undefined || typeof v === 'string';
const isStep = (v: unknown) => typeof v === 'string' || typeof v === 'number';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The schema's answer for an entry Terraform wrote, without building zod's copy of it: a plan of
 * 20,000 changes is checked in a few milliseconds. It accepts exactly what `planEntrySchema` does
 * (test/plan/plan-entries.test.ts holds them together); anything it does not accept goes to zod,
 * which names the problem.
 */
function wellFormed(entry: Record<string, unknown>): boolean {
  const change = entry.change;
  if (!isRecord(change) || !Array.isArray(change.actions) || !change.actions.every((a) => typeof a === 'string')) return false;
  const paths = change.replace_paths;
  if (paths !== undefined && !(Array.isArray(paths) && paths.every((p) => Array.isArray(p) && p.every(isStep)))) return false;
  if (
    !(
      optionalString(entry.address) &&
      optionalString(entry.previous_address) &&
      optionalString(entry.module_address) &&
      optionalString(entry.type) &&
      optionalString(entry.name)
    )
  )
    return false;
  if (!(optionalString(entry.deposed) && optionalString(entry.action_reason) && (entry.index === undefined || isStep(entry.index))))
    return false;
  return entry.mode === undefined || entry.mode === 'managed' || entry.mode === 'data';
}

/** The problem with an entry, as `expected`/`found` phrases; undefined when it has the shape. */
export function planEntryProblem(entry: unknown): { expected: string; found: string } | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return { expected: 'a resource change object (`{ "address": ..., "change": { "actions": [...] } }`)', found: describe(entry) };
  }
  if (wellFormed(entry as Record<string, unknown>)) return undefined;
  const parsed = planEntrySchema.safeParse(entry, { reportInput: true });
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  const path = printAttributePath(issue.path.map((k) => (typeof k === 'number' ? { index: k } : { key: String(k) })));
  const input = issue.path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    entry,
  );
  const expected =
    issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')
      ? `\`${path}\` to be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`
      : `\`${path}\` to be ${issue.message}`;
  return { expected, found: describe(input) };
}

/** Narrows an entry that passed `planEntryProblem`. */
export function asPlanEntry(entry: unknown): RawResourceChange {
  return entry as RawResourceChange;
}
