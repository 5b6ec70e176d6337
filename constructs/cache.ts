/**
 * The environment's cache: an ElastiCache (Valkey or Redis) replication group in cluster mode,
 * with its parameter and subnet groups, encrypted at rest and in transit.
 */
import { ElasticacheParameterGroup } from '@cdktf/provider-aws/lib/elasticache-parameter-group';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { Construct } from 'constructs';
import type { PlatformInvariants } from '../config/schema';
import { addPropValidation, type PropRule } from './validation';

export interface CacheProps {
  /** Base name of the environment's resources; the replication group id (`orders-prod`). */
  readonly name: string;
  /** The platform's cache invariants: engine, version, parameters, port. */
  readonly platform: PlatformInvariants['cache'];
  /** Node type (`cache.r7g.large`). */
  readonly nodeType: string;
  /** Shards (node groups). */
  readonly shards: number;
  /** Replicas per shard. */
  readonly replicasPerShard: number;
  /** Whether a replica takes over when a primary fails. */
  readonly automaticFailover: boolean;
  /** Private subnets, one per zone. */
  readonly subnetIds: string[];
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

const rules: readonly PropRule<CacheProps>[] = [
  { prop: 'automaticFailover', check: (p) => (!p.automaticFailover || p.replicasPerShard >= 1 ? undefined : 'needs `replicasPerShard` of at least 1') },
  { prop: 'shards', check: (p) => (p.shards >= 1 && p.shards <= 500 ? undefined : `must be 1 to 500, got ${p.shards}`) },
];

export class Cache extends Construct {
  readonly replicationGroup: ElasticacheReplicationGroup;

  constructor(scope: Construct, id: string, props: CacheProps) {
    super(scope, id);
    addPropValidation(this, rules, props);
    const snapshotRetentionDays = props.snapshotRetentionDays ?? 7;
    const cache = props.platform;
    const subnetGroup = new ElasticacheSubnetGroup(this, 'subnets', {
      name: props.name,
      description: `${props.name}: private subnets`,
      subnetIds: props.subnetIds,
    });
    const parameterGroup = new ElasticacheParameterGroup(this, 'parameters', {
      name: `${props.name}-${cache.parameterGroupFamily}`,
      family: cache.parameterGroupFamily,
      description: `${props.name}: platform parameters`,
      parameter: Object.entries({ 'cluster-enabled': 'yes', ...cache.parameters }).map(([name, value]) => ({ name, value })),
    });
    this.replicationGroup = new ElasticacheReplicationGroup(this, 'replication-group', {
      replicationGroupId: props.name,
      description: `${props.name}: application cache`,
      engine: cache.engine,
      engineVersion: cache.engineVersion,
      autoMinorVersionUpgrade: 'false',
      nodeType: props.nodeType,
      port: cache.port,
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
  }
}
