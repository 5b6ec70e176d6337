/**
 * `parity promote check` against the tests' AWS wire-protocol server with the real SDK clients:
 * equal, different and missing fingerprints, soak not reached, staging unreadable, bad input.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitError } from '../../packages/parity/src/shared/exit-error';
import { run } from '../../packages/parity/src/cli/promote';
import { promoteExitCode, runPromoteCheck, type PromoteOptions } from '../../packages/parity/src/promote/run-promote-check';
import { useSdkEnvironment } from '../drift/support/drift-test-env';
import { silentEndpoint } from '../drift/support/silent-endpoint';
import type { FakeAwsServer } from '../drift/support/fake-aws-server';
import { PARAMETER, STAGING_ACCOUNT, checkoutFingerprints, config, stagingRuns, startFake, target } from './support/promote-test-env';
import { ENVELOPE_FIELDS } from '../reports/support/envelope-fields';

const NOW = new Date('2026-12-01T09:00:00.000Z');
const OTHER = 'sha256:1111111111111111111111111111111111111111111111111111111111111111';
let fake: FakeAwsServer;
let restore: () => void;
let expected: string;

beforeAll(() => {
  expected = checkoutFingerprints().get('prod')!;
});
beforeEach(async () => {
  fake = await startFake();
  restore = useSdkEnvironment(fake.url);
});
afterEach(async () => {
  restore();
  await fake.close();
});

const check = (options: Partial<PromoteOptions> = {}) =>
  runPromoteCheck({ target, from: 'staging', to: 'prod', now: NOW, checkout: checkoutFingerprints(), ...options });

describe('equal fingerprints', () => {
  test('staging runs what prod would get, for 48 h: promote (exit 0)', async () => {
    stagingRuns(fake, expected, 48, NOW);
    const report = await check({ minSoakHours: 24 });
    expect(report.decision).toBe('promote');
    expect(promoteExitCode(report)).toBe(0);
    expect(report.checks).toEqual({
      fingerprint: {
        status: 'pass',
        detail: `\`staging\` runs ${expected}, the fingerprint of what this checkout would apply to \`prod\`.`,
      },
      soak: {
        status: 'pass',
        detail: '`staging` has run it since 2026-11-29T09:00:00.000Z (48.0 h ago), at least the 24 h `--min-soak` asks.',
      },
      migrations: { status: 'not-checked', detail: 'no `--database-url` given: the migrations of `staging` were not checked.' },
    });
    expect(report.fingerprints).toEqual({ expected, checkoutFrom: expected, live: expected, liveWrittenAt: '2026-11-29T09:00:00.000Z' });
  });

  test('reads staging only, with its read-only role: AssumeRole, GetCallerIdentity, one GetParameters', async () => {
    stagingRuns(fake, expected, 1, NOW);
    const report = await check();
    expect(fake.requests.map((r) => [r.operation, r.accountId])).toEqual([
      ['AssumeRole', '999999999999'],
      ['GetCallerIdentity', STAGING_ACCOUNT],
      ['GetParameters', STAGING_ACCOUNT],
    ]);
    expect(fake.requests[2]!.input).toEqual({ Names: [PARAMETER], WithDecryption: false });
    expect(report.totals).toEqual({ operations: 3, requests: 3, retries: 0 });
    expect(report.checks.soak.detail).toBe('`staging` has run it since 2026-12-01T08:00:00.000Z (1.0 h ago); no `--min-soak` asked.');
  });
});

describe('refused (exit 1), each reason with its fix', () => {
  const apply =
    "Apply this revision to `staging` first and let the apply succeed (your deploy pipeline's `staging` job, " +
    'or `npx cdktf deploy staging`), then check again.';

  test('different fingerprint: staging has not applied this platform', async () => {
    stagingRuns(fake, OTHER, 72, NOW);
    const report = await check({ minSoakHours: 24 });
    expect(report.decision).toBe('refused');
    expect(promoteExitCode(report)).toBe(1);
    expect(report.checks.fingerprint).toEqual({
      status: 'fail',
      detail:
        `\`staging\` runs ${OTHER}, but this checkout would apply ${expected} to \`prod\`: ` +
        `\`staging\` has not applied this platform (or its last apply failed).`,
      fix: apply,
    });
    expect(report.checks.soak).toEqual({
      status: 'not-checked',
      detail: '`staging` does not run what would be promoted: there is no soak to measure.',
    });
  });

  test('missing fingerprint: no apply of a publishing stack ever succeeded in staging', async () => {
    fake.account(STAGING_ACCOUNT).parameters.delete(PARAMETER);
    const report = await check();
    expect(report.decision).toBe('refused');
    expect(report.checks.fingerprint).toEqual({
      status: 'fail',
      detail: `\`staging\` has no ${PARAMETER}: no apply of a stack that publishes the fingerprint has succeeded there.`,
      fix: apply,
    });
    expect(report.fingerprints.live).toBeNull();
  });

  test('soak not reached: applied 2 h ago, 24 h asked', async () => {
    stagingRuns(fake, expected, 2, NOW);
    const report = await check({ minSoakHours: 24 });
    expect(report.decision).toBe('refused');
    expect(report.checks.fingerprint.status).toBe('pass');
    expect(report.checks.soak).toEqual({
      status: 'fail',
      detail: '`staging` has run it only since 2026-12-01T07:00:00.000Z (2.0 h ago); `--min-soak 24` needs 22.0 h more.',
      fix: 'Wait until 2026-12-02T07:00:00.000Z and run again (or lower `--min-soak`).',
    });
  });

  test('parity broken in the code itself: the fix says so', async () => {
    stagingRuns(fake, OTHER, 72, NOW);
    const report = await check({
      checkout: new Map([
        ['staging', OTHER],
        ['prod', expected],
      ]),
    });
    expect(report.checks.fingerprint.fix).toBe(
      `${apply} This checkout's own \`staging\` and \`prod\` stacks differ (sha256:111111111111… ` +
        `and ${expected.slice(0, 19)}…), so no apply to \`staging\` can prove \`prod\`'s change: ` +
        `run \`npx parity check\` and make parity hold.`,
    );
  });
});

describe('staging unreadable (exit 3, never a pass)', () => {
  test('the read-only role cannot be assumed', async () => {
    stagingRuns(fake, expected, 48, NOW);
    fake.deniedRoles.add(config.environments.find((e) => e.name === 'staging')!.readOnlyRoleArn!);
    const report = await check();
    expect(report.decision).toBe('unreadable');
    expect(promoteExitCode(report)).toBe(3);
    expect(report.checks.fingerprint.status).toBe('unreadable');
    expect(report.checks.fingerprint.detail).toBe(
      "`staging`'s fingerprint could not be read: AccessDenied: User: " +
        'arn:aws:iam::999999999999:user/ci is not authorized to perform: sts:AssumeRole on ' +
        'resource: arn:aws:iam::222222222222:role/orders-staging-drift-reader (while checking the ' +
        'account with STS GetCallerIdentity as ' +
        'arn:aws:iam::222222222222:role/orders-staging-drift-reader)',
    );
    expect(report.checks.soak.status).toBe('not-checked');
  });

  test('GetParameters denied on the parameter', async () => {
    stagingRuns(fake, expected, 48, NOW);
    fake.faults.push({ operation: 'GetParameters', kind: 'AccessDenied' });
    const report = await check();
    expect(report.decision).toBe('unreadable');
    expect(report.checks.fingerprint.detail).toBe(
      `\`staging\`'s fingerprint could not be read: AccessDeniedException: User: ` +
        `arn:aws:sts::${STAGING_ACCOUNT}:assumed-role/parity-drift-reader/session is not ` +
        `authorized to perform: ssm:GetParameters (while reading ${PARAMETER})`,
    );
    expect(report.checks.fingerprint.fix).toBe(
      `Check \`readOnlyRoleArn\` of \`staging\` and its access to ${PARAMETER}, then run again; an unknown fingerprint is never a pass.`,
    );
  });

  test('throttled beyond the retries: unreadable, with the attempts made', async () => {
    stagingRuns(fake, expected, 48, NOW);
    fake.faults.push({ operation: 'GetParameters', kind: 'Throttling' });
    const report = await check();
    expect(report.decision).toBe('unreadable');
    expect(report.checks.fingerprint.detail).toMatch(
      /ThrottlingException: Rate exceeded \(while reading \/orders\/staging\/PLATFORM_FINGERPRINT after 3 attempts\)$/,
    );
    expect(report.calls.ssm).toEqual({ operations: 1, requests: 3, retries: 2 });
  });
});

describe('the command', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'promote-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('synthesizes this checkout, reads staging and writes JSON with the envelope and schemaVersion (exit 0)', async () => {
    stagingRuns(fake, expected, 30, new Date());
    const file = join(dir, 'promote.json');
    const code = await run(['check', '--from', 'staging', '--to', 'prod', '--min-soak', '24', '--format', 'json', '--output', file]);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(code).toBe(0);
    // The shared envelope (schemas/promote.schema.json, version 2) first, then the promote report's own fields.
    expect(Object.keys(report)).toEqual([
      ...ENVELOPE_FIELDS,
      'from',
      'to',
      'decision',
      'checks',
      'fingerprints',
      'minSoakHours',
      'checkedAt',
      'calls',
      'totals',
    ]);
    expect(report).toMatchObject({ engine: 'promote', status: 'pass', findings: [] });
    expect(report).toMatchObject({
      schemaVersion: 2,
      from: 'staging',
      to: 'prod',
      decision: 'promote',
      minSoakHours: 24,
      fingerprints: { expected, live: expected },
    });
  }, 30_000);

  test('text: the decision first, then each check with its fix (exit 1)', async () => {
    stagingRuns(fake, OTHER, 30, new Date());
    const file = join(dir, 'promote.txt');
    const code = await run(['check', '--from', 'staging', '--to', 'prod', '--output', file]);
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(code).toBe(1);
    expect(lines[0]).toBe('parity promote check staging → prod: REFUSED. prod must not be applied yet.');
    expect(lines[2]).toMatch(
      /^ {2}fingerprint fail {8}`staging` runs sha256:1{64}, but this checkout would apply sha256:[0-9a-f]{64} to `prod`/,
    );
    expect(lines[3]).toMatch(/^ {26}fix: Apply this revision to `staging` first/);
    expect(lines.at(-2)).toBe('3 AWS requests in staging, 0 retries (ssm 1, sts 2).');
  }, 30_000);

  test('markdown for the job summary', async () => {
    stagingRuns(fake, expected, 1, new Date());
    const file = join(dir, 'promote.md');
    expect(await run(['check', '--from', 'staging', '--to', 'prod', '--min-soak', '24', '--format', 'markdown', '--output', file])).toBe(1);
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe('## ❌ `parity promote check` staging → prod: REFUSED');
    expect(text).toContain('| soak | ❌ fail | `staging` has run it only since ');
  }, 30_000);

  test('--help prints the usage and the three conditions (exit 0)', async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await run(['check', '--help'])).toBe(0);
      expect(String(write.mock.calls[0]![0])).toContain(
        'usage: parity promote check --from ENV --to ENV [--target FILE --stacks DIR] [--min-soak HOURS]',
      );
      expect(String(write.mock.calls[0]![0])).toContain(
        '(schemas/promote-target.schema.json) with --stacks DIR (what `cdktf synth` wrote): given\n' +
          'together, they win over the project; one without the other is bad input.',
      );
      expect(String(write.mock.calls[0]![0])).toContain(
        'Exit codes: 0 promote, 1 refused (each reason with its fix), 2 bad input, 3 staging unreadable.',
      );
    } finally {
      write.mockRestore();
    }
  });
});

describe('bad input: exit 2 before any call or synthesis', () => {
  test.each([
    [
      ['check', '--from', 'dev', '--to', 'prod'],
      'expected `--from` in the parity group of `prod` (`production`), whose fingerprint can ' +
        "equal prod's, found `dev` in `development`. Promote from an environment of `production`: " +
        '`staging`.',
    ],
    [
      ['check', '--from', 'prod', '--to', 'prod'],
      'expected `--from` and `--to` two different environments, found `prod` twice. Run e.g. ' +
        '`npx parity promote check --from staging --to prod`.',
    ],
    [
      ['check', '--from', 'qa', '--to', 'prod'],
      'expected `--from` one of the environments in config/environments.ts (dev, staging, prod), ' +
        'found `qa`. Run e.g. `npx parity promote check --from staging --to prod`.',
    ],
    [
      ['check', '--to', 'prod'],
      'expected `--from ENV` and `--to ENV`, found no `--from`. Run e.g. `npx parity promote check --from staging --to prod`.',
    ],
    [
      ['check', '--from', 'staging', '--to', 'prod', '--min-soak', 'a day'],
      'expected `--min-soak` a number of hours, 0 or more, found `a day`. Run again with e.g. `--min-soak 24`.',
    ],
    [
      ['check', '--from', 'staging', '--to', 'prod', '--timeout', '0'],
      'expected `--timeout` a number of seconds above 0 and at most 3600, found `0`. Run again with e.g. `--timeout 60`.',
    ],
    [
      ['check', '--from', 'staging', '--to', 'prod', '--database-url', 'mysql://u:secret@db/orders'],
      "expected `--database-url` of `staging`'s database as " +
        '`postgresql://USER:PASSWORD@HOST:PORT/DATABASE`, found `mysql://u:***@db/orders`. Fix the ' +
        'URL, or leave `--database-url` out to skip the migrations check.',
    ],
    [
      ['check', '--from', 'staging', '--to', 'prod', '--database-url', 'postgresql://u@db/orders', '--migrations-dir', '/nonexistent'],
      'expected a migrations directory at `/nonexistent`, found no such directory. Pass `--migrations-dir PATH` (default `migrations`).',
    ],
    [
      ['check', '--from', 'staging', '--to', 'prod', '--format', 'html'],
      'expected `--format` one of text, markdown, json, found `html`. Run again with `--format text`.',
    ],
    [
      ['deploy'],
      'expected a subcommand of `parity promote` (check), found `deploy`. Run `npx parity ' +
        'promote check --from ENV --to ENV [--target FILE --stacks DIR] [--min-soak HOURS] [--database-url URL] ' +
        '[--migrations-dir DIR] [--tool ' +
        'sql|node-pg-migrate|knex|goose|dbmate|golang-migrate|flyway] [--timeout SECONDS] ' +
        '[--format text|markdown|json] [--output FILE]`.',
    ],
  ])('%j', async (argv, message) => {
    const error = await run(argv).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ExitError);
    expect((error as ExitError).code).toBe(2);
    expect((error as ExitError).message).toBe(message);
    expect(fake.requests).toEqual([]);
  });
});

describe('bounded waits', () => {
  test('a staging endpoint that never answers: unreadable when `--timeout` passes (exit 3), never a hang', async () => {
    const silent = await silentEndpoint();
    const back = useSdkEnvironment(silent.url);
    try {
      const started = Date.now();
      const report = await check({ deadlineMs: 1000 });
      expect(Date.now() - started).toBeLessThan(4000);
      expect(report.decision).toBe('unreadable');
      expect(promoteExitCode(report)).toBe(3);
      expect(report.checks.fingerprint.detail).toBe(
        "`staging`'s fingerprint could not be read: DeadlineExceeded: no complete answer within " +
          'the 1 s deadline (`--timeout 1`) (while checking the account with STS GetCallerIdentity ' +
          'as arn:aws:iam::222222222222:role/orders-staging-drift-reader)',
      );
    } finally {
      back();
      await silent.close();
    }
  }, 15_000);
});

test('`parity --help` lists the promote command; `parity promote` alone is a usage error naming its usage (exit 2)', async () => {
  const { main } = require('../../packages/parity/src/cli/main') as typeof import('../../packages/parity/src/cli/main');
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    expect(await main(['--help'])).toBe(0);
    expect(String(write.mock.calls[0]![0])).toMatch(
      /^ {2}promote {5}`promote check`: may prod get what staging runs \(fingerprint, soak, migrations\)$/m,
    );
    const error = (await main(['promote']).then(
      () => undefined,
      (e: unknown) => e,
    )) as ExitError;
    expect(error.code).toBe(2);
    expect(error.message).toMatch(/Run `npx parity promote check --from ENV --to ENV/);
    expect(write.mock.calls).toHaveLength(1);
  } finally {
    write.mockRestore();
  }
});
