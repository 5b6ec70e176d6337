/**
 * String values against the code: every declared String key's live value is compared with the
 * declared one; a value naming another environment's resources, hosts, account or SSM path is a
 * cross-environment reference. SecureStrings are never asked for.
 */
import { declaredSsmKeys } from '../../config';
import { renderDriftMarkdown, renderDriftText } from '../../packages/parity/src/drift/render-drift';
import { checkOnce, configWithReaderRoles, servicesWith } from './support/drift-test-env';

const config = configWithReaderRoles();
const ACCOUNT = { dev: '111111111111', staging: '222222222222', prod: '333333333333' } as const;
const secureNames = new Set(
  config.environments.flatMap((env) =>
    declaredSsmKeys(config.platform)
      .filter((k) => k.type === 'SecureString')
      .map((k) => `/orders/${env.name}/${k.key}`),
  ),
);

describe('every environment as the code declares it', () => {
  const run = checkOnce(config, () => undefined);
  test('no value differs and nothing points at another environment (the shared payments sandbox of dev and staging included)', () => {
    const { report } = run();
    expect(report.ssm.valueMismatch).toEqual([]);
    expect(report.ssm.crossEnvironment).toEqual([]);
    expect(Object.values(report.environments).map((e) => e.status)).toEqual(['ok', 'ok', 'ok']);
  });
  test('values are read with GetParameters, 10 names a call, never decrypted, never a SecureString', () => {
    const reads = run().fake.requests.filter((r) => r.operation === 'GetParameters');
    expect(reads).toHaveLength(6);
    for (const r of reads) {
      expect(r.input?.WithDecryption).toBe(false);
      const names = r.input?.Names as string[];
      expect(names.length).toBeLessThanOrEqual(10);
      expect(names.filter((n) => secureNames.has(n))).toEqual([]);
    }
    const asked = reads.flatMap((r) => r.input?.Names as string[]).filter((n) => n.startsWith('/orders/prod/'));
    expect(asked.sort()).toEqual(
      declaredSsmKeys(config.platform)
        .filter((k) => k.type === 'String')
        .map((k) => `/orders/prod/${k.key}`)
        .sort(),
    );
  });
});

describe('values changed behind the code', () => {
  const run = checkOnce(
    config,
    (fake) => {
      fake.account(ACCOUNT.staging).values.set('/orders/staging/LOG_LEVEL', 'debug');
      fake.account(ACCOUNT.prod).values.set('/orders/prod/ORDER_EXPORT_BATCH_SIZE', '50000');
      // A String stored as SecureString is a type mismatch; its value is not read.
      fake.account(ACCOUNT.prod).parameters.set('/orders/prod/SESSION_TTL_SECONDS', 'SecureString');
    },
    { environments: ['staging', 'prod'] },
  );
  test('each differing value is reported with the declared and the live value', () => {
    expect(run().report.ssm.valueMismatch).toEqual([
      { environment: 'staging', key: 'LOG_LEVEL', declared: 'info', live: 'debug' },
      { environment: 'prod', key: 'ORDER_EXPORT_BATCH_SIZE', declared: '5000', live: '50000' },
    ]);
  });
  test('the SSM part of both drifts; nothing else does', () => {
    const { report } = run();
    expect(report.environments.staging?.services).toEqual(servicesWith({ ssm: { status: 'drift' } }));
    expect(report.environments.prod?.services).toEqual(servicesWith({ ssm: { status: 'drift' } }));
    expect(report.ssm.typeMismatch).toEqual([
      { key: 'SESSION_TTL_SECONDS', declared: 'String', live: { staging: 'String', prod: 'SecureString' } },
    ]);
  });
  test('the key stored as SecureString is never asked for', () => {
    const names = run()
      .fake.requests.filter((r) => r.operation === 'GetParameters')
      .flatMap((r) => r.input?.Names as string[]);
    expect(names).not.toContain('/orders/prod/SESSION_TTL_SECONDS');
    expect(names).toContain('/orders/staging/SESSION_TTL_SECONDS');
  });
});

describe('a key still pointing at a decommissioned database', () => {
  const run = checkOnce(
    config,
    (fake) => {
      fake
        .account(ACCOUNT.staging)
        .values.set('/orders/staging/DATABASE_ENDPOINT', 'orders-staging-2023.c9akciq32lmx.eu-west-1.rds.amazonaws.com:5432');
    },
    { environments: ['staging'] },
  );
  test("DATABASE_ENDPOINT must be the live instance's address and port", () => {
    expect(run().report.ssm.valueMismatch).toEqual([
      {
        environment: 'staging',
        key: 'DATABASE_ENDPOINT',
        declared: 'orders-staging.c9akciq32lmx.eu-west-1.rds.amazonaws.com:5432',
        expectedFrom: 'the live RDS instance orders-staging',
        live: 'orders-staging-2023.c9akciq32lmx.eu-west-1.rds.amazonaws.com:5432',
      },
    ]);
    expect(run().report.ssm.crossEnvironment).toEqual([]);
    expect(run().report.environments.staging?.services).toEqual(servicesWith({ ssm: { status: 'drift' } }));
    expect(renderDriftText(run().report)).toContain(
      '  value of DATABASE_ENDPOINT in staging: the live RDS instance orders-staging says ' +
        '"orders-staging.c9akciq32lmx.eu-west-1.rds.amazonaws.com:5432", live ' +
        '"orders-staging-2023.c9akciq32lmx.eu-west-1.rds.amazonaws.com:5432"',
    );
  });
});

describe('staging pointing at prod, dev at prod', () => {
  const run = checkOnce(config, (fake) => {
    const staging = fake.account(ACCOUNT.staging);
    staging.values.set('/orders/staging/DATABASE_ENDPOINT', 'orders-prod.c9akciq32lmx.eu-west-1.rds.amazonaws.com:5432');
    staging.values.set('/orders/staging/FEATURE_FLAGS_URL', 'https://flags.orders.example.com');
    staging.values.set('/orders/staging/PAYMENTS_ENDPOINT', 'https://api.payments.example.com/v2');
    staging.values.set('/orders/staging/CACHE_ENDPOINT', 'clustercfg.orders-production-archive.x1y2z3.euw1.cache.amazonaws.com');
    const dev = fake.account(ACCOUNT.dev);
    dev.values.set(
      '/orders/dev/DATABASE_MASTER_SECRET_ARN',
      'arn:aws:secretsmanager:eu-west-1:333333333333:secret:rds!db-prod-4f2a-AbCdEf',
    );
    dev.values.set('/orders/dev/SEARCH_ENDPOINT', 'https://search.internal.example.com/orders/prod/');
  });
  test('each reference names the key, the environment it points at and what gave it away', () => {
    expect(run().report.ssm.crossEnvironment).toEqual([
      {
        environment: 'dev',
        key: 'DATABASE_MASTER_SECRET_ARN',
        references: 'prod',
        kind: 'account-id',
        match: '333333333333',
        live: 'arn:aws:secretsmanager:eu-west-1:333333333333:secret:rds!db-prod-4f2a-AbCdEf',
      },
      {
        environment: 'dev',
        key: 'SEARCH_ENDPOINT',
        references: 'prod',
        kind: 'ssm-path',
        match: '/orders/prod/',
        live: 'https://search.internal.example.com/orders/prod/',
      },
      {
        environment: 'staging',
        key: 'DATABASE_ENDPOINT',
        references: 'prod',
        kind: 'resource-name',
        match: 'orders-prod',
        live: 'orders-prod.c9akciq32lmx.eu-west-1.rds.amazonaws.com:5432',
      },
      {
        environment: 'staging',
        key: 'FEATURE_FLAGS_URL',
        references: 'prod',
        kind: 'host',
        match: 'flags.orders.example.com',
        live: 'https://flags.orders.example.com',
      },
      {
        environment: 'staging',
        key: 'PAYMENTS_ENDPOINT',
        references: 'prod',
        kind: 'host',
        match: 'api.payments.example.com',
        live: 'https://api.payments.example.com/v2',
      },
    ]);
  });
  test('a value that only looks alike (`orders-production-archive`) is not a reference', () => {
    expect(run().report.ssm.crossEnvironment.map((r) => r.key)).not.toContain('CACHE_ENDPOINT');
  });
  test("they are value drift as well: against the declared value, or for an endpoint against the environment's own live resource", () => {
    expect(run().report.ssm.valueMismatch).toEqual([
      {
        environment: 'dev',
        key: 'SEARCH_ENDPOINT',
        declared: 'vpc-orders-dev-a1b2c3d4e5.eu-west-1.es.amazonaws.com',
        expectedFrom: 'the live OpenSearch domain orders-dev',
        live: 'https://search.internal.example.com/orders/prod/',
      },
      {
        environment: 'staging',
        key: 'CACHE_ENDPOINT',
        declared: 'clustercfg.orders-staging.x1y2z3.euw1.cache.amazonaws.com',
        expectedFrom: 'the live ElastiCache replication group orders-staging',
        live: 'clustercfg.orders-production-archive.x1y2z3.euw1.cache.amazonaws.com',
      },
      {
        environment: 'staging',
        key: 'DATABASE_ENDPOINT',
        declared: 'orders-staging.c9akciq32lmx.eu-west-1.rds.amazonaws.com:5432',
        expectedFrom: 'the live RDS instance orders-staging',
        live: 'orders-prod.c9akciq32lmx.eu-west-1.rds.amazonaws.com:5432',
      },
      {
        environment: 'staging',
        key: 'FEATURE_FLAGS_URL',
        declared: 'https://flags.staging.orders.example.com',
        live: 'https://flags.orders.example.com',
      },
      {
        environment: 'staging',
        key: 'PAYMENTS_ENDPOINT',
        declared: 'https://sandbox.payments.example.com/v2',
        live: 'https://api.payments.example.com/v2',
      },
    ]);
  });
  test('text and markdown show each value and what it points at', () => {
    const { report } = run();
    const text = renderDriftText(report).split('\n');
    expect(text).toContain(
      '  DATABASE_ENDPOINT in staging points at prod (resource-name `orders-prod`): ' +
        '"orders-prod.c9akciq32lmx.eu-west-1.rds.amazonaws.com:5432"',
    );
    expect(text).toContain(
      '  value of FEATURE_FLAGS_URL in staging: declared "https://flags.staging.orders.example.com", live ' +
        '"https://flags.orders.example.com"',
    );
    const markdown = renderDriftMarkdown(report);
    expect(markdown).toContain(
      '| staging | `DATABASE_ENDPOINT` | prod | resource-name `orders-prod` | ' +
        '`orders-prod.c9akciq32lmx.eu-west-1.rds.amazonaws.com:5432` |',
    );
    expect(markdown).toContain(
      '| staging | `PAYMENTS_ENDPOINT` | `https://sandbox.payments.example.com/v2` | `https://api.payments.example.com/v2` |',
    );
  });
  test('dev and staging drift in SSM; prod is ok', () => {
    const { report } = run();
    expect(report.environments.dev?.services.ssm).toEqual({ status: 'drift' });
    expect(report.environments.staging?.services.ssm).toEqual({ status: 'drift' });
    expect(report.environments.prod?.status).toBe('ok');
  });
});
