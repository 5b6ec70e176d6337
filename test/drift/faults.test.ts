/**
 * Faults answered in each protocol's own framing: access denied and expired credentials make one
 * environment unreadable (with the reason) while the others are still checked; throttling is
 * retried by the SDK's standard retry mode and counted.
 */
import { rawProjectConfig, validateProjectConfig } from '../../config';
import { renderDriftText } from '../../packages/parity/src/drift/render-drift';
import { driftExitCode } from '../../packages/parity/src/drift/run-drift';
import {
  allUnreadable,
  checkOnce as checkOnceWith,
  configWithReaderRoles,
  servicesWith,
  type TestDriftOptions,
} from './support/drift-test-env';
import type { FakeAwsServer } from './support/fake-aws-server';

const config = configWithReaderRoles();
const ACCOUNT = { dev: '111111111111', staging: '222222222222', prod: '333333333333' } as const;
const ROLE = (account: string) => `arn:aws:iam::${account}:role/parity-drift-reader`;
const checkOnce = (change: (fake: FakeAwsServer) => void, options: TestDriftOptions = {}) => checkOnceWith(config, change, options);

describe('access denied and expired credentials, one environment each', () => {
  const run = checkOnce((fake) => {
    fake.deniedRoles.add(ROLE(ACCOUNT.staging));
    fake.faults.push({ operation: 'DescribeParameters', accountId: ACCOUNT.prod, kind: 'AccessDenied' });
    fake.faults.push({ operation: 'DescribeDBInstances', accountId: ACCOUNT.dev, kind: 'ExpiredToken' });
  });
  const assumeRole =
    `AccessDenied: User: arn:aws:iam::999999999999:user/ci is not authorized to perform: sts:AssumeRole on ` +
    `resource: ${ROLE(ACCOUNT.staging)} (while checking the account with STS GetCallerIdentity as ${ROLE(ACCOUNT.staging)})`;
  const ssmDenied =
    `AccessDeniedException: User: arn:aws:sts::${ACCOUNT.prod}:assumed-role/parity-drift-reader/session is not ` +
    `authorized to perform: ssm:DescribeParameters (while listing SSM parameters under /orders/prod)`;
  const expired = 'ExpiredToken: The security token included in the request is expired (while describing RDS instance orders-dev)';
  test('staging: the role cannot be assumed, so no part can be read', () => {
    expect(run().report.environments.staging).toEqual({ status: 'unreadable', error: assumeRole, services: allUnreadable(assumeRole) });
    expect(renderDriftText(run().report).split('\n')).toContain(`           ssm, rds, elasticache, opensearch unreadable: ${assumeRole}`);
  });
  test('prod: SSM denied; RDS, ElastiCache and OpenSearch still read', () => {
    expect(run().report.environments.prod).toEqual({
      status: 'unreadable',
      error: ssmDenied,
      accountId: ACCOUNT.prod,
      services: servicesWith({ ssm: { status: 'unreadable', reason: ssmDenied } }),
    });
  });
  test('dev: the RDS call is refused; the other parts still read', () => {
    expect(run().report.environments.dev).toEqual({
      status: 'unreadable',
      error: expired,
      accountId: ACCOUNT.dev,
      services: servicesWith({ rds: { status: 'unreadable', reason: expired } }),
    });
  });
  test('an unreadable part is unknown in every comparison, never clean or empty; the parts read are there', () => {
    const { report } = run();
    expect(report.ssm.missingIn).toEqual({ dev: [] });
    expect(report.engines.map((e) => e.live)).toEqual([
      { dev: null, staging: null, prod: '16.8' },
      { dev: 'valkey 7.2.6', staging: null, prod: 'valkey 7.2.6' },
      { dev: 'OpenSearch_2.17', staging: null, prod: 'OpenSearch_2.17' },
    ]);
    expect(driftExitCode(report)).toBe(3);
  });
});

describe('one environment denied, the others still checked', () => {
  const run = checkOnce((fake) => {
    fake.faults.push({ operation: 'DescribeDomain', accountId: ACCOUNT.staging, kind: 'AccessDenied' });
    fake.account(ACCOUNT.prod).databases[0]!.engineVersion = '15.4';
  });
  test('staging is unreadable with the REST-JSON error, dev is ok, prod shows its drift', () => {
    const { report } = run();
    const denied =
      `AccessDeniedException: User: arn:aws:sts::${ACCOUNT.staging}:assumed-role/parity-drift-reader/session is not ` +
      `authorized to perform: es:DescribeDomain (while describing OpenSearch domain orders-staging)`;
    expect(report.environments.staging).toEqual({
      status: 'unreadable',
      error: denied,
      accountId: ACCOUNT.staging,
      services: servicesWith({ opensearch: { status: 'unreadable', reason: denied } }),
    });
    expect(report.environments.dev).toEqual({ status: 'ok', accountId: ACCOUNT.dev, services: servicesWith() });
    expect(report.environments.prod).toEqual({
      status: 'drift',
      accountId: ACCOUNT.prod,
      services: servicesWith({ rds: { status: 'drift' } }),
    });
    expect(report.engines[0]?.live).toEqual({ dev: '16.8', staging: '16.8', prod: '15.4' });
    expect(report.engines[2]?.live).toEqual({ dev: 'OpenSearch_2.17', staging: null, prod: 'OpenSearch_2.17' });
  });
  test('unreadable wins over drift in the exit code', () => {
    expect(driftExitCode(run().report)).toBe(3);
  });
});

describe('throttling, retried with the standard retry mode and counted', () => {
  const run = checkOnce(
    (fake) => {
      fake.faults.push({ operation: 'DescribeParameters', accountId: ACCOUNT.prod, kind: 'Throttling', times: 2 });
      fake.faults.push({ operation: 'DescribeCacheClusters', accountId: ACCOUNT.prod, kind: 'Throttling', times: 1 });
    },
    { environments: ['prod'] },
  );
  test('prod is read completely and is ok', () => {
    expect(run().report.environments.prod).toEqual({ status: 'ok', accountId: ACCOUNT.prod, services: servicesWith() });
  });
  test.each([
    ['ssm', { operations: 3, requests: 5, retries: 2 }],
    ['elasticache', { operations: 5, requests: 6, retries: 1 }],
    ['rds', { operations: 2, requests: 2, retries: 0 }],
  ])('%s calls: %j', (service, count) => {
    expect(run().report.calls.prod?.[service]).toEqual(count);
  });
  test('the totals add the retries up', () => {
    expect(run().report.totals.retries).toBe(3);
    expect(run().report.totals.requests).toBe(run().fake.requests.length);
  });
});

describe('throttled beyond the attempts allowed', () => {
  const run = checkOnce(
    (fake) => fake.faults.push({ operation: 'DescribeReplicationGroups', accountId: ACCOUNT.prod, kind: 'Throttling', times: 5 }),
    { environments: ['prod'], maxAttempts: 2 },
  );
  test('prod is unreadable, saying how many attempts were made', () => {
    const reason = 'Throttling: Rate exceeded (while describing ElastiCache replication group orders-prod after 2 attempts)';
    expect(run().report.environments.prod).toEqual({
      status: 'unreadable',
      error: reason,
      accountId: ACCOUNT.prod,
      services: servicesWith({ elasticache: { status: 'unreadable', reason } }),
    });
    expect(run().fake.count('DescribeReplicationGroups')).toBe(2);
  });
});

describe('credentials for the wrong account', () => {
  const withoutRoles = validateProjectConfig({
    ...rawProjectConfig,
    environments: rawProjectConfig.environments.map(({ readOnlyRoleArn: _role, ...env }) => env),
  });
  const run = checkOnce(() => undefined, { config: withoutRoles, environments: ['staging'] });
  test('without `readOnlyRoleArn`, credentials of another account make the environment unreadable, never clean', () => {
    const reason =
      'expected credentials for account 222222222222 (`accountId` of `staging`), found account 999999999999; set `readOnlyRoleArn` ' +
      'for `staging` in config/environments.ts, or run with credentials for account 222222222222 (while checking the account)';
    expect(run().report.environments.staging).toEqual({ status: 'unreadable', error: reason, services: allUnreadable(reason) });
    expect(run().fake.requests.map((r) => r.operation)).toEqual(['GetCallerIdentity']);
  });
});
