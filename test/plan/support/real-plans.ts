/**
 * Real plans of this project's stacks for staging and prod, made once per test file: synthesize,
 * `terraform init` through the provider mirror, `plan -refresh=false`, `show -json`. First from
 * empty state (all creates), then from a hand-written prior state (see prior-state.ts) edited to
 * produce in-place updates, replacements and deletions.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProjectConfig } from '../../../config';
import { synthesizeApp } from '../../../stacks/app';
import { TerraformWorkspace } from '../../support/terraform/terraform-runner';
import { priorStateFromPlan, type ShowJson, type StackJson } from './prior-state';
import { awsResourceSchemas } from './provider-schema';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Attributes = Map<string, Record<string, Json>>;

export interface EnvironmentPlans {
  /** `terraform show -json` of the plan from empty state. */
  readonly empty: string;
  /** `terraform show -json` of the plan from the edited prior state. */
  readonly prior: string;
  /** The binary plan file of the prior-state plan. */
  readonly binaryPlan: string;
  /** The prior state file (v4). */
  readonly stateFile: string;
}

export interface RealPlans {
  readonly directory: string;
  readonly staging: EnvironmentPlans;
  readonly prod: EnvironmentPlans;
}

/** The one address of a type in the stack (the stack has one database, one cache...). */
export function addressOf(attributes: Attributes | Record<string, unknown>, type: string, contains = ''): string {
  const keys = attributes instanceof Map ? [...attributes.keys()] : Object.keys(attributes);
  const found = keys.filter((a) => a.startsWith(`${type}.`) && a.includes(contains));
  if (found.length !== 1) throw new Error(`expected one ${type}${contains ? ` containing ${contains}` : ''}, found ${found.length}`);
  return found[0]!;
}

/** Edits made in both environments: an older minor engine version, a reboot-only parameter change, an SSM key to delete. */
function editBoth(env: string, attributes: Attributes): void {
  attributes.get(addressOf(attributes, 'aws_db_instance'))!.engine_version = '16.4';
  const parameters = attributes.get(addressOf(attributes, 'aws_db_parameter_group'))!.parameter as { name: string; value: string }[];
  parameters.find((p) => p.name === 'max_connections')!.value = '300';
  attributes.set('aws_ssm_parameter.legacy_flag', {
    id: `/orders/${env}/LEGACY_FLAG`,
    name: `/orders/${env}/LEGACY_FLAG`,
    type: 'String',
    value: 'on',
    tier: 'Standard',
    data_type: 'text',
    arn: `arn:aws:ssm:eu-west-1:123456789012:parameter/orders/${env}/LEGACY_FLAG`,
  });
}

/**
 * Edits only in prod: a renamed cache replication group, a bucket gone from the code; and the configuration turns
 * encryption and deletion protection off and opens ingress to the world.
 */
function editProd(attributes: Attributes): void {
  attributes.get(addressOf(attributes, 'aws_elasticache_replication_group'))!.replication_group_id = 'orders-prod-old';
  attributes.set('aws_s3_bucket.exports', {
    id: 'orders-prod-exports',
    bucket: 'orders-prod-exports',
    force_destroy: false,
    arn: 'arn:aws:s3:::orders-prod-exports',
  });
}

function editProdConfiguration(stack: StackJson): void {
  const db = Object.values(stack.resource!.aws_db_instance!)[0]!;
  db.storage_encrypted = false;
  db.deletion_protection = false;
  const rules = stack.resource!.aws_vpc_security_group_ingress_rule!;
  const rule = rules[Object.keys(rules).find((k) => k.includes('database'))!]!;
  delete rule.referenced_security_group_id;
  rule.cidr_ipv4 = '0.0.0.0/0';
}

async function emptyPlan(directory: string, env: string, out: string): Promise<{ workspace: TerraformWorkspace; file: string }> {
  const workspace = new TerraformWorkspace({ directory });
  await workspace.init();
  await workspace.plan('empty.tfplan');
  const file = join(out, `${env}-empty.json`);
  writeFileSync(file, await workspace.showJson('empty.tfplan'));
  return { workspace, file };
}

export async function generateRealPlans(): Promise<RealPlans> {
  const directory = mkdtempSync(join(tmpdir(), 'parity-plan-review-'));
  const config = loadProjectConfig();
  const environments = config.environments.filter((e) => e.name === 'staging' || e.name === 'prod');
  const app = synthesizeApp({ outdir: join(directory, 'synth'), environments, offlinePlan: true });
  const stackDir = (env: string) => app.stacks.find((s) => s.environment === env)!.directory;
  const [staging, prod] = await Promise.all([
    emptyPlan(stackDir('staging'), 'staging', directory),
    emptyPlan(stackDir('prod'), 'prod', directory),
  ]);
  const schemas = await awsResourceSchemas(staging.workspace);

  const prior = async (env: 'staging' | 'prod', planned: { workspace: TerraformWorkspace; file: string }): Promise<EnvironmentPlans> => {
    const stackFile = join(stackDir(env), 'cdk.tf.json');
    const stack = JSON.parse(readFileSync(stackFile, 'utf8')) as StackJson;
    const state = priorStateFromPlan(JSON.parse(readFileSync(planned.file, 'utf8')) as ShowJson, stack, schemas, (attributes) => {
      editBoth(env, attributes);
      if (env === 'prod') editProd(attributes);
    });
    planned.workspace.writeState(state);
    if (env === 'prod') {
      editProdConfiguration(stack);
      writeFileSync(stackFile, JSON.stringify(stack, null, 2));
    }
    const binaryPlan = await planned.workspace.plan('prior.tfplan');
    const file = join(directory, `${env}-prior.json`);
    writeFileSync(file, await planned.workspace.showJson('prior.tfplan'));
    return { empty: planned.file, prior: file, binaryPlan, stateFile: planned.workspace.statePath };
  };
  const [stagingPlans, prodPlans] = await Promise.all([prior('staging', staging), prior('prod', prod)]);
  return { directory, staging: stagingPlans, prod: prodPlans };
}
