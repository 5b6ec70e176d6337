/**
 * The state of the fake AWS accounts the drift tests read: per account, SSM parameters, one RDS
 * instance, one ElastiCache replication group, one OpenSearch domain. `worldFromConfig` builds an
 * account in parity with config/; tests then change what they need.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { declaredSsmKeys, findEnvironment, topologyOf, type EnvironmentConfig, type ProjectConfig } from '../../../config';
import { declaredStringValues } from '../../../stacks/drift-target';
import {
  cacheReplicationGroupId,
  databaseInstanceId,
  searchDomainName,
  ssmEnvironmentPath,
} from '../../../packages/parity/src/drift/resource-names';

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
  /** More fields of the DescribeDBInstances member, by AWS name (`BackupRetentionPeriod`): what a check's support file adds. */
  extra: FakeFields;
}

/** Scalar fields a fake answer carries beyond the ones every test needs, by their AWS names. */
export type FakeFields = Record<string, string | number | boolean>;

export interface FakeCache {
  id: string;
  engine: string;
  engineVersion: string;
  nodeType: string;
  shards: number;
  replicasPerShard: number;
  automaticFailover: boolean;
  pendingEngineVersion?: string;
  /** More fields of the DescribeReplicationGroups member, by AWS name. */
  extra: FakeFields;
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
  /** More fields of DescribeDomain's `DomainStatus`, by AWS name. */
  extra: FakeFields;
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

/**
 * What a drift check's support file (test/drift/support/checks/<check id>.ts) exports: it puts
 * into an account in parity the fields its check reads, so a new check needs no edit here.
 */
export type FakeWorldExtension = (account: FakeAccount, config: ProjectConfig, env: EnvironmentConfig) => void;

const CHECK_SUPPORT = join(__dirname, 'checks');

function checkExtensions(): FakeWorldExtension[] {
  return readdirSync(CHECK_SUPPORT)
    .filter((file) => file.endsWith('.ts'))
    .sort()
    .map((file) => (require(join(CHECK_SUPPORT, file)) as { default: FakeWorldExtension }).default);
}

/** An account holding `env` exactly as config/ declares it. */
export function worldFromConfig(config: ProjectConfig, envName: string): FakeAccount {
  const account = baseWorld(config, envName);
  const env = findEnvironment(config, envName)!;
  for (const extend of checkExtensions()) extend(account, config, env);
  return account;
}

function baseWorld(config: ProjectConfig, envName: string): FakeAccount {
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
      Object.entries(declaredStringValues(config, env)).map(([key, value]) => [
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
        extra: {},
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
        extra: {},
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
        extra: {},
      },
    ],
    unrelatedCacheClusters: 3,
    unrelatedMaintenance: 2,
  };
}
