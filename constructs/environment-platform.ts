/**
 * The one construct every environment is built from, and the one place that maps config/ to
 * construct props: the platform invariants, the environment's parity-group topology and its scale
 * knobs. Nothing else varies between environments: that is what makes staging an honest copy of
 * prod. `PLATFORM_KNOBS` names the config field each construct knob comes from; the project's
 * parity policy is derived from it and from the constructs' own knob declarations.
 */
import { Construct } from 'constructs';
import { PUBLISHED_KEYS, findEnvironment, integrationEndpointKey, topologyOf, type EnvironmentConfig, type ProjectConfig } from '../config';
import { ApplicationRole } from './application-role';
import { Alarms, alarmsKnobs } from './alarms';
import { Cache, cacheKnobs } from './cache';
import { Database, databaseKnobs } from './database';
import { EncryptionKey } from './encryption-key';
import { bindKnobs, type KnobBinding } from './knobs';
import { environmentResourceName } from './naming';
import { Network, networkKnobs } from './network';
import { Parameters, parametersKnobs, type ParameterEntry } from './parameters';
import { Search, searchKnobs } from './search';

/** Every knob of the platform's constructs, with the config field it comes from. */
export const PLATFORM_KNOBS: readonly KnobBinding[] = [
  bindKnobs('Network', networkKnobs, {
    vpcCidr: 'network.vpcCidr',
    availabilityZoneCount: 'topology.availabilityZones',
    natGateways: 'topology.network.natGateways',
  }),
  bindKnobs('Database', databaseKnobs, {
    instanceClass: 'scale.database.instanceClass',
    allocatedStorageGb: 'scale.database.allocatedStorageGb',
    maxAllocatedStorageGb: 'scale.database.maxAllocatedStorageGb',
    backupRetentionDays: 'scale.database.backupRetentionDays',
    deletionProtection: 'scale.database.deletionProtection',
    finalSnapshot: 'scale.database.finalSnapshot',
    multiAz: 'topology.database.multiAz',
    subnetIds: 'topology.availabilityZones',
    monitoringIntervalSeconds: 'scale.database.monitoringIntervalSeconds',
    logRetentionDays: 'scale.database.logRetentionDays',
  }),
  bindKnobs('Cache', cacheKnobs, {
    nodeType: 'scale.cache.nodeType',
    shards: 'topology.cache.shards',
    replicasPerShard: 'topology.cache.replicasPerShard',
    automaticFailover: 'topology.cache.automaticFailover',
    subnetIds: 'topology.availabilityZones',
  }),
  bindKnobs('Search', searchKnobs, {
    instanceType: 'scale.search.instanceType',
    instanceCount: 'scale.search.instanceCount',
    masterInstanceType: 'scale.search.masterInstanceType',
    volumeSizeGb: 'scale.search.volumeSizeGb',
    masterUserArn: 'searchAdminRoleArn',
    dedicatedMasters: 'topology.search.dedicatedMasters',
    zoneAwareness: 'topology.search.zoneAwareness',
    subnetIds: 'topology.availabilityZones',
    logRetentionDays: 'scale.search.logRetentionDays',
    serviceLinkedRole: 'searchServiceLinkedRole',
  }),
  bindKnobs('Parameters', parametersKnobs, { parameters: ['ssmValues', 'integrations'] }),
  bindKnobs('Alarms', alarmsKnobs, {
    alarms: 'scale.alarms.thresholds',
    notificationEmails: 'scale.alarms.notificationEmails',
    natGatewayIds: 'topology.network.natGateways',
  }),
];

export interface EnvironmentPlatformProps {
  /** The validated project configuration (`loadProjectConfig()`). */
  readonly config: ProjectConfig;
  /** The environment to build, by name. */
  readonly environment: string;
}

export class EnvironmentPlatform extends Construct {
  readonly environment: EnvironmentConfig;
  readonly network: Network;
  readonly database: Database;
  readonly cache: Cache;
  readonly search: Search;
  readonly parameters: Parameters;
  readonly alarms: Alarms;

  constructor(scope: Construct, id: string, props: EnvironmentPlatformProps) {
    super(scope, id);
    const env = findEnvironment(props.config, props.environment);
    if (!env) {
      throw new Error(
        '`environment` must name an environment of config/environments.ts ' +
          `(${props.config.environments.map((e) => e.name).join(', ')}), got \`${props.environment}\``,
      );
    }
    this.environment = env;
    const { platform } = props.config;
    const topology = topologyOf(props.config, env);
    const name = environmentResourceName(platform.app, env.name);

    const kmsKeyArn = new EncryptionKey(this, 'encryption', { name, accountId: env.accountId, region: env.region }).keyArn;
    this.network = new Network(this, 'network', {
      name,
      region: env.region,
      vpcCidr: env.network.vpcCidr,
      availabilityZoneCount: topology.availabilityZones,
      natGateways: topology.network.natGateways,
      internetPorts: Object.values(env.integrations).map(httpsPort),
      dataStores: [
        { name: 'database', port: platform.database.port },
        { name: 'cache', port: platform.cache.port },
        { name: 'search', port: 443 },
      ],
    });
    const subnetIds = this.network.privateSubnetIds;
    const application = new ApplicationRole(this, 'application', {
      name,
      parameterPath: `/${platform.app}/${env.name}/`,
      kmsKeyArn,
      region: env.region,
      accountId: env.accountId,
    });

    const db = platform.database;
    this.database = new Database(this, 'database', {
      name,
      engineVersion: db.engineVersion,
      parameterGroupFamily: db.parameterGroupFamily,
      parameters: db.parameters,
      port: db.port,
      databaseName: db.databaseName,
      masterUsername: db.masterUsername,
      storageType: db.storageType,
      logExports: db.logExports,
      performanceInsightsRetentionDays: db.performanceInsightsRetentionDays,
      caCertIdentifier: db.caCertIdentifier,
      ...env.scale.database,
      multiAz: topology.database.multiAz,
      subnetIds,
      securityGroupId: this.network.securityGroupIdOf('database'),
      kmsKeyArn,
      accountId: env.accountId,
    });
    this.cache = new Cache(this, 'cache', {
      name,
      ...platform.cache,
      nodeType: env.scale.cache.nodeType,
      ...topology.cache,
      subnetIds,
      securityGroupId: this.network.securityGroupIdOf('cache'),
      kmsKeyArn,
    });
    this.search = new Search(this, 'search', {
      name,
      engineVersion: platform.search.engineVersion,
      tlsSecurityPolicy: platform.search.tlsSecurityPolicy,
      volumeType: platform.search.volumeType,
      ...env.scale.search,
      ...topology.search,
      subnetIds,
      securityGroupId: this.network.securityGroupIdOf('search'),
      kmsKeyArn,
      masterUserArn: env.searchAdminRoleArn,
      clientRoleArns: [application.roleArn],
      region: env.region,
      accountId: env.accountId,
      serviceLinkedRole: env.searchServiceLinkedRole,
    });
    const published: Record<keyof typeof PUBLISHED_KEYS, string> = {
      DATABASE_ENDPOINT: this.database.endpoint,
      DATABASE_NAME: db.databaseName,
      DATABASE_MASTER_SECRET_ARN: this.database.masterUserSecretArn,
      CACHE_ENDPOINT: this.cache.configurationEndpoint,
      SEARCH_ENDPOINT: this.search.endpoint,
    };
    this.parameters = new Parameters(this, 'parameter', {
      app: platform.app,
      environment: env.name,
      parameters: [
        ...platform.ssmCatalog.map(
          (entry): ParameterEntry =>
            entry.type === 'SecureString'
              ? { ...entry, type: 'SecureString' }
              : { ...entry, type: 'String', value: stringValue(env, entry.key) },
        ),
        ...(Object.keys(PUBLISHED_KEYS) as (keyof typeof PUBLISHED_KEYS)[]).map(
          (key): ParameterEntry => ({ key, type: 'String', description: PUBLISHED_KEYS[key], value: published[key] }),
        ),
        ...Object.entries(env.integrations).map(
          ([integration, endpoint]): ParameterEntry => ({
            key: integrationEndpointKey(integration),
            type: 'String',
            description: `Endpoint of the ${integration} integration.`,
            value: endpoint,
          }),
        ),
      ],
      kmsKeyArn,
    });
    this.alarms = new Alarms(this, 'alarm', {
      name,
      alarms: platform.alarms.map((definition) => ({
        ...definition,
        threshold: env.scale.alarms.thresholds[definition.id] ?? missing(env, `scale.alarms.thresholds.${definition.id}`),
      })),
      notificationEmails: env.scale.alarms.notificationEmails,
      targets: {
        databaseIdentifier: this.database.identifier,
        databaseResourceId: this.database.resourceId,
        databaseMaxConnections: db.parameters.max_connections ? Number(db.parameters.max_connections.value) : undefined,
        cacheReplicationGroupId: this.cache.replicationGroupId,
        searchDomainName: this.search.domainName,
        accountId: env.accountId,
      },
      natGatewayIds: this.network.natGatewayIds,
      kmsKeyArn,
    });
  }
}

/** The TCP port an integration endpoint is called on. */
function httpsPort(endpoint: string): number {
  const url = new URL(endpoint);
  return url.port ? Number(url.port) : url.protocol === 'http:' ? 80 : 443;
}

function stringValue(env: EnvironmentConfig, key: string): string {
  return env.ssmValues[key] ?? missing(env, `ssmValues.${key}`);
}

// Validated config always has these (config/rule-pack.ts); reaching here means it was not validated.
function missing(env: EnvironmentConfig, field: string): never {
  throw new Error(
    `environment \`${env.name}\`: \`${field}\` is missing; load the config with loadProjectConfig() so config/rule-pack.ts reports it`,
  );
}
