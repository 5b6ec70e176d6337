import { UnknownValue } from '../../packages/parity/src/parity/environment-model';
import { parseAttributePath } from '../../packages/parity/src/shared/attribute-path';
import { environmentModelFromTerraformJson, pinnedAccountIds } from '../../packages/parity/src/parity/load-terraform-json';
import { ORDERS_GROUP_OF, readStack } from './stack-fixtures';

const staging = () =>
  environmentModelFromTerraformJson(readStack('staging'), 'staging', 'staging/cdk.tf.json', {
    keepWords: ['production', 'development'],
    groupOf: ORDERS_GROUP_OF,
  });

describe('loading a cdktf stack into the flat model', () => {
  test('addresses for resources, providers, backend, settings and outputs', () => {
    const addresses = [...staging().resources.keys()];
    expect(addresses).toEqual(
      expect.arrayContaining([
        'aws_db_instance.database',
        'provider.aws',
        'terraform.backend.s3',
        'terraform',
        'output.database_endpoint',
        'aws_subnet.network_private_c',
      ]),
    );
    expect(addresses.some((a) => a.startsWith('//') || a.startsWith('variable') || a.startsWith('locals'))).toBe(false);
  });

  test('drops `//` metadata at every level', () => {
    const db = staging().resources.get('aws_db_instance.database')!;
    expect([...db.keys()].some((path) => path.includes('//'))).toBe(false);
    expect(db.get('engine_version')).toBe('16.8');
  });

  test.each([
    ['aws_db_instance.database', 'identifier', 'orders-{env}'],
    ['aws_ssm_parameter.parameter_LOG_LEVEL', 'name', '/orders/{env}/LOG_LEVEL'],
    ['terraform.backend.s3', 'key', 'env-parity/{env}.tfstate'],
    ['provider.aws', 'default_tags[0].tags.environment', '{env}'],
    ['provider.aws', 'allowed_account_ids', ['{account}']],
    ['aws_opensearch_domain.search', 'cluster_config.instance_type', 'r6g.large.search'],
    ['aws_opensearch_domain.search', 'cluster_config.zone_awareness_config.availability_zone_count', 3],
    ['aws_db_parameter_group.database_parameters', 'parameter[2].name', 'rds.force_ssl'],
    ['aws_db_parameter_group.database_parameters', 'lifecycle.create_before_destroy', true],
    ['aws_db_instance.database', 'enabled_cloudwatch_logs_exports', ['postgresql', 'upgrade']],
  ])('%s %s is %j', (address, path, value) => {
    expect(staging().resources.get(address)!.get(path)).toEqual(value);
  });

  test("only the environment's own name is normalized: a staging value naming prod stays visible", () => {
    const doc = readStack('staging');
    doc.resource.aws_ssm_parameter.parameter_LOG_LEVEL.description = 'copied from orders-prod';
    const model = environmentModelFromTerraformJson(doc, 'staging', 'x');
    expect(model.resources.get('aws_ssm_parameter.parameter_LOG_LEVEL')!.get('description')).toBe('copied from orders-prod');
  });

  test('another account id stays visible, the pinned one becomes {account}', () => {
    const doc = readStack('staging');
    doc.resource.aws_sns_topic.alarm_topic.policy = 'arn:aws:iam::222222222222:root arn:aws:iam::333333333333:root';
    const model = environmentModelFromTerraformJson(doc, 'staging', 'x');
    expect(pinnedAccountIds(doc)).toEqual(['222222222222']);
    expect(model.resources.get('aws_sns_topic.alarm_topic')!.get('policy')).toBe(
      'arn:aws:iam::{account}:root arn:aws:iam::333333333333:root',
    );
  });

  test('the parity group name becomes {group}, unless a group keeps the word', () => {
    const doc = readStack('staging');
    doc.provider.aws[0].default_tags[0].tags['parity-group'] = 'production';
    const grouped = environmentModelFromTerraformJson(doc, 'prod', 'x', { keepWords: ['production'], groupOf: ORDERS_GROUP_OF });
    const plain = environmentModelFromTerraformJson(doc, 'prod', 'x');
    expect(grouped.resources.get('provider.aws')!.get('default_tags[0].tags.parity-group')).toBe('{group}');
    expect(plain.resources.get('provider.aws')!.get('default_tags[0].tags.parity-group')).toBe('{env}');
  });

  test('environment names in addresses are normalized; a collision keeps the raw address', () => {
    const doc = { resource: { aws_s3_bucket: { staging_exports: { bucket: 'a' }, stage_exports: { bucket: 'b' } } } };
    const model = environmentModelFromTerraformJson(doc, 'staging', 'x');
    expect([...model.resources.keys()]).toEqual(['aws_s3_bucket.{env}_exports', 'aws_s3_bucket.stage_exports']);
  });

  test('map keys lose only the exact environment name, not its aliases (a `STAGE` tag key stays)', () => {
    const doc = { provider: { aws: [{ default_tags: [{ tags: { STAGE: 'staging', staging_owner: 'team' } }] }] } };
    const model = environmentModelFromTerraformJson(doc, 'staging', 'x');
    expect([...model.resources.get('provider.aws')!.entries()]).toEqual([
      ['default_tags[0].tags.STAGE', '{env}'],
      ['default_tags[0].tags["{env}_owner"]', 'team'],
    ]);
  });

  test('keys holding dots are quoted path segments', () => {
    const doc = { resource: { aws_db_parameter_group: { p: { tags: { 'kubernetes.io/role': 'db' } } } } };
    const model = environmentModelFromTerraformJson(doc, 'dev', 'x');
    expect([...model.resources.get('aws_db_parameter_group.p')!.keys()]).toEqual(['tags["kubernetes.io/role"]']);
    expect(parseAttributePath('tags["kubernetes.io/role"][0]')).toEqual([{ key: 'tags' }, { key: 'kubernetes.io/role' }, { index: 0 }]);
  });

  test('empty lists and maps, nulls and unknown values are leaves', () => {
    const doc = { resource: { aws_x: { a: { l: [], m: {}, n: null, u: new UnknownValue('var.x has no value') } } } };
    const attributes = environmentModelFromTerraformJson(doc, 'dev', 'x').resources.get('aws_x.a')!;
    expect(attributes.get('l')).toEqual([]);
    expect(attributes.get('m')).toEqual({});
    expect(attributes.get('n')).toBeNull();
    expect(attributes.get('u')).toBeInstanceOf(UnknownValue);
  });
});
