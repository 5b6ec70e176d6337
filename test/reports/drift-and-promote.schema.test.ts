/**
 * The real `--format json` output of `parity drift` and `parity promote check` against the tests' AWS
 * wire-protocol server with the real SDK clients (as their own tests run them), validated against the
 * published schemas; and the envelope's findings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProjectConfig } from '../../config';
import { run as runDrift } from '../../packages/parity/src/cli/drift';
import { run as runPromote } from '../../packages/parity/src/cli/promote';
import { fakeAwsPerTest } from '../drift/support/drift-test-env';
import type { FakeAwsServer } from '../drift/support/fake-aws-server';
import { checkoutFingerprints, stagingRuns } from '../promote/support/promote-test-env';
import { expectValidReport } from './support/schemas';

const STAGING = '222222222222';
const DRIFT_FIXTURES = join(__dirname, '..', 'fixtures', 'drift');
let fake: FakeAwsServer;
let dir: string;
fakeAwsPerTest('reports-aws-', STAGING, (server, scratch) => {
  fake = server;
  dir = scratch;
});

async function json(run: (argv: string[]) => Promise<number>, argv: string[]): Promise<{ code: number; text: string }> {
  const file = join(dir, 'report.json');
  const code = await run([...argv, '--format', 'json', '--output', file]);
  return { code, text: readFileSync(file, 'utf8') };
}

type Row = { level: string; rule: string; environment: string; address?: string; unknown?: boolean };
const rows = (findings: unknown) =>
  (findings as Row[]).map((f) => [f.level, f.rule, f.environment, f.address, f.unknown ? 'unknown' : ''].filter(Boolean).join(' '));

describe('parity drift', () => {
  test('in parity: no findings, status pass', async () => {
    const { code, text } = await json(runDrift, ['--env', 'staging']);
    expect(code).toBe(0);
    expect(expectValidReport('drift', text)).toMatchObject({ status: 'pass', findings: [] });
  });

  test('a hand-made key, an old engine version and resource drift in a refresh-only plan', async () => {
    fake.account(STAGING).parameters.set('/orders/staging/HAND_MADE', 'String');
    fake.account(STAGING).databases[0]!.engineVersion = '13.12';
    const { code, text } = await json(runDrift, [
      '--env',
      'staging',
      '--refresh-only-plan',
      `staging=${join(DRIFT_FIXTURES, 'refresh-only-resource-drift.json')}`,
    ]);
    expect(code).toBe(1);
    const report = expectValidReport('drift', text);
    expect(report.status).toBe('fail');
    expect(rows(report.findings)).toEqual([
      'block ssm-keys staging /orders/staging/HAND_MADE',
      'block database-engine-version staging orders-staging',
      'block terraform-drift staging aws_db_instance.database',
      'block terraform-drift staging aws_ssm_parameter.catalog["LOG_LEVEL"]',
    ]);
    expect((report.findings as { expected?: string; found?: string }[])[1]).toMatchObject({
      path: 'engine_version',
      expected: '16.8',
      found: '13.12',
    });
  });

  test('prod unreadable: an unknown blocking finding per check, status unknown', async () => {
    fake.deniedRoles.add(loadProjectConfig().environments.find((e) => e.name === 'prod')!.readOnlyRoleArn!);
    const { code, text } = await json(runDrift, ['--env', 'staging', '--env', 'prod']);
    expect(code).toBe(3);
    const report = expectValidReport('drift', text);
    expect(report.status).toBe('unknown');
    // Every check of the registry is unknown in prod (its reader role refused the caller): never a pass.
    const checks = ['ssm-keys', 'ssm-key-types', 'ssm-values', 'ssm-cross-environment', 'database-engine-version', 'cache-engine-version'];
    const more = ['search-engine-version', 'database-layout', 'database-backup-retention', 'cache-layout', 'search-layout'];
    expect(rows(report.findings)).toEqual([...checks, ...more].map((check) => `block ${check} prod unknown`));
  });
});

describe('parity promote check', () => {
  test('refused: the soak not reached is a finding with its why and fix', async () => {
    stagingRuns(fake, checkoutFingerprints().get('prod')!, 1, new Date());
    const { code, text } = await json(runPromote, ['check', '--from', 'staging', '--to', 'prod', '--min-soak', '24']);
    expect(code).toBe(1);
    const report = expectValidReport('promote', text);
    expect(report.status).toBe('fail');
    expect(report.findings).toEqual([
      expect.objectContaining({
        engine: 'promote',
        rule: 'soak',
        level: 'block',
        environment: 'staging',
        message: expect.stringMatching(/ Fix: /),
        why: expect.stringMatching(/^A change must run in staging/),
      }),
    ]);
  }, 30_000);

  test('staging runs something else: the fingerprint finding says what was expected and found', async () => {
    const other = `sha256:${'1'.repeat(64)}`;
    stagingRuns(fake, other, 30, new Date());
    const report = expectValidReport('promote', (await json(runPromote, ['check', '--from', 'staging', '--to', 'prod'])).text);
    expect(report.findings).toEqual([
      expect.objectContaining({ rule: 'fingerprint', expected: checkoutFingerprints().get('prod'), found: other }),
    ]);
  }, 30_000);
});
