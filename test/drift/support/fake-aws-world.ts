/**
 * The state of the fake AWS accounts the drift tests read: per account, SSM parameters, one RDS
 * instance, one ElastiCache replication group, one OpenSearch domain. `worldFromConfig` builds an
 * account in parity with config/; tests then change what they need.
 */
import { declaredSsmKeys, findEnvironment, topologyOf, type ProjectConfig } from '../../../config';
import { declaredStringValues } from '../../../tools/drift/compare-ssm-values';
import { cacheReplicationGroupId, databaseInstanceId, searchDomainName, ssmEnvironmentPath } from '../../../tools/drift/resource-names';

/** What Terraform would have written into the keys it computes at apply, for an environment of `app`. */
export function computedValues(app: string, env: string, accountId: string): Record<string, string> {
  return {
    DATABASE_ENDPOINT: `${app}-${env}.c9akciq32lmx.eu-west-1.rds.amazonaws.com:5432`,
    DATABASE_MASTER_SECRET_ARN: `arn:aws:secretsmanager:eu-west-1:${accountId}:secret:rds!db-${env}-4f2a-AbCdEf`,
    CACHE_ENDPOINT: `clustercfg.${app}-${env}.x1y2z3.euw1.cache.amazonaws.com`,
    SEARCH_ENDPOINT: `vpc-${app}-${env}-a1b2c3d4e5.eu-west-1.es.amazonaws.com`,
    PLATFORM_FINGERPRINT: 'sha256:0000000000000000000000000000000000000000000000000000000000000000',
  };
}

export interface FakeMaintenanceAction {
  action: string;
  description: string;
  autoAppliedAfter?: string;
}

export interface FakeDatabase {
  identifier: string;
  engine: string;
  engineVersion: string;
  instanceClass: string;
  multiAz: boolean;
  autoMinorVersionUpgrade: boolean;
  pendingEngineVersion?: string;
  maintenance: FakeMaintenanceAction[];
}

export interface FakeCache {
  id: string;
  engine: string;
  engineVersion: string;
  nodeType: string;
  shards: number;
  replicasPerShard: number;
  automaticFailover: boolean;
  pendingEngineVersion?: string;
}

export interface FakeDomain {
  name: string;
  engineVersion: string;
  instanceType: string;
  instanceCount: number;
  dedicatedMasters: number;
  masterInstanceType: string;
  zoneAwareness: boolean;
  upgradeProcessing: boolean;
  softwareUpdate?: { current: string; next: string; automatedUpdateDate?: string };
}

export interface FakeAccount {
  accountId: string;
  region: string;
  /** SSM parameters by full name, with their type. */
  parameters: Map<string, string>;
  /** SSM parameter values by full name (GetParameter answers `value of NAME` for a name without one). */
  values: Map<string, string>;
  /** When each parameter was last written, epoch seconds, where a test sets it (1,760,000,000 otherwise). */
  modified: Map<string, number>;
  databases: FakeDatabase[];
  caches: FakeCache[];
  domains: FakeDomain[];
  /** Cache clusters of unrelated replication groups, so DescribeCacheClusters needs several pages. */
  unrelatedCacheClusters: number;
  /** Pending maintenance of unrelated instances, so DescribePendingMaintenanceActions needs several pages. */
  unrelatedMaintenance: number;
}

/** The role the tests' environments assume in their account. */
export function readerRoleArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:role/parity-drift-reader`;
}

/** An account holding `env` exactly as config/ declares it. */
export function worldFromConfig(config: ProjectConfig, envName: string): FakeAccount {
  const env = findEnvironment(config, envName);
  if (!env) throw new Error(`no environment ${envName} in config`);
  const topology = topologyOf(config, env);
  const { app, database, cache, search } = config.platform;
  const path = ssmEnvironmentPath(app, env.name);
  return {
    accountId: env.accountId,
    region: env.region,
    parameters: new Map(declaredSsmKeys(config.platform).map((k) => [`${path}/${k.key}`, k.type])),
    values: new Map(
      [...declaredStringValues(config, env)].map(([key, value]) => [
        `${path}/${key}`,
        value ?? computedValues(app, env.name, env.accountId)[key] ?? `value of ${key}`,
      ]),
    ),
    modified: new Map(),
    databases: [
      {
        identifier: databaseInstanceId(app, env.name),
        engine: database.engine,
        engineVersion: database.engineVersion,
        instanceClass: env.scale.database.instanceClass,
        multiAz: topology.database.multiAz,
        autoMinorVersionUpgrade: database.autoMinorVersionUpgrade,
        maintenance: [],
      },
    ],
    caches: [
      {
        id: cacheReplicationGroupId(app, env.name),
        engine: cache.engine,
        engineVersion: `${cache.engineVersion}.6`,
        nodeType: env.scale.cache.nodeType,
        shards: topology.cache.shards,
        replicasPerShard: topology.cache.replicasPerShard,
        automaticFailover: topology.cache.automaticFailover,
      },
    ],
    domains: [
      {
        name: searchDomainName(app, env.name),
        engineVersion: search.engineVersion,
        instanceType: env.scale.search.instanceType,
        instanceCount: env.scale.search.instanceCount,
        dedicatedMasters: topology.search.dedicatedMasters,
        masterInstanceType: env.scale.search.masterInstanceType,
        zoneAwareness: topology.search.zoneAwareness,
        upgradeProcessing: false,
      },
    ],
    unrelatedCacheClusters: 3,
    unrelatedMaintenance: 2,
  };
}
