/**
 * The parity policy this project's config implies: which differences between environments are
 * allowed. Everything the synthesized Terraform JSON holds is an invariant (equal across every
 * environment) unless a pattern here names it:
 *
 * - `scaleKnobs`: may differ between any two environments (instance sizes, storage, thresholds...).
 * - `topology`: must be equal within a parity group, may differ between groups (Multi-AZ, shards...).
 *
 * A pattern is `<block>.<name>` for a whole resource (its presence may differ) or
 * `<block>.<name>.<attribute path>` for an attribute, where `<block>` is a resource type
 * (`aws_db_instance`), `provider.aws` or `terraform.backend.s3`; `*` matches one segment and `**`
 * any number of segments. Attribute paths are dotted, with list indexes as numbers
 * (`cluster_config.0.instance_type` is written `cluster_config.*.instance_type`).
 */
import { parityGroups } from './queries';
import type { ProjectConfig } from './schema';

export interface AttributePattern {
  /** The pattern, e.g. `aws_db_instance.*.instance_class`. */
  readonly pattern: string;
  /** Which config knob it comes from, shown in reports next to every allowed difference. */
  readonly why: string;
}

export interface ParityPolicy {
  /** The parity groups and their environments, from config/environments.ts. */
  readonly groups: readonly { readonly name: string; readonly environments: readonly string[] }[];
  /** Differences allowed between any environments. */
  readonly scaleKnobs: readonly AttributePattern[];
  /** Differences allowed between parity groups only. */
  readonly topology: readonly AttributePattern[];
}

const knob = (pattern: string, why: string): AttributePattern => ({ pattern, why });

/** Scale knobs: `scale` and the per-environment fields of config/environments.ts. */
export const SCALE_KNOB_PATTERNS: readonly AttributePattern[] = [
  knob('provider.aws.allowed_account_ids', '`accountId`'),
  knob('provider.aws.region', '`region`'),
  knob('provider.aws.assume_role.**', '`readOnlyRoleArn` / deploy role per account'),
  knob('terraform.backend.s3.key', 'state key per environment'),
  knob('aws_vpc.*.cidr_block', '`network.vpcCidr`'),
  knob('aws_subnet.*.cidr_block', '`network.vpcCidr`'),
  knob('aws_db_instance.*.instance_class', '`scale.database.instanceClass`'),
  knob('aws_db_instance.*.allocated_storage', '`scale.database.allocatedStorageGb`'),
  knob('aws_db_instance.*.max_allocated_storage', '`scale.database.maxAllocatedStorageGb`'),
  knob('aws_db_instance.*.backup_retention_period', '`scale.database.backupRetentionDays`'),
  knob('aws_db_instance.*.deletion_protection', '`scale.database.deletionProtection`'),
  knob('aws_db_instance.*.skip_final_snapshot', '`scale.database.finalSnapshot`'),
  knob('aws_db_instance.*.final_snapshot_identifier', '`scale.database.finalSnapshot`'),
  knob('aws_elasticache_replication_group.*.node_type', '`scale.cache.nodeType`'),
  knob('aws_opensearch_domain.*.cluster_config.*.instance_type', '`scale.search.instanceType`'),
  knob('aws_opensearch_domain.*.cluster_config.*.instance_count', '`scale.search.instanceCount`'),
  knob('aws_opensearch_domain.*.cluster_config.*.dedicated_master_type', '`scale.search.masterInstanceType`'),
  knob('aws_opensearch_domain.*.ebs_options.*.volume_size', '`scale.search.volumeSizeGb`'),
  knob('aws_opensearch_domain.*.advanced_security_options.*.master_user_options.*.master_user_arn', '`searchAdminRoleArn` (per account)'),
  knob('aws_cloudwatch_metric_alarm.*.threshold', '`scale.alarms.thresholds`'),
  knob('aws_sns_topic_subscription.*', '`scale.alarms.notificationEmails`'),
  knob('aws_sns_topic_subscription.*.endpoint', '`scale.alarms.notificationEmails`'),
  knob('aws_ssm_parameter.*.value', '`ssmValues` (non-secret values per environment)'),
  // The fingerprint is written after every other resource: its list follows what each environment has.
  knob('aws_ssm_parameter.platform_fingerprint.depends_on', 'every resource of the stack (constructs/platform-fingerprint.ts)'),
  knob('output.platform_fingerprint.value', 'the platform fingerprint, equal within a parity group (tools/promote/fingerprint.ts)'),
];

/** Topology: config/topology.ts, per parity group. */
export const TOPOLOGY_PATTERNS: readonly AttributePattern[] = [
  knob('aws_subnet.*', '`availabilityZones`'),
  knob('aws_subnet.*.availability_zone', '`availabilityZones`'),
  knob('aws_db_subnet_group.*.subnet_ids', '`availabilityZones`'),
  knob('aws_elasticache_subnet_group.*.subnet_ids', '`availabilityZones`'),
  knob('aws_opensearch_domain.*.vpc_options.*.subnet_ids', '`availabilityZones`'),
  knob('aws_db_instance.*.multi_az', '`database.multiAz`'),
  knob('aws_elasticache_replication_group.*.num_node_groups', '`cache.shards`'),
  knob('aws_elasticache_replication_group.*.replicas_per_node_group', '`cache.replicasPerShard`'),
  knob('aws_elasticache_replication_group.*.automatic_failover_enabled', '`cache.automaticFailover`'),
  knob('aws_elasticache_replication_group.*.multi_az_enabled', '`cache.automaticFailover`'),
  knob('aws_opensearch_domain.*.cluster_config.*.dedicated_master_enabled', '`search.dedicatedMasters`'),
  knob('aws_opensearch_domain.*.cluster_config.*.dedicated_master_count', '`search.dedicatedMasters`'),
  knob('aws_opensearch_domain.*.cluster_config.*.zone_awareness_enabled', '`search.zoneAwareness`'),
  knob('aws_opensearch_domain.*.cluster_config.*.zone_awareness_config.**', '`availabilityZones`'),
];

/** The policy for this project's own app. */
export function projectParityPolicy(config: ProjectConfig): ParityPolicy {
  return { groups: parityGroups(config), scaleKnobs: SCALE_KNOB_PATTERNS, topology: TOPOLOGY_PATTERNS };
}
