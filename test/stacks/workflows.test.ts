/**
 * The pull-request workflow is generated from config/ (scripts/workflows/): it plans and reviews
 * every environment, adding an environment adds it, and the checked-in file is never stale. The
 * nightly drift workflow reads every environment of config/ (no environment list of its own).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { loadProjectConfig } from '../../config';
import { planRoleVariable, pullRequestWorkflow } from '../../scripts/workflows/pull-request-workflow';

const ROOT = join(__dirname, '..', '..');
const config = loadProjectConfig();

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}
/** The plan-review job's steps (the `check` job plans nothing). */
const stepsOf = (text: string) => (parse(text) as { jobs: Record<string, { steps: Step[] }> }).jobs['plan-review']!.steps;

test('the checked-in pull-request workflow is the one generated from config/', () => {
  expect(readFileSync(join(ROOT, '.github', 'workflows', 'pull-request.yml'), 'utf8')).toBe(pullRequestWorkflow(config.environments));
});

test('`npm run workflows -- --check` passes on the checked-in files', () => {
  expect(
    execFileSync('node', ['--require', './scripts/register-typescript.cjs', 'scripts/workflows/generate-workflows.ts', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    }),
  ).toBe('');
});

test.each(config.environments.map((e) => e.name))('%s is planned with its own role and reviewed', (env) => {
  const steps = stepsOf(pullRequestWorkflow(config.environments));
  expect(steps.find((s) => s.with?.['role-session-name']?.startsWith(`parity-plan-${env}-`))?.with?.['role-to-assume']).toBe(
    `\${{ vars.${planRoleVariable(env)} }}`,
  );
  expect(steps.find((s) => s.name === `plan ${env}`)).toMatchObject({
    'working-directory': `cdktf.out/stacks/${env}`,
    run: expect.stringContaining(`terraform show -json plan.tfplan > "$RUNNER_TEMP/plans/${env}.json"`),
  });
  // Moved: the review's arguments are the action's `arguments` input (one option per line), not a `run:` script.
  expect(steps.find((s) => s.name === 'parity plan review')!.with!.arguments).toContain(`--plan ${env}="$RUNNER_TEMP/plans/${env}.json"\n`);
});

test('adding an environment to config/ adds its plan and its review, and the workflow stays valid', () => {
  const qa = { ...structuredClone(config.environments[1]!), name: 'qa' };
  const text = pullRequestWorkflow([...config.environments, qa]);
  expect(validateWorkflow(text).errors).toEqual([]);
  const steps = stepsOf(text);
  expect(steps.filter((s) => s.name?.startsWith('plan ')).map((s) => s.name)).toEqual(['plan dev', 'plan staging', 'plan prod', 'plan qa']);
  expect(steps.find((s) => s.with?.['role-session-name']?.startsWith('parity-plan-qa-'))?.with?.['role-to-assume']).toBe(
    '${{ vars.PLAN_ROLE_ARN_QA }}',
  );
  expect(steps.find((s) => s.name === 'parity plan review')!.with!.arguments).toMatch(
    /--plan prod=.*\n\s*--plan qa="\$RUNNER_TEMP\/plans\/qa\.json"/,
  );
});

test('no environment, no workflow: refused with where to add one', () => {
  expect(() => pullRequestWorkflow([])).toThrow('the pull-request workflow needs at least one environment in config/environments.ts');
});

test('the nightly drift check names no environment: `parity drift` reads every environment of config/', () => {
  const text = readFileSync(join(ROOT, '.github', 'workflows', 'nightly-drift.yml'), 'utf8');
  for (const env of config.environments) expect(text).not.toMatch(new RegExp(`--env[ =]+${env.name}\\b`));
  const steps = (parse(text) as { jobs: { drift: { steps: Step[] } } }).jobs.drift.steps;
  // Only the optional workflow_dispatch input adds `--env`; the schedule passes none. (Moved: the
  // arguments are built in their own step and handed to the action's drift step.)
  expect(steps.find((s) => s.name === 'environments to read')!.run).toContain('for env in $ENVIRONMENTS; do args+=(--env "$env"); done');
  expect(steps.find((s) => s.name === 'parity drift')!.with!.arguments).toBe('${{ steps.environments.outputs.arguments }}');
});
