/**
 * The environment's cache: an ElastiCache (Valkey or Redis) replication group in cluster mode,
 * with its parameter and subnet groups, encrypted at rest and in transit.
 */
import { ElasticacheParameterGroup } from '@cdktf/provider-aws/lib/elasticache-parameter-group';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { Construct } from 'constructs';
import { scale, topology, type KnobDeclarations } from './knobs';
import { addPropValidation, type PropRule } from './validation';

export interface CacheProps {
  /** Base name of the environment's resources; the replication group id (`orders-prod`). */
  readonly name: string;
  /** Valkey, or Redis OSS. */
  readonly engine: 'valkey' | 'redis';
  /** Exact `major.minor` engine version (`7.2`); never upgraded automatically. */
  readonly engineVersion: string;
  /** Parameter group family (`valkey7`). */
  readonly parameterGroupFamily: string;
  /**
   * Engine parameters; `cluster-enabled` is always `yes` (the group runs in cluster mode).
   * @default {}
   */
  readonly parameters?: Readonly<Record<string, string>>;
  /**
   * TCP port.
   * @default 6379, the engine's port
   */
  readonly port?: number;
  /** Node type (`cache.r7g.large`). */
  readonly nodeType: string;
  /** Shards (node groups). */
  readonly shards: number;
  /** Replicas per shard. */
  readonly replicasPerShard: number;
  /** Whether a replica takes over when a primary fails. */
  readonly automaticFailover: boolean;
  /** Private subnets, one per zone. */
  readonly subnetIds: readonly string[];
  /** The cache's security group. */
  readonly securityGroupId: string;
  /** KMS key ARN for encryption at rest. */
  readonly kmsKeyArn: string;
  /**
   * Days of automatic snapshots.
   * @default 7
   */
  readonly snapshotRetentionDays?: number;
}

/** The props that may differ between environments, and what they set. */
export const cacheKnobs = {
  nodeType: scale('aws_elasticache_replication_group.*.node_type'),
  shards: topology('aws_elasticache_replication_group.*.num_node_groups'),
  replicasPerShard: topology('aws_elasticache_replication_group.*.replicas_per_node_group'),
  automaticFailover: topology(
    'aws_elasticache_replication_group.*.automatic_failover_enabled',
    'aws_elasticache_replication_group.*.multi_az_enabled',
  ),
  subnetIds: topology('aws_elasticache_subnet_group.*.subnet_ids'),
} satisfies KnobDeclarations<CacheProps>;

// What ElastiCache itself refuses; the config does not check these.
const rules: readonly PropRule<CacheProps>[] = [
  {
    prop: 'automaticFailover',
    check: (p) => (!p.automaticFailover || p.replicasPerShard >= 1 ? undefined : 'needs `replicasPerShard` of at least 1'),
  },
  { prop: 'shards', check: (p) => (p.shards >= 1 && p.shards <= 500 ? undefined : `must be 1 to 500, got ${p.shards}`) },
];

export class Cache extends Construct {
  /** The configuration endpoint clients in cluster mode connect to. */
  readonly configurationEndpoint: string;
  /** The replication group id; its nodes are `{id}-0001-001`... (CloudWatch `CacheClusterId`). */
  readonly replicationGroupId: string;
  private readonly replicationGroup: ElasticacheReplicationGroup;

  constructor(scope: Construct, id: string, props: CacheProps) {
    super(scope, id);
    addPropValidation(this, rules, props);
    const snapshotRetentionDays = props.snapshotRetentionDays ?? 7;
    const family = props.parameterGroupFamily;
    const subnetGroup = new ElasticacheSubnetGroup(this, 'subnets', {
      name: props.name,
      description: `${props.name}: private subnets`,
      subnetIds: [...props.subnetIds],
    });
    const parameterGroup = new ElasticacheParameterGroup(this, 'parameters', {
      name: `${props.name}-${family}`,
      family,
      description: `${props.name}: platform parameters`,
      parameter: Object.entries({ 'cluster-enabled': 'yes', ...props.parameters }).map(([name, value]) => ({ name, value })),
    });
    this.replicationGroup = new ElasticacheReplicationGroup(this, 'replication-group', {
      replicationGroupId: props.name,
      description: `${props.name}: application cache`,
      engine: props.engine,
      engineVersion: props.engineVersion,
      autoMinorVersionUpgrade: 'false',
      nodeType: props.nodeType,
      port: props.port ?? 6379,
      clusterMode: 'enabled',
      numNodeGroups: props.shards,
      replicasPerNodeGroup: props.replicasPerShard,
      automaticFailoverEnabled: props.automaticFailover,
      multiAzEnabled: props.automaticFailover,
      parameterGroupName: parameterGroup.name,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [props.securityGroupId],
      atRestEncryptionEnabled: 'true',
      kmsKeyId: props.kmsKeyArn,
      transitEncryptionEnabled: true,
      transitEncryptionMode: 'required',
      snapshotRetentionLimit: snapshotRetentionDays,
      applyImmediately: false,
    });
    this.node.defaultChild = this.replicationGroup;
    this.configurationEndpoint = this.replicationGroup.configurationEndpointAddress;
    this.replicationGroupId = this.replicationGroup.replicationGroupId;
  }
}
