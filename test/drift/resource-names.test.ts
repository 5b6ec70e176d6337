/**
 * Drift's default naming convention is the constructs' and the configuration's, and the CLI builds
 * the DriftTarget from config/ as the stacks read it.
 */
import { loadProjectConfig, ssmParameterName } from '../../config';
import { environmentResourceName } from '../../constructs/naming';
import { driftTargetOf } from '../../stacks/drift-target';
import { conventionalResourceNames, environmentBaseName, ssmEnvironmentPath } from '../../packages/parity/src/drift/resource-names';

const config = loadProjectConfig();

test.each(config.environments.map((e) => e.name))('%s: the convention drift assumes is the constructs’ naming', (env) => {
  expect(environmentBaseName('orders', env)).toBe(environmentResourceName('orders', env));
  expect(`${ssmEnvironmentPath('orders', env)}/KEY`).toBe(ssmParameterName('orders', env, 'KEY'));
  expect(conventionalResourceNames('orders', env)).toEqual({ database: `orders-${env}`, cache: `orders-${env}`, search: `orders-${env}` });
});

test('the DriftTarget the CLI builds: every environment in config order, with what config/ declares for it', () => {
  const target = driftTargetOf(config);
  expect(target.source).toBe('config/environments.ts');
  expect(target.environments.map((e) => e.name)).toEqual(config.environments.map((e) => e.name));
  const prod = target.environments.find((e) => e.name === 'prod')!;
  const declared = config.environments.find((e) => e.name === 'prod')!;
  expect(prod).toMatchObject({
    accountId: declared.accountId,
    region: declared.region,
    resourceName: 'orders-prod',
    ssmPath: '/orders/prod',
    resources: conventionalResourceNames('orders', 'prod'),
  });
  expect(prod.declared.database).toEqual({
    engine: 'postgres',
    engineVersion: config.platform.database.engineVersion,
    multiAz: true,
    instanceClass: declared.scale.database.instanceClass,
    autoMinorVersionUpgrade: false,
    backupRetentionDays: 30,
  });
  expect(prod.declared.stringValues.PLATFORM_FINGERPRINT).toBeNull();
  expect(prod.declared.stringValues.DATABASE_NAME).toBe(config.platform.database.databaseName);
});
