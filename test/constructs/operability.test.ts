/** RDS enhanced monitoring and OpenSearch log publishing, in every environment. */
import { Testing } from 'cdktf';
import { loadProjectConfig } from '../../config';
import { EnvironmentStack } from '../../stacks/environment-stack';
import { ENVIRONMENTS, onlyResource, resourcesOf, synthEnvironment } from '../helpers/synth';

const config = loadProjectConfig();
const envOf = (name: string) => config.environments.find((e) => e.name === name)!;

describe.each(ENVIRONMENTS)('%s', (name) => {
  const json = synthEnvironment(name);
  const env = envOf(name);

  test('RDS enhanced monitoring at the environment interval, through a role only RDS monitoring of this account assumes', () => {
    const db = onlyResource(json, 'aws_db_instance');
    expect(db.monitoring_interval).toBe(env.scale.database.monitoringIntervalSeconds);
    expect(db.monitoring_role_arn).toBe('${aws_iam_role.database_monitoring.arn}');
    const role = json.resource.aws_iam_role!.database_monitoring!;
    expect(JSON.parse(role.assume_role_policy as string).Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'monitoring.rds.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': env.accountId } },
      },
    ]);
    expect(json.resource.aws_iam_role_policy_attachment!.database_monitoring_policy).toMatchObject({
      role: '${aws_iam_role.database_monitoring.name}',
      policy_arn: 'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole',
    });
  });

  test('the database log exports go to log groups made first, encrypted and kept for the environment retention', () => {
    const db = onlyResource(json, 'aws_db_instance');
    const groups = Object.fromEntries(
      resourcesOf(json, 'aws_cloudwatch_log_group')
        .filter(([, g]) => g.name.startsWith('/aws/rds/'))
        .map(([id, g]) => [`aws_cloudwatch_log_group.${id}`, g]),
    );
    expect(Object.values(groups).map((g) => g.name)).toEqual(
      db.enabled_cloudwatch_logs_exports.map((log: string) => `/aws/rds/instance/orders-${name}/${log}`),
    );
    for (const group of Object.values(groups))
      expect([group.retention_in_days, group.kms_key_id]).toEqual([env.scale.database.logRetentionDays, '${aws_kms_key.encryption.arn}']);
    expect(db.depends_on).toEqual(Object.keys(groups));
  });

  test('OpenSearch publishes its slow logs and error log to encrypted log groups kept for the environment retention', () => {
    const domain = onlyResource(json, 'aws_opensearch_domain');
    const groups = Object.fromEntries(
      resourcesOf(json, 'aws_cloudwatch_log_group').map(([id, g]) => [`\${aws_cloudwatch_log_group.${id}.arn}`, g]),
    );
    const published = Object.fromEntries(
      domain.log_publishing_options.map((o: any) => [o.log_type, { enabled: o.enabled, name: groups[o.cloudwatch_log_group_arn]?.name }]),
    );
    expect(published).toEqual({
      SEARCH_SLOW_LOGS: { enabled: true, name: `/aws/opensearch/orders-${name}/slow-search-log` },
      INDEX_SLOW_LOGS: { enabled: true, name: `/aws/opensearch/orders-${name}/slow-index-log` },
      ES_APPLICATION_LOGS: { enabled: true, name: `/aws/opensearch/orders-${name}/error-log` },
    });
    for (const group of Object.values(groups).filter((g) => g.name.startsWith('/aws/opensearch/')))
      expect(group.retention_in_days).toBe(env.scale.search.logRetentionDays);
    // The log policy and the service-linked role exist before the domain is created.
    expect(domain.depends_on).toEqual([
      'aws_cloudwatch_log_resource_policy.search_log_policy',
      'aws_iam_service_linked_role.search_service_linked_role',
    ]);
    expect(onlyResource(json, 'aws_iam_service_linked_role').aws_service_name).toBe('opensearchservice.amazonaws.com');
  });
});

test("an account that already has OpenSearch's service-linked role does not create it again", () => {
  const exists = structuredClone(config);
  exists.environments.find((e) => e.name === 'staging')!.searchServiceLinkedRole = 'exists';
  const json = JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), 'staging', { config: exists, environment: 'staging' })));
  expect(json.resource).not.toHaveProperty('aws_iam_service_linked_role');
  expect(Object.values(json.resource.aws_opensearch_domain as Record<string, any>)[0].depends_on).toEqual([
    'aws_cloudwatch_log_resource_policy.search_log_policy',
  ]);
});
