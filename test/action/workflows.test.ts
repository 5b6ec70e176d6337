/**
 * Every workflow of .github/workflows/ and action.yml together: third-party actions pinned by
 * commit, `concurrency` everywhere (per run, or per job for deploy.yml), parity run only through this repository's action (`uses: ./`)
 * with the in-repo package, one comment marker per command, and pull requests from forks still
 * checked where no credentials are needed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { IN_REPO_PACKAGE, NOT_A_FORK, PINNED_ACTIONS } from '../../scripts/workflows/pull-request-workflow';

const { commentId, markerFor } = require('../../action/marker.cjs') as {
  commentId: (c: string, id?: string) => string;
  markerFor: (id: string) => string;
};

const ROOT = join(__dirname, '..', '..');
const DIR = join(ROOT, '.github', 'workflows');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
}
interface Job {
  if?: string;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  concurrency?: { group: string; 'cancel-in-progress': boolean | string };
  jobs: Record<string, Job>;
}

const files = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const texts = Object.fromEntries(files.map((f) => [f, readFileSync(join(DIR, f), 'utf8')]));
const workflows = Object.fromEntries(files.map((f) => [f, parse(texts[f]!) as Workflow]));
const allSteps = files.flatMap((f) =>
  Object.entries(workflows[f]!.jobs).flatMap(([job, j]) => j.steps.map((step) => ({ file: f, job, step }))),
);
const ownAction = allSteps.filter(({ step }) => step.uses === './');

test('the workflows are the five this test knows', () => {
  expect(files).toEqual(['ci.yml', 'deploy.yml', 'migrations.yml', 'nightly-drift.yml', 'pull-request.yml']);
});

describe('third-party actions are pinned by a full commit SHA with its release as a comment', () => {
  const sources = { ...texts, 'action.yml': readFileSync(join(ROOT, 'action.yml'), 'utf8') };
  const lines = Object.entries(sources).flatMap(([file, text]) =>
    text
      .split('\n')
      .filter((l) => /^\s*(-\s+)?uses:/.test(l))
      .map((line) => ({ file, line: line.trim().replace(/^-\s+/, '') })),
  );
  const thirdParty = lines.filter(({ line }) => !/^uses:\s+\.\/?$/.test(line));

  test('there are some, in the workflows and in action.yml', () => {
    expect(thirdParty.length).toBeGreaterThan(20);
    expect(thirdParty.some(({ file }) => file === 'action.yml')).toBe(true);
  });

  test.each(thirdParty.map(({ file, line }) => [file, line]))('%s: %s', (_file, line) => {
    expect(line).toMatch(/^uses: [A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(\/[A-Za-z0-9_./-]+)?@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  test('each action is pinned to one commit everywhere, the one the workflow generator pins', () => {
    const pins = new Map<string, Set<string>>();
    for (const { line } of thirdParty) {
      const [, name, rest] = /^uses: ([^@]+)@(.*)$/.exec(line)!;
      pins.set(name!, (pins.get(name!) ?? new Set()).add(rest!));
    }
    for (const [name, versions] of pins) expect([name, versions.size]).toEqual([name, 1]);
    for (const pinned of Object.values(PINNED_ACTIONS)) {
      const [name, rest] = pinned.split('@');
      expect([...(pins.get(name!) ?? [])]).toEqual([rest]);
    }
  });
});

describe('concurrency', () => {
  /** deploy.yml's groups are per job (test/workflows/deploy-concurrency.test.ts); every other workflow has one per ref. */
  const perRun = files.filter((f) => f !== 'deploy.yml');

  test.each(perRun)('%s has a group per workflow and ref', (file) => {
    const group = workflows[file]!.concurrency?.group ?? '';
    expect(group).toContain('${{ github.workflow }}-');
    expect(group).toMatch(/github\.ref|github\.event\.pull_request\.number/);
  });

  test('deploy.yml has no group per run but one on each job', () => {
    const deploy = workflows['deploy.yml']!;
    expect(deploy.concurrency).toBeUndefined();
    const jobs = Object.values(deploy.jobs) as (Job & { concurrency?: { group: string } })[];
    expect(jobs.map((j) => j.concurrency?.group)).toEqual(['deploy-staging', 'promote-check', 'deploy-prod']);
  });

  test('pull-request workflows cancel their older run; deploy and the nightly check never cancel', () => {
    const cancel = Object.fromEntries(perRun.map((f) => [f, workflows[f]!.concurrency!['cancel-in-progress']]));
    expect(cancel).toEqual({
      'ci.yml': "${{ github.event_name == 'pull_request' }}",
      'migrations.yml': true,
      'nightly-drift.yml': false,
      'pull-request.yml': true,
    });
    const deployJobs = Object.values(workflows['deploy.yml']!.jobs) as (Job & { concurrency?: { 'cancel-in-progress': boolean } })[];
    expect(deployJobs.map((j) => j.concurrency?.['cancel-in-progress'])).toEqual([false, false, false]);
  });
});

describe("this repository's workflows run parity through its own action", () => {
  test('no run step calls parity directly (only `npm run synth`, which the action does not run)', () => {
    const direct = allSteps.filter(({ step }) =>
      /\b(npx|npm exec|npm run( --silent)?) (--no-install )?parity\b|bin\/parity\.cjs/.test(step.run ?? ''),
    );
    expect(direct).toEqual([]);
    expect(Object.values(texts).some((t) => t.includes('--edit-last') || t.includes('actions/github-script'))).toBe(false);
  });

  test('the action runs every command these workflows need', () => {
    expect(ownAction.map(({ file, step }) => `${file}: ${step.with?.command}`)).toEqual([
      'deploy.yml: promote check',
      'migrations.yml: migrations check',
      'nightly-drift.yml: drift',
      'nightly-drift.yml: data check',
      'pull-request.yml: check',
      'pull-request.yml: plan review',
    ]);
  });

  test.each(ownAction.map(({ file, job, step }) => [`${file} ${job}: ${step.with?.command}`, { file, job, step }]))(
    '%s: the in-repo package, after checkout and `npm ci`',
    (_name, { file, job, step }) => {
      expect(step.with?.package).toBe(IN_REPO_PACKAGE);
      expect(step.with?.package).toBe('./packages/parity');
      // Node is set up (with the npm cache) earlier in the job, so the action does not set it up again.
      expect(step.with?.['node-version']).toBe('');
      const steps = workflows[file]!.jobs[job]!.steps;
      const at = steps.indexOf(step);
      expect(steps.findIndex((s) => s.uses?.startsWith('actions/checkout@'))).toBeLessThan(at);
      expect(steps.findIndex((s) => s.run === 'bash .ci/install-deps')).toBeLessThan(at);
    },
  );

  test('one comment marker per command, and only pull-request workflows comment', () => {
    const commenting = ownAction.filter(({ step }) => (step.with?.comment ?? 'true') === 'true');
    const markers = commenting.map(({ step }) => markerFor(commentId(step.with!.command!, step.with?.['comment-id'] ?? '')));
    expect(markers).toEqual(['<!-- env-parity:migrations-check -->', '<!-- env-parity:check -->', '<!-- env-parity:plan-review -->']);
    expect(new Set(markers).size).toBe(markers.length);
    for (const { file } of commenting) expect(Object.keys(workflows[file]!.on)).toEqual(['pull_request']);
  });
});

describe('pull requests from forks', () => {
  const prFiles = files.filter((f) => 'pull_request' in workflows[f]!.on);

  test('every job of a pull-request workflow that assumes an AWS role is skipped for forks', () => {
    const withAws = prFiles.flatMap((f) =>
      Object.entries(workflows[f]!.jobs)
        .filter(([, j]) => j.steps.some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials')))
        .map(([name, j]) => `${f} ${name}: ${j.if}`),
    );
    expect(withAws).toEqual([`pull-request.yml plan-review: ${NOT_A_FORK}`]);
    expect(NOT_A_FORK).toBe('github.event.pull_request.head.repo.full_name == github.repository');
  });

  test('the checks that need no credentials still run for them: parity check, migrations check, CI', () => {
    const unconditional = prFiles.flatMap((f) =>
      Object.entries(workflows[f]!.jobs)
        .filter(([, j]) => j.if === undefined)
        .map(([name]) => `${f} ${name}`),
    );
    expect(unconditional).toEqual(['ci.yml test', 'migrations.yml gate', 'pull-request.yml check']);
    for (const f of prFiles)
      for (const job of Object.values(workflows[f]!.jobs))
        if (job.if === undefined) expect(job.steps.some((s) => s.uses?.startsWith('aws-actions/'))).toBe(false);
  });

  test('their comment is skipped by the action, not failed (test/action/comment.test.ts: fork and 403)', () => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { runs: { steps: Step[] & { id?: string }[] } };
    const comment = action.runs.steps.find((s) => (s as { id?: string }).id === 'comment')!;
    expect(comment.run).toBe('node "$GITHUB_ACTION_PATH/action/comment.cjs"');
    expect(readFileSync(join(ROOT, 'action', 'comment.cjs'), 'utf8')).toContain('pr.head.repo.full_name !== repository');
  });
});
