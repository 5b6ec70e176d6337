/**
 * Summarizes a refresh-only plan (`terraform show -json` of `terraform plan -refresh-only -out=FILE`):
 * the `resource_drift` entries with their changed attribute paths. The file is read by plan
 * review's reader (src/shared/plan/read-plan.ts): one plan layer, streaming, with its byte order mark,
 * UTF-16, binary-plan, state-file, setup-terraform-wrapper and `output_changes` handling; the changed
 * paths are the shared walk's (src/shared/plan/changed-paths.ts), written `ingress[0].cidr_blocks`.
 *
 * Terraform's own `-detailed-exitcode` is no guide in refresh-only mode: it exits 2 when only
 * outputs would change (hashicorp/terraform#37406, #36403), while a drifted resource is what
 * matters. Here drift is a `resource_drift` entry that changed at least one attribute or was
 * deleted outside Terraform; output changes and moves alone are not drift. A plan that errored
 * means the environment could not be read (exit 3), never that it is clean.
 */
import { statSync } from 'node:fs';
import { z } from 'zod';
import { printAttributePath, type PathStep } from '../shared/attribute-path';
import { badInput } from '../shared/exit-error';
import type { RawResourceChange } from '../shared/plan/plan-json';
import { readPlanFile } from '../shared/plan/read-plan';
import { changedPaths } from './changed-paths';
import type { TerraformDriftEntry } from './drift-report';

const changeSchema = z.object({ actions: z.array(z.string()).min(1), before: z.unknown(), after: z.unknown() });
const entrySchema = z.object({ address: z.string().min(1), previous_address: z.string().optional(), change: changeSchema });

export interface RefreshOnlySummary {
  /** True when terraform reported the plan as errored: drift is unknown. */
  errored: boolean;
  /** Drifted resources, in plan order. */
  drift: TerraformDriftEntry[];
  /** Outputs that would change (informational: they are what makes terraform exit 2). */
  outputChanges: string[];
}

export const HOW_TO_MAKE =
  'Run `terraform plan -refresh-only -out=drift.tfplan && terraform show -json drift.tfplan > drift.json` ' +
  'and pass `--refresh-only-plan ENV=drift.json`.';

function invalid(file: string, issue: z.core.$ZodIssue, where: PathStep[]): never {
  const at = printAttributePath([...where, ...issue.path.map((k) => (typeof k === 'number' ? { index: k } : { key: String(k) }))]);
  throw badInput('the JSON of `terraform show -json PLANFILE`', `\`${file}\` with ${issue.message} at \`${at}\``, HOW_TO_MAKE);
}

type Mapped = { kind: 'change'; address: string; actions: string[] } | { kind: 'drift'; entry: TerraformDriftEntry | null };

/** Reads and summarizes a plan JSON file; a missing, binary or malformed file is bad input (exit 2). */
export function readRefreshOnlyPlan(file: string): RefreshOnlySummary {
  try {
    if (!statSync(file).isFile()) throw Object.assign(new Error('not a file'), { code: 'not a regular file' });
  } catch (error) {
    throw badInput(
      'a readable plan JSON file',
      `\`${file}\` (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      HOW_TO_MAKE,
    );
  }
  const index = { change: 0, drift: 0 };
  const plan = readPlanFile(
    file,
    (raw: RawResourceChange, kind): Mapped => {
      const position = index[kind]++;
      const parsed = entrySchema.safeParse(raw);
      if (!parsed.success)
        invalid(file, parsed.error.issues[0]!, [{ key: kind === 'change' ? 'resource_changes' : 'resource_drift' }, { index: position }]);
      const { address, previous_address, change } = parsed.data;
      if (kind === 'change') return { kind, address, actions: change.actions };
      const deleted = change.actions.includes('delete');
      const paths = deleted
        ? []
        : changedPaths(change.before, change.after, {
            before_sensitive: raw.change?.before_sensitive,
            after_sensitive: raw.change?.after_sensitive,
          });
      if (!deleted && paths.length === 0) return { kind, entry: null };
      return {
        kind,
        entry: {
          address,
          ...(previous_address ? { previousAddress: previous_address } : {}),
          action: deleted ? 'delete' : change.actions.join('/'),
          changedPaths: paths,
        },
      };
    },
    { keep: ['errored'], errored: 'report' },
  );
  const planned = plan.changes.filter(
    (c): c is Extract<Mapped, { kind: 'change' }> => c.kind === 'change' && c.actions.some((a) => a !== 'no-op' && a !== 'read'),
  );
  if (planned.length > 0) {
    throw badInput(
      'a refresh-only plan',
      `\`${file}\`, a normal plan that would ${planned[0]!.actions.join('/')} ${planned[0]!.address} (${planned.length} resource changes)`,
      HOW_TO_MAKE,
    );
  }
  const errored = plan.kept.errored;
  if (errored !== undefined && typeof errored !== 'boolean')
    throw badInput(
      'the JSON of `terraform show -json PLANFILE`',
      `\`${file}\` with \`errored\` set to ${JSON.stringify(errored)}`,
      HOW_TO_MAKE,
    );
  return {
    errored: errored === true,
    drift: plan.drift.flatMap((d) => (d.kind === 'drift' && d.entry ? [d.entry] : [])),
    outputChanges: plan.outputChanges.map((o) => o.name),
  };
}
