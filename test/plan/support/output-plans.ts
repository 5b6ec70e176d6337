/**
 * Real plans whose outputs change, made with the real `terraform` binary and Terraform's built-in
 * `terraform_data` resource (no provider, so a real `apply` runs offline and the prior state is Terraform's own):
 * apply a first configuration, edit it, plan. Staging's edit deletes an output, creates one, updates a plain
 * and a sensitive one; prod applied the first configuration without the legacy output, so the same edit deletes
 * nothing there. Also `-target` plans, normal and refresh-only (Terraform marks them `complete: false`), and a
 * plan with nothing to do (`applyable: false`, `complete: true`).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TerraformWorkspace } from '../../support/terraform/terraform-runner';

/** The sensitive output's values, which Terraform writes in clear in `output_changes`. */
export const SECRET_BEFORE = 'out-signing-old-7070';
export const SECRET_AFTER = 'out-signing-new-7071';

export interface OutputPlans {
  readonly directory: string;
  /** `terraform show -json` of staging's plan: legacy_bucket deleted, queue_url created, two updated. */
  readonly staging: string;
  /** Prod's plan of the same edit: no output deleted. */
  readonly prod: string;
  /** Staging's plan with `-target=terraform_data.cache`: `complete: false`. */
  readonly targeted: string;
  /** Prod's plan of the applied configuration, before the edit: nothing to do. */
  readonly unchanged: string;
  /** Prod's `-refresh-only -target=terraform_data.cache` plan (as drift reads): `complete: false`. */
  readonly refreshOnlyTargeted: string;
  readonly remove: () => void;
}

type Config = {
  resource: Record<string, Record<string, { input: string }>>;
  output: Record<string, { value: string; sensitive?: boolean }>;
};

function configuration(edited: boolean, legacy: boolean): Config {
  const resources: Record<string, { input: string }> = { db: { input: 'orders-db' }, cache: { input: edited ? 'cache-v2' : 'cache-v1' } };
  if (legacy && !edited) resources.bucket = { input: 'orders-legacy-exports' };
  const output: Config['output'] = {
    db_endpoint: { value: '${terraform_data.db.output}' },
    cache_endpoint: { value: '${terraform_data.cache.output}' },
    signing_secret: { value: edited ? SECRET_AFTER : SECRET_BEFORE, sensitive: true },
  };
  if (legacy && !edited) output.legacy_bucket = { value: '${terraform_data.bucket.output}' };
  if (edited) output.queue_url = { value: 'https://sqs.eu-west-1.amazonaws.com/123456789012/orders' };
  return { resource: { terraform_data: resources }, output };
}

async function ok(workspace: TerraformWorkspace, args: string[]): Promise<string> {
  const result = await workspace.run(args);
  if (result.exitCode !== 0) throw new Error(`terraform ${args.join(' ')} exited ${result.exitCode}: ${result.stderr}`);
  return result.stdout;
}

async function environment(root: string, name: string, legacy: boolean): Promise<{ workspace: TerraformWorkspace; dir: string }> {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(configuration(false, legacy), null, 2));
  const workspace = new TerraformWorkspace({ directory: dir });
  await workspace.init();
  await ok(workspace, ['apply', '-auto-approve', '-input=false', '-lock=false', '-no-color']);
  return { workspace, dir };
}

async function planJson(workspace: TerraformWorkspace, out: string, args: string[] = []): Promise<string> {
  await ok(workspace, ['plan', '-input=false', '-lock=false', '-no-color', ...args, `-out=${out}.tfplan`]);
  const file = join(workspace.directory, `${out}.json`);
  writeFileSync(file, await workspace.showJson(`${out}.tfplan`));
  return file;
}

export async function generateOutputPlans(): Promise<OutputPlans> {
  const directory = mkdtempSync(join(tmpdir(), 'parity-output-plans-'));
  const [staging, prod] = await Promise.all([environment(directory, 'staging', true), environment(directory, 'prod', false)]);
  const unchanged = await planJson(prod.workspace, 'unchanged');
  const refreshOnlyTargeted = await planJson(prod.workspace, 'refresh-only-targeted', ['-refresh-only', '-target=terraform_data.cache']);
  writeFileSync(join(staging.dir, 'main.tf.json'), JSON.stringify(configuration(true, true), null, 2));
  writeFileSync(join(prod.dir, 'main.tf.json'), JSON.stringify(configuration(true, false), null, 2));
  // One plan at a time per workspace; the two environments in parallel.
  const stagingPlans = async () => [
    await planJson(staging.workspace, 'edited'),
    await planJson(staging.workspace, 'targeted', ['-target=terraform_data.cache']),
  ];
  const [[stagingPlan, targeted], prodPlan] = await Promise.all([stagingPlans(), planJson(prod.workspace, 'edited')]);
  return {
    directory,
    staging: stagingPlan,
    prod: prodPlan,
    targeted,
    unchanged,
    refreshOnlyTargeted,
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}
