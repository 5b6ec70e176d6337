/** The nightly workflow is a valid GitHub Actions workflow that runs `parity drift` read-only through OIDC. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';

const source = readFileSync(join(__dirname, '..', '..', '.github', 'workflows', 'nightly-drift.yml'), 'utf8');
const workflow = parse(source) as {
  on: { schedule: { cron: string }[]; workflow_dispatch: unknown };
  permissions: Record<string, string>;
  jobs: { drift: { steps: { name?: string; uses?: string; run?: string; with?: Record<string, string> }[] } };
  concurrency: { group: string; 'cancel-in-progress': boolean };
};
const steps = workflow.jobs.drift.steps;

test('passes the action validator', () => {
  expect(validateWorkflow(source).errors).toEqual([]);
});

test('runs nightly and on demand', () => {
  expect(workflow.on.schedule).toEqual([{ cron: '17 3 * * *' }]);
  expect(workflow.on).toHaveProperty('workflow_dispatch');
});

test('gets AWS credentials through OIDC, with no stored keys, and may write only issues', () => {
  expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write', issues: 'write' });
  expect(steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials'))?.with).toMatchObject({
    'role-to-assume': '${{ vars.DRIFT_CI_ROLE_ARN }}',
  });
  expect(source).not.toMatch(/aws-access-key-id|AWS_SECRET_ACCESS_KEY/);
});

// Moved into the action (`uses: ./`): `--format markdown --output drift.md` is its `report`, `0|1|3)` its `allowed-exit-codes`.
test('runs the command with its markdown format and keeps its exit code for the issue step', () => {
  const drift = steps.find((s) => s.name === 'parity drift')!;
  expect(drift.uses).toBe('./');
  expect(drift.with).toMatchObject({
    command: 'drift',
    arguments: '${{ steps.environments.outputs.arguments }}',
    report: 'drift.md',
    'allowed-exit-codes': '0 1 3',
    comment: 'false',
  });
  expect(steps.find((s) => s.name === 'environments to read')?.run).toContain('for env in $ENVIRONMENTS; do args+=(--env "$env"); done');
  const issue = steps.find((s) => s.name === 'Open, update or close the drift issue')?.run ?? '';
  expect(issue).toContain('gh issue create --title "$ISSUE_TITLE" --label drift --body-file body.md');
  expect(issue).toContain('gh issue edit "$issue" --body-file body.md');
  expect(issue).toContain('gh issue close "$issue"');
});

test('one run at a time, never cancelled half way', () => {
  expect(workflow.concurrency).toEqual({ group: '${{ github.workflow }}-${{ github.ref }}', 'cancel-in-progress': false });
});
