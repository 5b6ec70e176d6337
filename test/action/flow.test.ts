/**
 * The whole action (action.yml's steps, in order, with their real wiring) with a stand-in GitHub
 * API: a blocked command still posts its comment, then fails with its code; the next run updates
 * that comment; a fork's run is still checked and fails, without a comment. Then the real parity
 * CLI of this repository (its workspace package, as the in-repo workflows use it) on real plans.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runComposite } from './support/composite-runner';
import { type FakeGitHub, startFakeGitHub } from './support/fake-github';
import { pullRequestEvent, scratch } from './support/run-script';

const ROOT = join(__dirname, '..', '..');
let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub();
});
afterEach(() => github.close());

/** A repository checkout with a stand-in parity package in packages/parity. */
function workspace(): string {
  const dir = scratch('parity-workspace-');
  mkdirSync(join(dir, 'packages', 'parity', 'bin'), { recursive: true });
  copyFileSync(join(__dirname, 'support', 'fake-parity.cjs'), join(dir, 'packages', 'parity', 'bin', 'parity.cjs'));
  writeFileSync(
    join(dir, 'packages', 'parity', 'package.json'),
    JSON.stringify({ name: '@env-parity/parity', version: '0.1.0', bin: { parity: 'bin/parity.cjs' } }),
  );
  return dir;
}

function runnerEnv(event: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    GITHUB_API_URL: github.url,
    GITHUB_REPOSITORY: 'acme/infra',
    GITHUB_EVENT_PATH: event,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '9',
    ...extra,
  };
}

const inputs = (more: Record<string, string>) => ({ package: './packages/parity', 'node-version': '', ...more });

test('a blocked command comments, then fails with its code; the next run updates the same comment', async () => {
  const dir = workspace();
  const env = runnerEnv(pullRequestEvent(3), { FAKE_PARITY_EXIT: '1' });
  const first = await runComposite({
    inputs: inputs({ command: 'plan review', arguments: '--plan prod=prod.json' }),
    workspace: dir,
    runnerTemp: scratch(),
    env,
    token: 't',
  });
  expect(first.steps.map((s) => [s.id, s.ran, s.code])).toEqual([
    ['step-0', false, 0],
    ['install', true, 0],
    ['run', true, 0],
    ['comment', true, 0],
    ['step-4', true, 1],
  ]);
  expect(first.code).toBe(1);
  expect(first.steps[4]!.stdout).toContain('::error::parity plan review exited 1: it found something that blocks');
  expect(github.comments.get(3)!.map((c) => c.body.split('\n')[0])).toEqual(['<!-- env-parity:plan-review -->']);
  expect(github.comments.get(3)![0]!.body).toContain(
    'report of ["plan","review","--plan","prod=prod.json","--format","markdown","--output"',
  );

  const second = await runComposite({
    inputs: inputs({ command: 'plan review', arguments: '--plan prod=prod.json' }),
    workspace: dir,
    runnerTemp: scratch(),
    env: { ...env, FAKE_PARITY_EXIT: '0' },
    token: 't',
  });
  expect(second.code).toBe(0);
  expect(github.comments.get(3)).toHaveLength(1);
  expect(github.comments.get(3)![0]!.body).toContain('`parity plan review` exited 0');
  expect(github.requests.filter((r) => r.method !== 'GET').map((r) => r.method)).toEqual(['POST', 'PATCH']);
});

test('a pull request from a fork: checked and failed as usual, the comment skipped with a notice', async () => {
  const result = await runComposite({
    inputs: inputs({ command: 'migrations check' }),
    workspace: workspace(),
    runnerTemp: scratch(),
    env: runnerEnv(pullRequestEvent(4, 'someone/fork'), { FAKE_PARITY_EXIT: '1' }),
    token: 'read-only',
  });
  expect(result.steps.map((s) => [s.id, s.code])).toEqual([
    ['step-0', 0],
    ['install', 0],
    ['run', 0],
    ['comment', 0],
    ['step-4', 1],
  ]);
  expect(result.steps[3]!.stdout).toContain('::notice::parity migrations check: #4 comes from the fork someone/fork');
  expect(github.requests).toEqual([]);
});

test('`comment: false` and `allowed-exit-codes`: no comment, and exit 3 leaves the step green with the code in the output', async () => {
  const result = await runComposite({
    inputs: inputs({ command: 'drift', comment: 'false', 'allowed-exit-codes': '0 1 3' }),
    workspace: workspace(),
    runnerTemp: scratch(),
    env: runnerEnv(pullRequestEvent(5), { FAKE_PARITY_EXIT: '3' }),
    token: 't',
  });
  expect(result.code).toBe(0);
  expect(result.steps.find((s) => s.id === 'comment')!.ran).toBe(false);
  expect(result.outputs.run!['exit-code']).toBe('3');
  expect(github.requests).toEqual([]);
});

test('a package that cannot be installed fails the action before anything runs or comments', async () => {
  const result = await runComposite({
    inputs: { command: 'check', package: './nowhere.tgz', 'node-version': '' },
    workspace: workspace(),
    runnerTemp: scratch(),
    env: runnerEnv(pullRequestEvent(6)),
    token: 't',
  });
  expect(result.code).toBe(2);
  expect(result.steps.map((s) => [s.id, s.ran])).toEqual([
    ['step-0', false],
    ['install', true],
    ['run', false],
    ['comment', false],
    ['step-4', false],
  ]);
  expect(github.requests).toEqual([]);
});

// The in-repo package, as this repository's workflows pass it (`package: ./packages/parity`).
const inRepo = 'packages/parity';

test(`the real CLI (${inRepo}): plan review of real plans blocks, comments the review, and fails the step with 1`, async () => {
  const plans = join(ROOT, 'test', 'fixtures', 'plans');
  const result = await runComposite({
    inputs: inputs({
      command: 'plan review',
      package: `./${inRepo}`,
      arguments: `--plan staging="$PLANS/staging-terraform-1.8.json"\n--plan prod="$PLANS/prod-terraform-1.8.json"`,
    }),
    workspace: ROOT,
    runnerTemp: scratch(),
    env: runnerEnv(pullRequestEvent(8), { PLANS: plans }),
    token: 't',
  });
  expect(result.steps.map((s) => [s.id, s.code])).toEqual([
    ['step-0', 0],
    ['install', 0],
    ['run', 0],
    ['comment', 0],
    ['step-4', 1],
  ]);
  expect(result.outputs.run!['exit-code']).toBe('1');
  const body = github.comments.get(8)![0]!.body;
  expect(
    body.startsWith(
      '<!-- env-parity:plan-review -->\n<!-- parity-plan-review -->\n## Terraform plan review\n\n:no_entry: **7 blocking finding(s).**',
    ),
  ).toBe(true);
  expect(body.endsWith('<sub>`parity plan review` exited 1 · [run](https://github.example/acme/infra/actions/runs/9)</sub>\n')).toBe(true);
}, 120_000);
