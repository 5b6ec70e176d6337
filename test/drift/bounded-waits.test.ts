/**
 * Every wait is bounded: an endpoint that accepts connections and never answers makes the
 * environment unreadable when its deadline (`--timeout`) passes, never a hang; a single silent
 * request is cut by the per-attempt request timeout and retried within the deadline.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../packages/parity/src/cli/drift';
import { runDrift } from '../../packages/parity/src/drift/run-drift';
import { driftTargetOf } from '../../stacks/drift-target';
import { configWithReaderRoles, startFakeAws, useSdkEnvironment } from './support/drift-test-env';
import { silentEndpoint } from './support/silent-endpoint';

const config = configWithReaderRoles();

test('`--timeout 2` against a silent endpoint: every environment unreadable after about 2 s, exit 3', async () => {
  const silent = await silentEndpoint();
  const restore = useSdkEnvironment(silent.url);
  const dir = mkdtempSync(join(tmpdir(), 'drift-timeout-'));
  try {
    const started = Date.now();
    const code = await run([
      '--env',
      'staging',
      '--env',
      'prod',
      '--timeout',
      '2',
      '--format',
      'json',
      '--output',
      join(dir, 'drift.json'),
    ]);
    const elapsed = Date.now() - started;
    const report = JSON.parse(readFileSync(join(dir, 'drift.json'), 'utf8'));
    expect(code).toBe(3);
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(elapsed).toBeLessThan(6000);
    for (const env of ['staging', 'prod']) {
      const role = `arn:aws:iam::${env === 'staging' ? '222222222222' : '333333333333'}:role/orders-${env}-drift-reader`;
      expect(report.environments[env].status).toBe('unreadable');
      expect(report.environments[env].error).toBe(
        `DeadlineExceeded: no complete answer within the 2 s deadline (\`--timeout 2\`) (while checking the account with STS ` +
          `GetCallerIdentity as ${role})`,
      );
      expect(report.environments[env].services.ssm.status).toBe('unreadable');
    }
    expect(silent.connections()).toBeGreaterThan(0);
  } finally {
    restore();
    await silent.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 15_000);

test('only SSM is silent: SSM unreadable at the deadline, RDS, ElastiCache and OpenSearch read and compared', async () => {
  const [silent, fake] = await Promise.all([silentEndpoint(), startFakeAws(config)]);
  const restore = useSdkEnvironment(fake.url, { AWS_ENDPOINT_URL_SSM: silent.url });
  try {
    const report = await runDrift({ target: driftTargetOf(config), environments: ['prod'], deadlineMs: 4000 });
    const prod = report.environments.prod!;
    expect(prod.status).toBe('unreadable');
    expect(prod.services.ssm).toEqual({
      status: 'unreadable',
      reason:
        'DeadlineExceeded: no complete answer within the 4 s deadline (`--timeout 4`) (while listing SSM parameters under /orders/prod)',
    });
    expect([prod.services.rds.status, prod.services.elasticache.status, prod.services.opensearch.status]).toEqual(['ok', 'ok', 'ok']);
    expect(report.engines.map((e) => e.live.prod)).toEqual(['16.8', 'valkey 7.2.6', 'OpenSearch_2.17']);
  } finally {
    restore();
    await Promise.all([silent.close(), fake.close()]);
  }
}, 15_000);

test('a silent request is cut by the request timeout and retried, up to the attempts allowed, within the deadline', async () => {
  const [silent, fake] = await Promise.all([silentEndpoint(), startFakeAws(config)]);
  const restore = useSdkEnvironment(fake.url, { AWS_ENDPOINT_URL_OPENSEARCH: silent.url });
  try {
    const started = Date.now();
    const report = await runDrift({
      target: driftTargetOf(config),
      environments: ['prod'],
      deadlineMs: 10_000,
      requestTimeoutMs: 300,
      maxAttempts: 3,
    });
    const reason = report.environments.prod!.services.opensearch.reason ?? '';
    expect(reason).toMatch(/^TimeoutError: .* \(while describing OpenSearch domain orders-prod after 3 attempts\)$/);
    expect(report.calls.prod?.opensearch).toEqual({ operations: 1, requests: 3, retries: 2 });
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(report.environments.prod!.services.rds.status).toBe('ok');
  } finally {
    restore();
    await Promise.all([silent.close(), fake.close()]);
  }
}, 15_000);

test.each([['0'], ['-1'], ['soon'], ['3601']])('`--timeout %s` is bad input before any call', async (value) => {
  await expect(run([`--timeout=${value}`])).rejects.toThrow(
    `expected \`--timeout\` a number of seconds above 0 and at most 3600, found \`${value}\`. Run again with e.g. \`--timeout 60\`.`,
  );
});
