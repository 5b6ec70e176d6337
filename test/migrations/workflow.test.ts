/** The pull-request workflow: valid for GitHub Actions, runs the gate on the PR's new migrations, posts markdown. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';

const file = join(__dirname, '..', '..', '.github', 'workflows', 'migrations.yml');
const source = readFileSync(file, 'utf8');
const workflow = parse(source) as {
  on: { pull_request: { paths: string[] } };
  permissions: Record<string, string>;
  jobs: { gate: { if?: string; steps: { run?: string; uses?: string; with?: Record<string, string>; env?: Record<string, string> }[] } };
};
const gate = workflow.jobs.gate.steps.find((s) => s.uses === './' && s.with?.command === 'migrations check')!;

test('is a valid workflow (the validator says, on console.warn, only that it does not check path globs)', () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    expect(validateWorkflow(source).errors).toEqual([]);
    expect(warn.mock.calls).toEqual([
      ['WARNING: Glob validation is not yet supported. Glob at /on/pull_request/paths will not be validated.'],
    ]);
  } finally {
    warn.mockRestore();
  }
});

test.each([
  ['runs on pull requests touching migrations', () => expect(workflow.on.pull_request.paths).toContain('migrations/**')],
  [
    'fetches history so the base branch exists',
    () => expect(workflow.jobs.gate.steps.find((s) => s.uses?.startsWith('actions/checkout'))?.with?.['fetch-depth']).toBe(0),
  ],
  // Moved into the action (`uses: ./`): `--format markdown --output` and the comment are its own.
  [
    'compares with the PR base branch',
    () => expect([gate.with?.arguments, gate.env?.BASE_REF]).toEqual(['--base "origin/$BASE_REF"', '${{ github.base_ref }}']),
  ],
  // Its own comment, `<!-- env-parity:migrations-check -->`, never `gh pr comment --edit-last`, which could overwrite the plan review's.
  [
    'posts the markdown report in its own comment',
    () =>
      expect([gate.with?.comment ?? 'true', gate.with?.['comment-id'] ?? '', source.includes('--edit-last')]).toEqual(['true', '', false]),
  ],
  [
    'may write pull-request comments and nothing else',
    () => expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' }),
  ],
  ['fails the job when the gate does not exit 0', () => expect(gate.with?.['allowed-exit-codes'] ?? '0').toBe('0')],
  [
    'runs for pull requests from forks too: it needs no credentials',
    () => expect([workflow.jobs.gate.if, source.includes('configure-aws-credentials')]).toEqual([undefined, false]),
  ],
])('%s', (_name, check) => check());
