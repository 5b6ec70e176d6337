/**
 * .github/workflows/deploy.yml: a valid workflow (the real @action-validator/core) that applies
 * staging on merge to main, then prod only behind `parity promote check` and the `prod` GitHub
 * environment, each job with its own OIDC role and its own concurrency group.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | boolean>;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Job {
  needs?: string | string[];
  if?: string;
  environment?: string;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  permissions: Record<string, string>;
  steps: Step[];
}

const source = readFileSync(join(__dirname, '..', '..', '.github', 'workflows', 'deploy.yml'), 'utf8');
const workflow = parse(source) as {
  on: Record<string, any>;
  permissions: Record<string, string>;
  concurrency: unknown;
  jobs: Record<string, Job>;
};
const { staging, 'promote-check': check, prod } = workflow.jobs as Record<string, Job>;
const role = (job: Job) => job.steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials'))?.with?.['role-to-assume'];

test('passes the action validator', () => {
  expect(validateWorkflow(source).errors).toEqual([]);
});

test('runs on merge to main (and on demand), reading the repository only', () => {
  expect(workflow.on.push).toEqual({ branches: ['main'] });
  expect(workflow.on).toHaveProperty('workflow_dispatch');
  expect(workflow.permissions).toEqual({ contents: 'read' });
});

test('three jobs in order: staging, then the promote check, then prod', () => {
  expect(Object.keys(workflow.jobs)).toEqual(['staging', 'promote-check', 'prod']);
  expect(check!.needs).toBe('staging');
  expect(prod!.needs).toBe('promote-check');
  // Never after a failed staging apply.
  expect(check!.if).toContain("needs.staging.result == 'success'");
  expect(check!.if).not.toContain('always()');
});

test('each job has its own OIDC role, no stored keys', () => {
  expect([role(staging!), role(check!), role(prod!)]).toEqual([
    '${{ vars.DEPLOY_ROLE_ARN_STAGING }}',
    '${{ vars.DRIFT_CI_ROLE_ARN }}',
    '${{ vars.DEPLOY_ROLE_ARN_PROD }}',
  ]);
  for (const job of [staging!, check!, prod!]) expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  expect(source).not.toMatch(/aws-access-key-id|AWS_SECRET_ACCESS_KEY/);
});

test('each job has its own concurrency group and is never cancelled mid-apply', () => {
  expect([staging!, check!, prod!].map((j) => j.concurrency)).toEqual([
    { group: 'deploy-staging', 'cancel-in-progress': false },
    { group: 'promote-check', 'cancel-in-progress': false },
    { group: 'deploy-prod', 'cancel-in-progress': false },
  ]);
});

test('prod waits for the `prod` environment (its required reviewers) and applies only the prod stack', () => {
  expect(prod!.environment).toBe('prod');
  const apply = prod!.steps.find((s) => s.name === 'apply prod')!;
  expect(apply['working-directory']).toBe('cdktf.out/stacks/prod');
  expect(apply.run).toMatch(/terraform plan -input=false -out=prod\.tfplan\nterraform apply -input=false prod\.tfplan/);
  expect(staging!.steps.find((s) => s.name === 'apply staging')!['working-directory']).toBe('cdktf.out/stacks/staging');
});

// Moved into the action (`uses: ./`): its `arguments` (the secret through env), its `report`, and
// the exit code becomes the job's through the action's finish step (test/action/finish.test.ts:
// 1 refused, 3 unreadable, 2 bad input each fail with their code and their meaning).
test(
  'the check runs `parity promote check` from staging to prod, with the soak and the optional database, ' +
    'and fails the job unless it exits 0',
  () => {
    const step = check!.steps.find((s) => s.name === 'parity promote check')!;
    expect(step.uses).toBe('./');
    expect(step.with).toMatchObject({ command: 'promote check', report: 'promote.md', comment: 'false' });
    expect(step.with!.arguments).toContain('--from staging --to prod --min-soak "$MIN_SOAK"');
    expect(step.with!.arguments).toContain(`\${{ secrets.STAGING_DATABASE_URL != '' && '--database-url "$STAGING_DATABASE_URL"' || '' }}`);
    expect(step.env).toEqual({
      MIN_SOAK: "${{ inputs.min-soak-hours || vars.PROMOTE_MIN_SOAK_HOURS || '0' }}",
      STAGING_DATABASE_URL: '${{ secrets.STAGING_DATABASE_URL }}',
    });
    expect(step.with!['allowed-exit-codes'] ?? '0').toBe('0');
    expect(step.with!.arguments).not.toContain('${{ secrets.STAGING_DATABASE_URL }}');
  },
);

test('no workflow-level concurrency group: a run waiting for prod approval must not hold back the next staging apply', () => {
  expect(workflow.concurrency).toBeUndefined();
});

test('the setup-terraform wrapper is off where terraform runs', () => {
  for (const job of [staging!, prod!])
    expect(job.steps.find((s) => s.uses?.startsWith('hashicorp/setup-terraform'))?.with?.terraform_wrapper).toBe(false);
});
