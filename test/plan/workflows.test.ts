/**
 * Every workflow in .github/workflows/ (not only the pull-request one) against action-validator's
 * schema (the real `@action-validator/core`, compiled to wasm), and the pull-request workflow's
 * contract: permissions, one OIDC role per environment, the review and the sticky comment.
 */
import { validateWorkflow } from '@action-validator/core';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const WORKFLOWS = join(__dirname, '..', '..', '.github', 'workflows');
const files = readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f));

test.each(files)('%s is a valid workflow', (file) => {
  const state = validateWorkflow(readFileSync(join(WORKFLOWS, file), 'utf8'));
  expect(state.errors).toEqual([]);
});

test('the validator rejects a workflow with a misspelled key', () => {
  const state = validateWorkflow('name: x\non: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz:\n      - run: echo\n');
  expect(state.errors.length).toBeGreaterThan(0);
});

describe('pull-request.yml', () => {
  const text = readFileSync(join(WORKFLOWS, 'pull-request.yml'), 'utf8');
  interface Step {
    uses?: string;
    run?: string;
    with?: Record<string, string>;
  }
  const workflow = parse(text) as {
    on: Record<string, unknown>;
    jobs: Record<string, { if?: string; permissions: Record<string, string>; steps: Step[] }>;
  };
  const check = workflow.jobs.check!;
  const job = workflow.jobs['plan-review']!;
  const { commentId, markerFor } = require('../../action/marker.cjs') as {
    commentId: (c: string, id?: string) => string;
    markerFor: (id: string) => string;
  };

  test('runs on pull requests with the permissions it needs and no more', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read', 'pull-requests': 'write' });
    // The parity check needs no AWS role.
    expect(check.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
  });

  // Moved: `npx parity check --format markdown --output parity-check.md` is now the action's
  // (`uses: ./`, command `check`), which adds `--format markdown --output` itself.
  test('installs, synthesizes and runs the parity check', () => {
    const runs = check.steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('bash .ci/install-deps');
    expect(runs).toContain('npm run synth');
    expect(check.steps.find((s) => s.uses === './' && s.with?.command === 'check')).toBeDefined();
    expect(check.steps.findIndex((s) => s.run === 'npm run synth')).toBeLessThan(check.steps.findIndex((s) => s.with?.command === 'check'));
  });

  test.each(['staging', 'prod'])('%s: assumes its own role, then init, plan -out and show -json', (env) => {
    const role = job.steps.find(
      (s) => s.uses?.startsWith('aws-actions/configure-aws-credentials') && s.with?.['role-session-name']?.includes(env),
    );
    expect(role?.with?.['role-to-assume']).toBe(`\${{ vars.PLAN_ROLE_ARN_${env.toUpperCase()} }}`);
    const plan = job.steps.find((s) => s.run?.includes(`plans/${env}.json`) && s.run.includes('terraform plan'))!.run!;
    expect(plan).toMatch(/terraform init[\s\S]*terraform plan .*-out=plan\.tfplan[\s\S]*terraform show -json plan\.tfplan/);
  });

  // Moved: the review's `--format markdown --output review.md` and the github-script comment are
  // the action's now; its marker is `<!-- env-parity:plan-review -->` (test/action/comment.test.ts
  // proves it is updated, not duplicated, and that the earlier `<!-- parity-plan-review -->` comment is taken over).
  test('reviews both plans as markdown and updates one sticky comment found by its marker', () => {
    const review = job.steps.find((s) => s.uses === './' && s.with?.command === 'plan review')!;
    expect(review.with!.arguments).toMatch(/--plan staging=.*\n.*--plan prod=/);
    expect(review.with!.comment ?? 'true').toBe('true');
    expect(review.with!['comment-id'] ?? '').toBe('');
    expect(markerFor(commentId('plan review'))).toBe('<!-- env-parity:plan-review -->');
  });

  test('the setup-terraform wrapper is off, so show -json writes plain JSON', () => {
    expect(job.steps.find((s) => s.uses?.startsWith('hashicorp/setup-terraform'))!.with!.terraform_wrapper).toBe(false);
  });
});
