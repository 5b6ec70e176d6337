/**
 * The case: an endpoint that serves SSM but denies RDS. Both environments are unreadable
 * (exit 3) because their RDS part is, and the SSM comparison that was read is still there: two
 * keys missing from staging, one unmanaged key in prod. The whole JSON report is asserted.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../packages/parity/src/cli/drift';
import { configWithReaderRoles, servicesWith, startFakeAws, useSdkEnvironment } from './support/drift-test-env';
import type { FakeAwsServer } from './support/fake-aws-server';
import databaseEngineVersion from '../../packages/parity/src/drift/checks/database-engine-version';
import databaseLayout from '../../packages/parity/src/drift/checks/database-layout';
import databaseBackupRetention from '../../packages/parity/src/drift/checks/database-backup-retention';
import ssmKeys from '../../packages/parity/src/drift/checks/ssm-keys';

const config = configWithReaderRoles();
const STAGING = '222222222222';
const PROD = '333333333333';
const denied = (account: string, env: string) =>
  `AccessDenied: User: arn:aws:sts::${account}:assumed-role/parity-drift-reader/session is not authorized to perform: ` +
  `rds:DescribeDBInstances (while describing RDS instance orders-${env})`;

let fake: FakeAwsServer;
let dir: string;
const result: { code?: number; json?: any; text?: string } = {};

beforeAll(async () => {
  fake = await startFakeAws(config);
  const restore = useSdkEnvironment(fake.url);
  dir = mkdtempSync(join(tmpdir(), 'drift-partial-'));
  try {
    fake.faults.push({ operation: 'DescribeDBInstances', kind: 'AccessDenied' });
    fake.account(STAGING).parameters.delete('/orders/staging/FEATURE_FLAGS_URL');
    fake.account(STAGING).parameters.delete('/orders/staging/PAYMENTS_API_KEY');
    fake.account(PROD).parameters.set('/orders/prod/LEGACY_REPORTS_BUCKET', 'String');
    result.code = await run(['--env', 'staging', '--env', 'prod', '--format', 'json', '--output', join(dir, 'drift.json')]);
    result.json = JSON.parse(readFileSync(join(dir, 'drift.json'), 'utf8'));
    await run(['--env', 'staging', '--env', 'prod', '--output', join(dir, 'drift.txt')]);
    result.text = readFileSync(join(dir, 'drift.txt'), 'utf8');
  } finally {
    restore();
    await fake.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('exit 3: the RDS part of both environments is unknown', () => {
  expect(result.code).toBe(3);
});

test('the exact report: RDS unreadable in both, SSM compared and reported, the other services read', () => {
  const calls = {
    elasticache: { operations: 5, requests: 5, retries: 0 },
    opensearch: { operations: 1, requests: 1, retries: 0 },
    rds: { operations: 1, requests: 1, retries: 0 },
    ssm: { operations: 3, requests: 3, retries: 0 },
    sts: { operations: 2, requests: 2, retries: 0 },
  };
  expect(result.json).toEqual({
    // The shared envelope (version 2); its findings are the checks' (below) and the refresh-only plans' (none here).
    schemaVersion: 2,
    tool: { name: '@env-parity/parity', version: expect.any(String) },
    engine: 'drift',
    status: 'unknown',
    waived: [],
    unusedWaivers: [],
    expiredWaivers: [],
    environments: {
      staging: {
        status: 'unreadable',
        error: denied(STAGING, 'staging'),
        accountId: STAGING,
        services: servicesWith({ ssm: { status: 'drift' }, rds: { status: 'unreadable', reason: denied(STAGING, 'staging') } }),
      },
      prod: {
        status: 'unreadable',
        error: denied(PROD, 'prod'),
        accountId: PROD,
        services: servicesWith({ ssm: { status: 'drift' }, rds: { status: 'unreadable', reason: denied(PROD, 'prod') } }),
      },
    },
    ssm: {
      missingIn: { staging: ['FEATURE_FLAGS_URL', 'LEGACY_REPORTS_BUCKET', 'PAYMENTS_API_KEY'], prod: [] },
      unmanaged: { staging: [], prod: ['LEGACY_REPORTS_BUCKET'] },
      typeMismatch: [],
      valueMismatch: [],
      crossEnvironment: [],
    },
    engines: [
      {
        service: 'rds',
        resource: 'orders-{env}',
        declared: '16.8',
        live: { staging: null, prod: null },
        pending: {},
        drift: false,
        driftIn: [],
      },
      {
        service: 'elasticache',
        resource: 'orders-{env}',
        declared: 'valkey 7.2',
        live: { staging: 'valkey 7.2.6', prod: 'valkey 7.2.6' },
        pending: {},
        drift: false,
        driftIn: [],
      },
      {
        service: 'opensearch',
        resource: 'orders-{env}',
        declared: 'OpenSearch_2.17',
        live: { staging: 'OpenSearch_2.17', prod: 'OpenSearch_2.17' },
        pending: {},
        drift: false,
        driftIn: [],
      },
    ],
    layout: [],
    terraform: {},
    calls: { staging: calls, prod: calls },
    totals: { operations: 24, requests: 24, retries: 0 },
    findings: [
      missing('staging', 'FEATURE_FLAGS_URL', 'declared in the code'),
      missing('staging', 'LEGACY_REPORTS_BUCKET', 'present in prod'),
      missing('staging', 'PAYMENTS_API_KEY', 'declared in the code'),
      ...rdsUnknown(STAGING, 'staging'),
      {
        ...of(ssmKeys),
        environment: 'prod',
        address: '/orders/prod/LEGACY_REPORTS_BUCKET',
        expected: 'not present (undeclared)',
        found: 'present',
        message: 'LEGACY_REPORTS_BUCKET exists in prod but the code does not declare it',
      },
      ...rdsUnknown(PROD, 'prod'),
    ],
  });
});

/** What every finding of a check carries from its meta. */
const of = (check: { meta: { id: string; why: string } }) => ({
  engine: 'drift',
  rule: check.meta.id,
  level: 'block',
  why: check.meta.why,
  docsUrl: 'docs/drift.md',
});
const missing = (env: string, key: string, because: string) => ({
  ...of(ssmKeys),
  environment: env,
  address: `/orders/${env}/${key}`,
  expected: 'present',
  found: 'absent',
  message: `${key} is missing from ${env} (${because})`,
});
/** Every check of the RDS instance is unknown, with the reason, in registry order: never a pass. */
const rdsUnknown = (account: string, env: string) =>
  [databaseEngineVersion, databaseLayout, databaseBackupRetention].map((check) => ({
    ...of(check),
    environment: env,
    unknown: true,
    message: denied(account, env),
  }));

test('the text report shows both environments SSM findings next to the unreadable part', () => {
  const lines = result.text!.split('\n');
  expect(lines[0]).toBe('parity drift: staging unreadable, prod unreadable');
  expect(lines).toContain(
    '  staging  unreadable  account 222222222222; ssm drift, rds unreadable, elasticache ok, opensearch ok, terraform not-checked',
  );
  expect(lines).toContain(`           rds unreadable: ${denied(STAGING, 'staging')}`);
  expect(lines).toContain('  missing in staging (3): FEATURE_FLAGS_URL, LEGACY_REPORTS_BUCKET, PAYMENTS_API_KEY');
  expect(lines).toContain('  unmanaged in prod (1): LEGACY_REPORTS_BUCKET');
  expect(lines).toContain('  rds orders-{env}: declared 16.8; staging unknown, prod unknown');
});
