/**
 * The real terraform binary on every environment's synthesized stack: init offline through the
 * provider mirror, validate, and plan with no AWS account (`-refresh=false`, empty state).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeApp } from '../../stacks/app';
import { TerraformWorkspace } from '../support/terraform/terraform-runner';
import { ENVIRONMENTS } from '../helpers/synth';
import { SECURE_STRING_PLACEHOLDER } from '../../constructs/parameters';

const outdir = mkdtempSync(join(tmpdir(), 'env-parity-tf-'));
const workspaces = new Map<string, TerraformWorkspace>();
const plans = new Map<string, any>();

beforeAll(async () => {
  const synthesized = synthesizeApp({ outdir, offlinePlan: true });
  // Two at a time: the machine has two cores and each terraform run loads the provider schema.
  const queue = [...synthesized.stacks];
  const worker = async () => {
    for (let stack = queue.shift(); stack; stack = queue.shift()) {
      const ws = new TerraformWorkspace({ directory: stack.directory });
      await ws.init();
      workspaces.set(stack.environment, ws);
      await ws.plan();
      plans.set(stack.environment, JSON.parse(await ws.showJson()));
    }
  };
  await Promise.all([worker(), worker()]);
}, 300_000);

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe.each(ENVIRONMENTS)('terraform on %s', (name) => {
  test('validates', async () => {
    const result = await workspaces.get(name)!.validate();
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
  });

  test('plans from empty state: every resource is created, nothing else', () => {
    const plan = plans.get(name);
    const actions = new Set(plan.resource_changes.map((c: any) => c.change.actions.join(',')));
    expect([...actions]).toEqual(['create']);
    expect(plan.resource_changes.length).toBeGreaterThan(50);
  });

  test('the plan carries no SecureString value and no password', () => {
    const plan = plans.get(name);
    const secure = plan.resource_changes.filter((c: any) => c.type === 'aws_ssm_parameter' && c.change.after.type === 'SecureString');
    expect(secure).toHaveLength(3);
    for (const change of secure) {
      expect(change.change.after.value ?? null).toBeNull();
      expect(change.change.after.value_wo ?? null).toBeNull();
    }
    // Write-only: even the placeholder is absent from the planned values (what becomes state).
    const planned = JSON.stringify([plan.planned_values, plan.resource_changes]);
    expect(planned.includes(SECURE_STRING_PLACEHOLDER)).toBe(false);
    const db = plan.resource_changes.find((c: any) => c.type === 'aws_db_instance');
    expect(db.change.after.password).toBeNull();
    expect(db.change.after.manage_master_user_password).toBe(true);
  });
});
