/**
 * Resource types that hold data: replacing or deleting one loses that data. This is a list of
 * types, not of attributes; whether a change replaces is read from the plan's `actions`.
 */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
  'aws_db_instance',
  'aws_rds_cluster',
  'aws_rds_global_cluster',
  'aws_elasticache_replication_group',
  'aws_elasticache_cluster',
  'aws_elasticache_serverless_cache',
  'aws_memorydb_cluster',
  'aws_opensearch_domain',
  'aws_elasticsearch_domain',
  'aws_s3_bucket',
  'aws_dynamodb_table',
  'aws_kms_key',
  'aws_efs_file_system',
  'aws_ebs_volume',
  'aws_docdb_cluster',
  'aws_neptune_cluster',
]);
