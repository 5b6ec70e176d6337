/**
 * SSM keys: listed with the real SSM client through DescribeParameters (JSON 1.1 wire protocol,
 * NextToken paging, 50 per page), then compared across environments and with the declarations.
 */
import { SSMClient } from '@aws-sdk/client-ssm';
import { declaredSsmKeys, type DeclaredSsmKey } from '../../config';
import { CallCounter } from '../../packages/parity/src/drift/call-counter';
import { compareSsmKeys } from '../../packages/parity/src/drift/compare-ssm-keys';
import { readSsmKeys } from '../../packages/parity/src/drift/read-ssm-keys';
import { runDrift } from '../../packages/parity/src/drift/run-drift';
import { driftTargetOf } from '../../stacks/drift-target';
import { configWithReaderRoles, startFakeAws, useSdkEnvironment } from './support/drift-test-env';
import type { FakeAwsServer } from './support/fake-aws-server';

const config = configWithReaderRoles();
const STAGING = '222222222222';
const PROD = '333333333333';
let fake: FakeAwsServer;
let restore: () => void;

beforeEach(async () => {
  fake = await startFakeAws(config);
  restore = useSdkEnvironment(fake.url);
});
afterEach(async () => {
  restore();
  await fake.close();
});

describe('readSsmKeys', () => {
  test.each([
    [0, 1],
    [49, 1],
    [50, 1],
    [51, 2],
    [137, 3],
  ])('%i keys take %i DescribeParameters calls', async (count, calls) => {
    const account = fake.account(PROD);
    account.parameters.clear();
    for (let i = 0; i < count; i++)
      account.parameters.set(`/orders/prod/KEY_${String(i).padStart(4, '0')}`, i % 3 === 0 ? 'SecureString' : 'String');
    fake.callerAccountId = PROD;
    const client = new SSMClient({ region: 'eu-west-1' });
    const counter = new CallCounter();
    client.middlewareStack.use(counter.plugin('ssm'));
    const keys = await readSsmKeys(client, '/orders/prod');
    client.destroy();
    expect(keys).toHaveLength(count);
    expect(new Set(keys.map((k) => k.key)).size).toBe(count);
    expect(keys.filter((k) => k.type === 'SecureString')).toHaveLength(Math.ceil(count / 3));
    expect(fake.count('DescribeParameters')).toBe(calls);
    expect(counter.snapshot().ssm).toEqual({ operations: calls, requests: calls, retries: 0 });
    expect(fake.count('GetParametersByPath')).toBe(0);
  });

  test('reads below sub-paths, and nothing from sibling paths that share a prefix', async () => {
    const account = fake.account(PROD);
    account.parameters.set('/orders/prod/nested/deeper/KEY', 'String');
    account.parameters.set('/orders/prod-old/LOG_LEVEL', 'String');
    account.parameters.set('/orders/production/LOG_LEVEL', 'String');
    fake.callerAccountId = PROD;
    const client = new SSMClient({ region: 'eu-west-1' });
    const keys = (await readSsmKeys(client, '/orders/prod')).map((k) => k.key);
    client.destroy();
    expect(keys).toContain('nested/deeper/KEY');
    expect(keys).toContain('LOG_LEVEL');
    expect(keys.filter((k) => k === 'LOG_LEVEL')).toHaveLength(1);
    expect(keys).toHaveLength(declaredSsmKeys(config.platform).length + 1);
  });
});

describe('compareSsmKeys', () => {
  const declared: DeclaredSsmKey[] = [
    { key: 'A', type: 'String', description: 'a', origin: 'catalog' },
    { key: 'S', type: 'SecureString', description: 's', origin: 'catalog' },
  ];
  const keys = (...entries: [string, string][]) => entries.map(([key, type]) => ({ key, type }));

  test('keys of one environment missing from another, like `comm -3`', () => {
    const result = compareSsmKeys(
      new Map([
        ['staging', keys(['A', 'String'], ['S', 'SecureString'])],
        ['prod', keys(['A', 'String'], ['S', 'SecureString'], ['P1', 'String'], ['P0', 'String'])],
      ]),
      declared,
    );
    expect(result.missingIn).toEqual({ staging: ['P0', 'P1'], prod: [] });
    expect(result.unmanaged).toEqual({ staging: [], prod: ['P0', 'P1'] });
    expect(result.typeMismatch).toEqual([]);
  });

  test('a declared key absent everywhere is missing in every environment', () => {
    const result = compareSsmKeys(
      new Map([
        ['staging', keys(['A', 'String'])],
        ['prod', keys(['A', 'String'])],
      ]),
      declared,
    );
    expect(result.missingIn).toEqual({ staging: ['S'], prod: ['S'] });
  });

  test.each([
    [
      'declared SecureString, String in staging',
      keys(['A', 'String'], ['S', 'String']),
      keys(['A', 'String'], ['S', 'SecureString']),
      [{ key: 'S', declared: 'SecureString', live: { staging: 'String', prod: 'SecureString' } }],
    ],
    [
      'declared String, SecureString in both',
      keys(['A', 'SecureString'], ['S', 'SecureString']),
      keys(['A', 'SecureString'], ['S', 'SecureString']),
      [{ key: 'A', declared: 'String', live: { staging: 'SecureString', prod: 'SecureString' } }],
    ],
    [
      'undeclared key with two types',
      keys(['A', 'String'], ['S', 'SecureString'], ['X', 'String']),
      keys(['A', 'String'], ['S', 'SecureString'], ['X', 'StringList']),
      [{ key: 'X', live: { staging: 'String', prod: 'StringList' } }],
    ],
  ])('type mismatch: %s', (_name, staging, prod, expected) => {
    expect(
      compareSsmKeys(
        new Map([
          ['staging', staging],
          ['prod', prod],
        ]),
        declared,
      ).typeMismatch,
    ).toEqual(expected);
  });

  test('sorts in byte order, as `LC_ALL=C sort` does', () => {
    const result = compareSsmKeys(
      new Map([
        ['staging', keys(['A', 'String'], ['S', 'SecureString'])],
        ['prod', keys(['A', 'String'], ['S', 'SecureString'], ['b', 'String'], ['B', 'String'], ['_', 'String'])],
      ]),
      declared,
    );
    expect(result.unmanaged.prod).toEqual(['B', '_', 'b']);
  });
});

describe('SSM drift through runDrift', () => {
  test('sixteen keys added to prod and never to staging are reported, once each', async () => {
    const added = Array.from({ length: 16 }, (_, i) => `PROD_ONLY_${String(i).padStart(2, '0')}`);
    for (const key of added) fake.account(PROD).parameters.set(`/orders/prod/${key}`, 'String');
    const report = await runDrift({ target: driftTargetOf(config), environments: ['staging', 'prod'] });
    expect(report.ssm.missingIn).toEqual({ staging: added, prod: [] });
    expect(report.ssm.unmanaged).toEqual({ staging: [], prod: added });
    expect(report.environments.staging?.status).toBe('drift');
    expect(report.environments.prod?.status).toBe('drift');
  });

  test('a SecureString declared key stored as String in staging is a type mismatch and drift in staging only', async () => {
    fake.account(STAGING).parameters.set('/orders/staging/PAYMENTS_API_KEY', 'String');
    const report = await runDrift({ target: driftTargetOf(config), environments: ['staging', 'prod'] });
    expect(report.ssm.typeMismatch).toEqual([
      { key: 'PAYMENTS_API_KEY', declared: 'SecureString', live: { staging: 'String', prod: 'SecureString' } },
    ]);
    expect(report.environments.staging?.status).toBe('drift');
    expect(report.environments.prod?.status).toBe('ok');
  });
});
