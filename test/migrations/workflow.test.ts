/** The pull-request workflow: valid for GitHub Actions, runs the gate on the PR's new migrations, posts markdown. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';

const file = join(__dirname, '..', '..', '.github', 'workflows', 'migrations.yml');
const source = readFileSync(file, 'utf8');
const workflow = parse(source) as { on: { pull_request: { paths: string[] } }; permissions: Record<string, string>; jobs: { gate: { steps: { run?: string; uses?: string; with?: Record<string, unknown> }[] } } };
const runs = workflow.jobs.gate.steps.map((s) => s.run ?? '').join('\n');

test('is a valid workflow', () => {
  expect(validateWorkflow(source).errors).toEqual([]);
});

test.each([
  ['runs on pull requests touching migrations', () => expect(workflow.on.pull_request.paths).toContain('migrations/**')],
  ['fetches history so the base branch exists', () => expect(workflow.jobs.gate.steps.find((s) => s.uses?.startsWith('actions/checkout'))?.with?.['fetch-depth']).toBe(0)],
  ['compares with the PR base branch', () => expect(runs).toContain('migrations check --base "origin/${{ github.base_ref }}" --format markdown --output migration-gate.md')],
  ['posts the markdown report', () => expect(runs).toContain('gh pr comment "${{ github.event.pull_request.number }}" --body-file migration-gate.md')],
  ['may write pull-request comments and nothing else', () => expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' })],
  ['fails the job when the gate does not exit 0', () => expect(runs).toContain('exit 1')],
])('%s', (_name, check) => check());
