/**
 * The one construct every environment is built from. It takes the validated project config and
 * an environment name, and composes the network, database, cache, search, parameters and alarms
 * from the platform invariants, the environment's parity-group topology and its scale knobs. Nothing
 * else varies between environments: that is what makes staging an honest copy of prod.
 */
import { Construct } from 'constructs';
import { findEnvironment, topologyOf, type EnvironmentConfig, type ProjectConfig } from '../config';
import { ApplicationRole } from './application-role';
import { Alarms } from './alarms';
import { Cache } from './cache';
import { Database } from './database';
import { EncryptionKey } from './encryption-key';
import { environmentResourceName } from './naming';
import { Network } from './network';
import { Parameters } from './parameters';
import { Search } from './search';

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
      throw new Error(`\`environment\` must name an environment of config/environments.ts (${props.config.environments.map((e) => e.name).join(', ')}), got \`${props.environment}\``);
    }
    this.environment = env;
    const { platform } = props.config;
    const topology = topologyOf(props.config, env);
    const name = environmentResourceName(platform.app, env.name);

    const key = new EncryptionKey(this, 'encryption', { name, accountId: env.accountId }).key;
    this.network = new Network(this, 'network', {
      name,
      region: env.region,
      vpcCidr: env.network.vpcCidr,
      availabilityZoneCount: topology.availabilityZones,
      dataStores: [
        { name: 'database', port: platform.database.port },
        { name: 'cache', port: platform.cache.port },
        { name: 'search', port: 443 },
      ],
    });
    const subnetIds = this.network.privateSubnets.map((s) => s.id);
    const securityGroup = (store: string) => this.network.dataStoreSecurityGroups[store]!.id;
    const application = new ApplicationRole(this, 'application', { name, parameterPath: `/${platform.app}/${env.name}/`, kmsKeyArn: key.arn });

    this.database = new Database(this, 'database', {
      name,
      platform: platform.database,
      ...env.scale.database,
      multiAz: topology.database.multiAz,
      subnetIds,
      securityGroupId: securityGroup('database'),
      kmsKeyArn: key.arn,
    });
    this.cache = new Cache(this, 'cache', {
      name,
      platform: platform.cache,
      nodeType: env.scale.cache.nodeType,
      shards: topology.cache.shards,
      replicasPerShard: topology.cache.replicasPerShard,
      automaticFailover: topology.cache.automaticFailover,
      subnetIds,
      securityGroupId: securityGroup('cache'),
      kmsKeyArn: key.arn,
    });
    this.search = new Search(this, 'search', {
      name,
      platform: platform.search,
      ...env.scale.search,
      dedicatedMasters: topology.search.dedicatedMasters,
      zoneAwareness: topology.search.zoneAwareness,
      subnetIds,
      securityGroupId: securityGroup('search'),
      kmsKeyArn: key.arn,
      masterUserArn: env.searchAdminRoleArn,
      clientRoleArns: [application.role.arn],
    });
    const db = this.database.instance;
    this.parameters = new Parameters(this, 'parameter', {
      app: platform.app,
      environment: env.name,
      catalog: platform.ssmCatalog,
      values: env.ssmValues,
      published: {
        DATABASE_ENDPOINT: db.endpoint,
        DATABASE_NAME: platform.database.databaseName,
        DATABASE_MASTER_SECRET_ARN: db.masterUserSecret.get(0).secretArn,
        CACHE_ENDPOINT: this.cache.replicationGroup.configurationEndpointAddress,
        SEARCH_ENDPOINT: this.search.domain.endpoint,
      },
      integrationEndpoints: env.integrations,
      kmsKeyArn: key.arn,
    });
    this.alarms = new Alarms(this, 'alarm', {
      name,
      definitions: platform.alarms,
      thresholds: env.scale.alarms.thresholds,
      notificationEmails: env.scale.alarms.notificationEmails,
      targets: {
        databaseIdentifier: db.identifier,
        databaseResourceId: db.resourceId,
        databaseMaxConnections: platform.database.parameters.max_connections ? Number(platform.database.parameters.max_connections.value) : undefined,
        cacheReplicationGroupId: this.cache.replicationGroup.replicationGroupId,
        searchDomainName: this.search.domain.domainName,
        accountId: env.accountId,
      },
      kmsKeyArn: key.arn,
    });
  }
}
