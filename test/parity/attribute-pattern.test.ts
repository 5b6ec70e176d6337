import { compilePattern, deprecatedPathForms, patternMatches } from '../../packages/parity/src/parity/attribute-pattern';
import { ExitCode, ExitError } from '../../packages/parity/src/shared/exit-error';

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

describe('patterns in the attribute path syntax', () => {
  test.each([
    ['aws_security_group.*.ingress[*].cidr_blocks', 'aws_security_group.web', 'ingress[0].cidr_blocks', true],
    ['aws_security_group.*.ingress[*].cidr_blocks', 'aws_security_group.web', 'egress[0].cidr_blocks', false],
    ['aws_s3_bucket.*.tags["k8s.io/role"]', 'aws_s3_bucket.b', 'tags["k8s.io/role"]', true],
    ['aws_s3_bucket.*.tags["k8s.io/role"]', 'aws_s3_bucket.b', 'tags["k8s.io/other"]', false],
    ['aws_cloudwatch_metric_alarm.*.metric_query[2].return_data', 'aws_cloudwatch_metric_alarm.a', 'metric_query[2].return_data', true],
    // The old dotted form of a policy file still matches.
    ['aws_db_subnet_group.*.subnet_ids.2', 'aws_db_subnet_group.g', 'subnet_ids[2]', true],
    ['aws_opensearch_domain.*.cluster_config.0.instance_type', 'aws_opensearch_domain.s', 'cluster_config[0].instance_type', true],
  ])('%s covers %s %s: %s', (pattern, address, path, expected) => {
    expect(patternMatches(compilePattern(pattern), address, path)).toBe(expected);
  });

  test('a pattern that is not in the syntax is bad input, exit 2', () => {
    expect(() => compilePattern('aws_s3_bucket.*.tags["k8s.io/role]')).toThrow(
      new ExitError(
        ExitCode.badInput,
        'expected a policy pattern such as `aws_security_group.*.ingress[*].cidr_blocks` (a ' +
          'closing `"` at offset 34), found `aws_s3_bucket.*.tags["k8s.io/role]`. Write keys that ' +
          'are not plain names as `["key"]` and list indexes as `[0]`.',
      ),
    );
  });

  test('the old dotted form is named in a deprecation warning; addresses such as `module.{env}_db` are not', () => {
    expect(
      deprecatedPathForms(
        [
          { pattern: 'aws_security_group.*.ingress.0.cidr_blocks' },
          { pattern: 'module.{env}_db.cidr_block' },
          { pattern: 'aws_db_instance.*.instance_class' },
        ],
        [{ path: 'tags.{env}_owner' }, { path: 'engine_version' }, {}],
      ),
    ).toEqual([
      '`aws_security_group.*.ingress.0.cidr_blocks` is in the old dotted form: write ' +
        '`aws_security_group.*.ingress[0].cidr_blocks` (list indexes as `[0]`, keys that are not ' +
        'plain names as `["key"]`)',
      '`tags.{env}_owner` is in the old dotted form: write `tags["{env}_owner"]` (list indexes ' +
        'as `[0]`, keys that are not plain names as `["key"]`)',
    ]);
  });
});
