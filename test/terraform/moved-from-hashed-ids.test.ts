/**
 * A deployed environment moves from cdktf's hashed ids to the readable ones without touching a
 * resource: real terraform plans prod against a state that holds every resource at its old hashed
 * address, with the stack's `moved` blocks (`moveFromHashedIds`). Every change must be a move with
 * no action (`no-op` with `previous_address`), never a delete and a create.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProjectConfig } from '../../config';
import { buildApp } from '../../stacks/app';
import { MOVE_FROM_HASHED_IDS_VARIABLE } from '../../stacks/environment-stack';
import { movesFromHashedIds } from '../../stacks/hashed-ids';
import { TerraformWorkspace } from '../support/terraform/terraform-runner';
import { priorStateFromPlan, type ShowJson, type StackJson } from '../plan/support/prior-state';
import { awsResourceSchemas } from '../plan/support/provider-schema';

const HASHED = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'stacks', 'hashed-addresses.json'), 'utf8')) as Record<
  string,
  Record<string, string>
>;
const directory = mkdtempSync(join(tmpdir(), 'env-parity-moved-'));
let plan: { resource_changes: { address: string; previous_address?: string; change: { actions: string[] } }[] };
let moves: { from: string; to: string }[];

beforeAll(async () => {
  const environments = loadProjectConfig().environments.filter((e) => e.name === 'prod');
  const current = buildApp({ outdir: join(directory, 'current'), environments, offlinePlan: true });
  current.app.synth();
  moves = movesFromHashedIds(current.stacks[0]!);
  const stackDir = join(directory, 'current', 'stacks', 'prod');
  const workspace = new TerraformWorkspace({ directory: stackDir });
  await workspace.init();
  await workspace.plan('empty.tfplan');
  const empty = JSON.parse(await workspace.showJson('empty.tfplan')) as ShowJson;
  const stack = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) as StackJson;
  // The state as the hashed-id stack left it: every resource of the old app at its old address.
  const oldAddress = new Map(moves.map((m) => [m.to, m.from]));
  const hashed = new Set(Object.values(HASHED.prod!));
  const state = priorStateFromPlan(empty, stack, await awsResourceSchemas(workspace)) as { resources: { type: string; name: string }[] };
  state.resources = state.resources
    .filter((r) => hashed.has(oldAddress.get(`${r.type}.${r.name}`) ?? ''))
    .map((r) => ({ ...r, name: oldAddress.get(`${r.type}.${r.name}`)!.split('.')[1]! }));
  workspace.writeState(state);
  // The same stack with its moved blocks, synthesized as `ENV_PARITY_MOVE_FROM_HASHED_IDS=1 cdktf deploy` would.
  process.env[MOVE_FROM_HASHED_IDS_VARIABLE] = '1';
  try {
    buildApp({ outdir: join(directory, 'moved'), environments, offlinePlan: true }).app.synth();
  } finally {
    delete process.env[MOVE_FROM_HASHED_IDS_VARIABLE];
  }
  copyFileSync(join(directory, 'moved', 'stacks', 'prod', 'cdk.tf.json'), join(stackDir, 'cdk.tf.json'));
  await workspace.plan('moved.tfplan');
  plan = JSON.parse(await workspace.showJson('moved.tfplan'));
}, 300_000);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

test('every resource of the hashed-id state moves to its readable address and nothing else happens to it', () => {
  const moved = plan.resource_changes.filter((c) => c.previous_address);
  expect(moved.map((c) => c.previous_address).sort()).toEqual(Object.values(HASHED.prod!).sort());
  for (const change of moved) expect(change.address).toBe(moves.find((m) => m.from === change.previous_address)!.to);
  // Never a delete and a create: a move, updated in place only where it now refers to a resource the
  // old stack did not have (the monitoring role, the log groups).
  expect(moved.filter((c) => c.change.actions.join() !== 'no-op').map((c) => `${c.address} ${c.change.actions.join()}`)).toEqual([
    'aws_db_instance.database update',
    'aws_opensearch_domain.search update',
  ]);
  expect(moved.find((c) => c.address === 'aws_db_instance.database')?.previous_address).toBe(HASHED.prod!['platform/database/instance']);
});

test('the only creates are the resources the hashed-id stack never had, and nothing is deleted', () => {
  const hashedTargets = new Set(moves.filter((m) => Object.values(HASHED.prod!).includes(m.from)).map((m) => m.to));
  const created = plan.resource_changes.filter((c) => c.change.actions.includes('create'));
  expect(created.filter((c) => hashedTargets.has(c.address))).toEqual([]);
  expect(plan.resource_changes.filter((c) => c.change.actions.includes('delete'))).toEqual([]);
  expect(created.map((c) => c.address)).toEqual(
    expect.arrayContaining(['aws_nat_gateway.network_nat_a', 'aws_vpc_endpoint.network_endpoint_ssm']),
  );
});
