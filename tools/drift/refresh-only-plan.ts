/**
 * Summarizes a refresh-only plan (`terraform show -json` of `terraform plan -refresh-only -out=FILE`):
 * the `resource_drift` entries with their changed attribute paths.
 *
 * Terraform's own `-detailed-exitcode` is no guide in refresh-only mode: it exits 2 when only
 * outputs would change (hashicorp/terraform#37406, #36403), while a drifted resource is what
 * matters. Here drift is a `resource_drift` entry that changed at least one attribute or was
 * deleted outside Terraform; output changes and moves alone are not drift. A plan that errored
 * means the environment could not be read (exit 3), never that it is clean.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { badInput } from '../cli/exit-error';
import { changedPaths } from './changed-paths';
import type { TerraformDriftEntry } from './drift-report';

const changeSchema = z.object({ actions: z.array(z.string()).min(1), before: z.unknown(), after: z.unknown() });

const planSchema = z.object({
  format_version: z.string({ error: 'no `format_version`' }).regex(/^1\.\d+$/, 'a `format_version` other than 1.x'),
  planned_values: z.looseObject({}, { error: 'no `planned_values` (state or other JSON, not a plan)' }),
  resource_drift: z.array(z.object({ address: z.string().min(1), previous_address: z.string().optional(), change: changeSchema })).optional(),
  resource_changes: z.array(z.object({ address: z.string(), change: changeSchema })).optional(),
  output_changes: z.record(z.string(), changeSchema).optional(),
  errored: z.boolean().optional(),
});

export interface RefreshOnlySummary {
  /** True when terraform reported the plan as errored: drift is unknown. */
  errored: boolean;
  /** Drifted resources, in plan order. */
  drift: TerraformDriftEntry[];
  /** Outputs that would change (informational: they are what makes terraform exit 2). */
  outputChanges: string[];
}

const HOW_TO_MAKE = 'Run `terraform plan -refresh-only -out=drift.tfplan && terraform show -json drift.tfplan > drift.json` and pass `--refresh-only-plan ENV=drift.json`.';

/** Summarizes plan JSON already parsed; `source` names it in error messages. */
export function summarizeRefreshOnlyPlan(json: unknown, source: string): RefreshOnlySummary {
  const parsed = planSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path.at(-1) ?? '');
    const at = issue.path.length > 0 && !issue.message.includes(`\`${field}\``) ? ` at \`${issue.path.join('.')}\`` : '';
    throw badInput('the JSON of `terraform show -json PLANFILE`', `${source} with ${issue.message}${at}`, HOW_TO_MAKE);
  }
  const plan = parsed.data;
  const planned = (plan.resource_changes ?? []).filter((c) => c.change.actions.some((a) => a !== 'no-op' && a !== 'read'));
  if (planned.length > 0) {
    throw badInput('a refresh-only plan', `${source}, a normal plan that would ${planned[0]!.change.actions.join('/')} ${planned[0]!.address} (${planned.length} resource changes)`, HOW_TO_MAKE);
  }
  const drift: TerraformDriftEntry[] = [];
  for (const entry of plan.resource_drift ?? []) {
    const deleted = entry.change.actions.includes('delete');
    const paths = deleted ? [] : changedPaths(entry.change.before, entry.change.after);
    if (!deleted && paths.length === 0) continue;
    drift.push({
      address: entry.address,
      ...(entry.previous_address ? { previousAddress: entry.previous_address } : {}),
      action: deleted ? 'delete' : entry.change.actions.join('/'),
      changedPaths: paths,
    });
  }
  const outputChanges = Object.entries(plan.output_changes ?? {})
    .filter(([, change]) => change.actions.some((a) => a !== 'no-op'))
    .map(([name]) => name);
  return { errored: plan.errored === true, drift, outputChanges };
}

/** Reads and summarizes a plan JSON file; a missing, binary or malformed file is bad input (exit 2). */
export function readRefreshOnlyPlan(file: string): RefreshOnlySummary {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw badInput('a readable plan JSON file', `\`${file}\` (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, HOW_TO_MAKE);
  }
  if (bytes.subarray(0, 2).toString('latin1') === 'PK') {
    throw badInput('the JSON of `terraform show -json PLANFILE`', `\`${file}\`, a binary plan file`, `Run \`terraform show -json ${file} > ${file}.json\` and pass that file.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw badInput('the JSON of `terraform show -json PLANFILE`', `\`${file}\`, which is not JSON (${(error as Error).message.replace(/ \(line \d+ column \d+\)$/, '')})`, HOW_TO_MAKE);
  }
  return summarizeRefreshOnlyPlan(json, `\`${file}\``);
}
