import { compilePattern, patternMatches } from '../../packages/parity/src/parity/attribute-pattern';

describe('policy patterns', () => {
  test.each([
    ['aws_db_instance.*.instance_class', 'aws_db_instance.db', 'instance_class', true],
    ['aws_db_instance.*.instance_class', 'aws_db_instance.db', 'engine_version', false],
    ['aws_db_instance.*.instance_class', 'aws_rds_cluster.db', 'instance_class', false],
    ['aws_opensearch_domain.*.cluster_config.*.instance_type', 'aws_opensearch_domain.s', 'cluster_config.instance_type', true],
    ['aws_opensearch_domain.*.cluster_config.*.instance_type', 'aws_opensearch_domain.s', 'cluster_config[0].instance_type', true],
    ['aws_opensearch_domain.*.cluster_config.*.instance_type', 'aws_opensearch_domain.s', 'cluster_config.instance_count', false],
    ['aws_db_subnet_group.*.subnet_ids', 'aws_db_subnet_group.g', 'subnet_ids[2]', true],
    ['provider.aws.assume_role.**', 'provider.aws', 'assume_role[0].role_arn', true],
    ['provider.aws.region', 'provider.aws', 'region', true],
    ['terraform.backend.s3.key', 'terraform.backend.s3', 'key', true],
    ['terraform.backend.s3.key', 'terraform.backend.s3', 'bucket', false],
    ['aws_subnet.*', 'aws_subnet.private_c', undefined, true],
    ['aws_subnet.*', 'aws_subnet.private_c', 'cidr_block', false],
    ['aws_subnet.*.cidr_block', 'aws_subnet.private_c', undefined, false],
    ['aws_s3_bucket.orders-*', 'aws_s3_bucket.orders-exports', undefined, true],
    ['module.*.cidr_block', 'module.{env}_network', 'cidr_block', true],
    ['data.aws_ami.*.owners', 'data.aws_ami.base', 'owners', true],
  ])('%s covers %s %s: %s', (pattern, address, path, expected) => {
    expect(patternMatches(compilePattern(pattern), address, path)).toBe(expected);
  });
});
