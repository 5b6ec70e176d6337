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
  with?: Record<string, unknown>;
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
const workflow = parse(source) as { on: Record<string, any>; permissions: Record<string, string>; jobs: Record<string, Job> };
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
  expect([role(staging!), role(check!), role(prod!)]).toEqual(['${{ vars.DEPLOY_ROLE_ARN_STAGING }}', '${{ vars.DRIFT_CI_ROLE_ARN }}', '${{ vars.DEPLOY_ROLE_ARN_PROD }}']);
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

test('the check runs `parity promote check` from staging to prod, with the soak and the optional database, and fails the job unless it exits 0', () => {
  const step = check!.steps.find((s) => s.name === 'parity promote check')!;
  expect(step.run).toContain('args=(--from staging --to prod --min-soak "$MIN_SOAK")');
  expect(step.run).toContain('npx parity promote check "${args[@]}" --format markdown --output promote.md');
  expect(step.run).toContain('args+=(--database-url "$STAGING_DATABASE_URL")');
  expect(step.env).toEqual({ MIN_SOAK: "${{ inputs.min-soak-hours || vars.PROMOTE_MIN_SOAK_HOURS || '0' }}", STAGING_DATABASE_URL: '${{ secrets.STAGING_DATABASE_URL }}' });
  expect(step.run).toMatch(/0\) echo[^\n]*\n\s*1\) [^\n]*exit 1 ;;\n\s*3\) [^\n]*exit 3 ;;\n\s*\*\) [^\n]*exit "\$code" ;;/);
});

test('the setup-terraform wrapper is off where terraform runs', () => {
  for (const job of [staging!, prod!]) expect(job.steps.find((s) => s.uses?.startsWith('hashicorp/setup-terraform'))?.with?.terraform_wrapper).toBe(false);
});
