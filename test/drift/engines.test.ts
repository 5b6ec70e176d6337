/**
 * Engine versions and node layout, read with the real RDS and ElastiCache clients (query protocol,
 * XML, `Marker` paging) and OpenSearch client (REST-JSON), compared with config/ and each other.
 * Each block changes the fake accounts once, runs the check once, and asserts case by case.
 */
import { versionMatches } from '../../packages/parity/src/drift/compare-engines';
import { checkOnce as checkOnceWith, configWithReaderRoles, servicesWith } from './support/drift-test-env';
import type { FakeAwsServer } from './support/fake-aws-server';

const config = configWithReaderRoles();
const ACCOUNT = { dev: '111111111111', staging: '222222222222', prod: '333333333333' } as const;
const checkOnce = (change: (fake: FakeAwsServer) => void, environments?: string[]) =>
  checkOnceWith(config, change, environments ? { environments } : {});

describe('environments in parity with config/', () => {
  const run = checkOnce(() => undefined);
  test('every environment is ok and nothing differs', () => {
    const { report } = run();
    expect(Object.values(report.environments).map((e) => e.status)).toEqual(['ok', 'ok', 'ok']);
    expect(report.layout).toEqual([]);
    expect(report.engines.map((e) => [e.service, e.resource, e.declared, e.drift])).toEqual([
      ['rds', 'orders-{env}', '16.8', false],
      ['elasticache', 'orders-{env}', 'valkey 7.2', false],
      ['opensearch', 'orders-{env}', 'OpenSearch_2.17', false],
    ]);
  });
  test('cache versions come from the member clusters, patch level included', () => {
    expect(run().report.engines[1]?.live).toEqual({ dev: 'valkey 7.2.6', staging: 'valkey 7.2.6', prod: 'valkey 7.2.6' });
  });
  test('DescribeCacheClusters follows Marker through every page (7 clusters at 2 per page)', () => {
    expect(run().fake.count('DescribeCacheClusters', ACCOUNT.prod)).toBe(4);
    expect(run().report.calls.prod?.elasticache).toEqual({ operations: 5, requests: 5, retries: 0 });
  });
});

describe('prod upgraded by hand to 15 while staging stayed on 13', () => {
  const run = checkOnce(
    (fake) => {
      fake.account(ACCOUNT.prod).databases[0]!.engineVersion = '15.4';
      fake.account(ACCOUNT.staging).databases[0]!.engineVersion = '13.12';
    },
    ['staging', 'prod'],
  );
  test('both live versions are shown next to the declared one', () => {
    const rds = run().report.engines.find((e) => e.service === 'rds')!;
    expect(rds.declared).toBe('16.8');
    expect(rds.live).toEqual({ staging: '13.12', prod: '15.4' });
    expect(rds.driftIn).toEqual(['staging', 'prod']);
  });
  test('both environments drift', () => {
    const rdsDrift = servicesWith({ rds: { status: 'drift' } });
    expect(run().report.environments).toEqual({
      staging: { status: 'drift', accountId: ACCOUNT.staging, services: rdsDrift },
      prod: { status: 'drift', accountId: ACCOUNT.prod, services: rdsDrift },
    });
  });
});

describe('pending changes', () => {
  const run = checkOnce((fake) => {
    const prod = fake.account(ACCOUNT.prod);
    prod.databases[0]!.maintenance.push({
      action: 'db-upgrade',
      description: 'Upgrade to PostgreSQL 16.9',
      autoAppliedAfter: '2026-12-01T00:00:00Z',
    });
    prod.caches[0]!.pendingEngineVersion = '8.0.1';
    prod.domains[0]!.upgradeProcessing = true;
    fake.account(ACCOUNT.dev).databases[0]!.pendingEngineVersion = '17.2';
    const staging = fake.account(ACCOUNT.staging);
    staging.databases[0]!.maintenance.push({ action: 'system-update', description: 'New Operating System update is available' });
    staging.domains[0]!.softwareUpdate = {
      current: 'OpenSearch_2_17_R20250101',
      next: 'OpenSearch_2_17_R20250601',
      automatedUpdateDate: '2026-12-15T00:00:00Z',
    };
  });
  test.each([
    ['rds', 'prod', ['db-upgrade: Upgrade to PostgreSQL 16.9 (applies after 2026-12-01T00:00:00.000Z)']],
    ['rds', 'dev', ['engine-version: modify to 17.2']],
    ['elasticache', 'prod', ['engine-version: modify to 8.0.1']],
    ['opensearch', 'prod', ['engine-upgrade: an engine version upgrade is in progress']],
    ['rds', 'staging', ['system-update: New Operating System update is available']],
    [
      'opensearch',
      'staging',
      ['service-software-update: OpenSearch_2_17_R20250101 → OpenSearch_2_17_R20250601 (applies after 2026-12-15T00:00:00.000Z)'],
    ],
  ])('%s in %s shows %j', (service, env, pending) => {
    expect(run().report.engines.find((e) => e.service === service)?.pending[env]).toEqual(pending);
  });
  test.each([
    ['rds', ['dev', 'prod']],
    ['elasticache', ['prod']],
    ['opensearch', ['prod']],
  ])('changes that move the %s engine are drift in %j only', (service, envs) => {
    expect(run().report.engines.find((e) => e.service === service)?.driftIn).toEqual(envs);
  });
  test('OS patches and service software updates alone are not drift', () => {
    expect(run().report.environments.staging?.status).toBe('ok');
  });
});

describe('missing resources', () => {
  const run = checkOnce((fake) => {
    fake.account(ACCOUNT.dev).caches = [];
    fake.account(ACCOUNT.staging).databases = [];
    fake.account(ACCOUNT.prod).domains = [];
  });
  test.each([
    ['rds', 'staging'],
    ['elasticache', 'dev'],
    ['opensearch', 'prod'],
  ])('no %s resource in %s: live `absent` and drift there only', (service, env) => {
    const engine = run().report.engines.find((e) => e.service === service)!;
    expect(engine.live[env]).toBe('absent');
    expect(engine.driftIn).toEqual([env]);
  });
  test('a missing resource is drift, not an unreadable environment', () => {
    expect(Object.values(run().report.environments).map((e) => e.status)).toEqual(['drift', 'drift', 'drift']);
  });
});

describe('layout differing from config/', () => {
  const run = checkOnce(
    (fake) => {
      const staging = fake.account(ACCOUNT.staging);
      Object.assign(staging.databases[0]!, { multiAz: false, instanceClass: 'db.t4g.medium', autoMinorVersionUpgrade: true });
      Object.assign(staging.caches[0]!, { shards: 1, replicasPerShard: 0, automaticFailover: false });
      Object.assign(staging.domains[0]!, { dedicatedMasters: 0, zoneAwareness: false, instanceCount: 2 });
    },
    ['staging', 'prod'],
  );
  test.each<[string, string, unknown, unknown]>([
    ['rds', 'multiAz', true, false],
    ['rds', 'instanceClass', 'db.r6g.large', 'db.t4g.medium'],
    ['rds', 'autoMinorVersionUpgrade', false, true],
    ['elasticache', 'shards', 2, 1],
    ['elasticache', 'replicasPerShard', 1, 0],
    ['elasticache', 'automaticFailover', true, false],
    ['opensearch', 'dedicatedMasters', 3, 0],
    ['opensearch', 'zoneAwareness', true, false],
    ['opensearch', 'instanceCount', 3, 2],
  ])('%s %s: declared %j, live %j', (service, attribute, declared, live) => {
    expect(run().report.layout).toContainEqual({ service, resource: 'orders-{env}', environment: 'staging', attribute, declared, live });
  });
  test('exactly those nine, all in staging; prod is ok', () => {
    const { report } = run();
    expect(report.layout).toHaveLength(9);
    expect(report.environments.staging?.status).toBe('drift');
    expect(report.environments.prod?.status).toBe('ok');
  });
});

test.each([
  ['7.2', '7.2', true],
  ['7.2', '7.2.6', true],
  ['7.2', '7.20', false],
  ['7.2', '7.1.0', false],
  ['16.8', '16.8', true],
])('versionMatches(%s, %s) is %s', (declared, live, expected) => {
  expect(versionMatches(declared, live)).toBe(expected);
});
