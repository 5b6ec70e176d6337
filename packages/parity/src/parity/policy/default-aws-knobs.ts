/**
 * The scale knobs applied to a codebase that brings no policy file (or whose policy file keeps
 * `defaults: true`): the size attributes of common AWS resources, which environments are expected
 * to set differently. Reports say which of them allowed a difference.
 */
import type { AttributePattern } from './parity-policy';

const size = (pattern: string, why = 'default: size differs per environment'): AttributePattern => ({ pattern, why });

export const DEFAULT_AWS_SCALE_KNOBS: readonly AttributePattern[] = [
  size('provider.aws.region', 'default: region per environment'),
  size('provider.aws.allowed_account_ids', 'default: account per environment'),
  size('provider.aws.assume_role.**', 'default: deploy role per account'),
  size('terraform.backend.*.key', 'default: state key per environment'),
  size('terraform.backend.*.bucket', 'default: state bucket per account'),
  size('aws_vpc.*.cidr_block', 'default: network range per environment'),
  size('aws_subnet.*.cidr_block', 'default: network range per environment'),
  size('module.*.cidr_block', 'default: network range per environment'),
  size('module.*.vpc_cidr', 'default: network range per environment'),
  size('aws_instance.*.instance_type'),
  size('aws_launch_template.*.instance_type'),
  size('aws_autoscaling_group.*.min_size'),
  size('aws_autoscaling_group.*.max_size'),
  size('aws_autoscaling_group.*.desired_capacity'),
  size('aws_db_instance.*.instance_class'),
  size('aws_db_instance.*.allocated_storage'),
  size('aws_db_instance.*.max_allocated_storage'),
  size('aws_db_instance.*.iops'),
  size('aws_db_instance.*.backup_retention_period', 'default: retention per environment'),
  size('aws_rds_cluster_instance.*.instance_class'),
  size('aws_rds_cluster.*.serverlessv2_scaling_configuration.**'),
  size('aws_elasticache_cluster.*.node_type'),
  size('aws_elasticache_cluster.*.num_cache_nodes'),
  size('aws_elasticache_replication_group.*.node_type'),
  size('aws_opensearch_domain.*.cluster_config.*.instance_type'),
  size('aws_opensearch_domain.*.cluster_config.*.instance_count'),
  size('aws_opensearch_domain.*.ebs_options.*.volume_size'),
  size('aws_elasticsearch_domain.*.cluster_config.*.instance_type'),
  size('aws_elasticsearch_domain.*.cluster_config.*.instance_count'),
  size('aws_elasticsearch_domain.*.ebs_options.*.volume_size'),
  size('aws_ecs_service.*.desired_count'),
  size('aws_ecs_task_definition.*.cpu'),
  size('aws_ecs_task_definition.*.memory'),
  size('aws_appautoscaling_target.*.min_capacity'),
  size('aws_appautoscaling_target.*.max_capacity'),
  size('aws_lambda_function.*.memory_size'),
  size('aws_lambda_function.*.reserved_concurrent_executions'),
  size('aws_eks_node_group.*.instance_types'),
  size('aws_eks_node_group.*.scaling_config.**'),
  size('aws_msk_cluster.*.number_of_broker_nodes'),
  size('aws_msk_cluster.*.broker_node_group_info.*.instance_type'),
  size('aws_kinesis_stream.*.shard_count'),
  size('aws_dynamodb_table.*.read_capacity'),
  size('aws_dynamodb_table.*.write_capacity'),
  size('aws_cloudwatch_metric_alarm.*.threshold', 'default: alarm thresholds per environment'),
  size('aws_cloudwatch_log_group.*.retention_in_days', 'default: retention per environment'),
];
