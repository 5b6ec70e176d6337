/**
 * The drift engine's DriftTarget built from this project's configuration (config/ and the constructs'
 * naming), handed to the `parity` CLI through parity-project.ts. The toolkit never imports config/.
 */
import {
  PLATFORM_FINGERPRINT_KEY,
  PUBLISHED_KEYS,
  declaredSsmKeys,
  integrationEndpointKey,
  ssmParameterName,
  topologyOf,
  type EnvironmentConfig,
  type ProjectConfig,
} from '../config';
import { environmentResourceName } from '../constructs/naming';
import type { DriftEnvironment, DriftTarget } from '@env-parity/parity/drift/drift-environment';

/** Key → declared value, or null when Terraform computes it at apply. String keys only. */
export function declaredStringValues(config: ProjectConfig, env: EnvironmentConfig): Record<string, string | null> {
  const { platform } = config;
  const values: Record<string, string | null> = {};
  for (const entry of platform.ssmCatalog) if (entry.type === 'String') values[entry.key] = env.ssmValues[entry.key] ?? null;
  for (const key of Object.keys(PUBLISHED_KEYS)) values[key] = key === 'DATABASE_NAME' ? platform.database.databaseName : null;
  for (const integration of platform.integrations)
    values[integrationEndpointKey(integration.name)] = env.integrations[integration.name] ?? null;
  values[PLATFORM_FINGERPRINT_KEY] = null;
  return values;
}

function driftEnvironmentOf(config: ProjectConfig, env: EnvironmentConfig): DriftEnvironment {
  const { app, database, cache, search } = config.platform;
  const topology = topologyOf(config, env);
  const name = environmentResourceName(app, env.name);
  return {
    name: env.name,
    region: env.region,
    accountId: env.accountId,
    ...(env.readOnlyRoleArn ? { readOnlyRoleArn: env.readOnlyRoleArn } : {}),
    declaredIn: 'config/environments.ts',
    resourceName: name,
    resources: { database: name, cache: name, search: name },
    ssmPath: ssmParameterName(app, env.name, '').replace(/\/$/, ''),
    declared: {
      ssmKeys: declaredSsmKeys(config.platform).map((k) => ({ key: k.key, type: k.type })),
      stringValues: declaredStringValues(config, env),
      database: {
        engine: database.engine,
        engineVersion: database.engineVersion,
        multiAz: topology.database.multiAz,
        instanceClass: env.scale.database.instanceClass,
        autoMinorVersionUpgrade: database.autoMinorVersionUpgrade,
        backupRetentionDays: env.scale.database.backupRetentionDays,
      },
      cache: { engine: cache.engine, engineVersion: cache.engineVersion, ...topology.cache, nodeType: env.scale.cache.nodeType },
      search: {
        engineVersion: search.engineVersion,
        instanceType: env.scale.search.instanceType,
        instanceCount: env.scale.search.instanceCount,
        dedicatedMasters: topology.search.dedicatedMasters,
        masterInstanceType: env.scale.search.masterInstanceType,
        zoneAwareness: topology.search.zoneAwareness,
      },
    },
  };
}

/** Every environment of the configuration, in its order. */
export function driftTargetOf(config: ProjectConfig): DriftTarget {
  return { environments: config.environments.map((env) => driftEnvironmentOf(config, env)), source: 'config/environments.ts' };
}
