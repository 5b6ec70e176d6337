import { declaredSsmKeys, loadProjectConfig, rawProjectConfig, validateProjectConfig } from '../../config';
import { SECURE_STRING_PLACEHOLDER } from '../../constructs/parameters';
import { ENVIRONMENTS, resourcesOf, synthEnvironment } from '../helpers/synth';
import { Testing } from 'cdktf';
import { EnvironmentStack } from '../../stacks/environment-stack';

const config = loadProjectConfig();

describe.each(ENVIRONMENTS)('parameters of %s', (name) => {
  const json = synthEnvironment(name);
  const parameters = resourcesOf(json, 'aws_ssm_parameter').map(([, p]) => p);

  test('one parameter per declared key under /{app}/{env}/', () => {
    expect(parameters.map((p) => p.name).sort()).toEqual(
      declaredSsmKeys(config.platform)
        .map((k) => `/orders/${name}/${k.key}`)
        .sort(),
    );
  });

  test('a SecureString holds only the write-only placeholder, never a value', () => {
    const secure = parameters.filter((p) => p.type === 'SecureString');
    expect(secure.map((p) => p.name.split('/').pop()).sort()).toEqual([
      'ADDRESS_VERIFICATION_API_KEY',
      'PAYMENTS_API_KEY',
      'SESSION_SIGNING_SECRET',
    ]);
    for (const p of secure) {
      expect(p).not.toHaveProperty('value');
      expect(p).not.toHaveProperty('insecure_value');
      expect(p.value_wo).toBe(SECURE_STRING_PLACEHOLDER);
      expect(p.value_wo_version).toBe(1);
      expect(p.key_id).toMatch(/aws_kms_key/);
    }
  });

  test('publishes the data store and integration endpoints', () => {
    const byKey = Object.fromEntries(parameters.map((p) => [p.name.split('/').pop(), p.value]));
    expect(byKey.DATABASE_ENDPOINT).toMatch(/^\$\{aws_db_instance\..+\.endpoint\}$/);
    expect(byKey.CACHE_ENDPOINT).toMatch(/configuration_endpoint_address/);
    expect(byKey.SEARCH_ENDPOINT).toMatch(/aws_opensearch_domain\..+\.endpoint/);
    expect(byKey.PAYMENTS_ENDPOINT).toBe(config.environments.find((e) => e.name === name)!.integrations.payments);
  });
});

describe('secrets are absent from the synthesized JSON', () => {
  test.each(ENVIRONMENTS)('%s: no password or secret value anywhere', (name) => {
    const text = JSON.stringify(synthEnvironment(name));
    expect(text).not.toMatch(/"(master_)?password"\s*:/);
    expect(text).not.toMatch(/sk_live|BEGIN (RSA )?PRIVATE KEY/);
  });
});

describe.each(ENVIRONMENTS)('alarms of %s', (name) => {
  const json = synthEnvironment(name);
  const alarms = resourcesOf(json, 'aws_cloudwatch_metric_alarm').map(([, a]) => a);
  const env = config.environments.find((e) => e.name === name)!;

  test('the same alarm set as every environment, each on the one topic', () => {
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual(config.platform.alarms.map((a) => `orders-${name}-${a.id}`).sort());
    const topics = resourcesOf(json, 'aws_sns_topic');
    expect(topics).toHaveLength(1);
    for (const alarm of alarms) expect(alarm.alarm_actions).toEqual([`\${aws_sns_topic.${topics[0]![0]}.arn}`]);
  });

  test('thresholds come from the environment; connections are a share of max_connections', () => {
    const byId = Object.fromEntries(alarms.map((a) => [a.alarm_name.replace(`orders-${name}-`, ''), a]));
    expect(byId['db-cpu'].threshold).toBe(env.scale.alarms.thresholds['db-cpu']);
    expect(byId['db-connections'].threshold).toBe(Math.floor((400 * env.scale.alarms.thresholds['db-connections']!) / 100));
  });

  test('lock waits are watched through the Performance Insights counter', () => {
    const blocked = alarms.find((a) => a.alarm_name.endsWith('db-blocked-transactions'))!;
    expect(blocked.metric_query[0].expression).toMatch(
      /^DB_PERF_INSIGHTS\('RDS', '\$\{aws_db_instance\..+\.resource_id\}', 'db\.Transactions\.blocked_transactions\.avg'\)$/,
    );
  });

  test('NAT gateway errors and dropped packets are summed over every NAT gateway of the environment', () => {
    const nats = resourcesOf(json, 'aws_nat_gateway').map(([id]) => `\${aws_nat_gateway.${id}.id}`);
    for (const id of ['nat-port-allocation-errors', 'nat-packets-dropped']) {
      const alarm = alarms.find((a) => a.alarm_name === `orders-${name}-${id}`)!;
      const metrics = alarm.metric_query.filter((q: any) => q.metric);
      expect(metrics.map((q: any) => q.metric.dimensions.NatGatewayId)).toEqual(nats);
      expect(metrics.every((q: any) => q.metric.namespace === 'AWS/NATGateway' && q.return_data === false)).toBe(true);
      expect(alarm.metric_query.at(-1)).toMatchObject({
        expression: `SUM([${nats.map((_, i) => `nat_${i}`).join(', ')}])`,
        return_data: true,
      });
      expect(alarm.threshold).toBe(env.scale.alarms.thresholds[id]);
    }
  });

  test('notifications go to the environment targets, over an encrypted topic', () => {
    expect(resourcesOf(json, 'aws_sns_topic_subscription').map(([, s]) => s.endpoint)).toEqual(env.scale.alarms.notificationEmails);
    expect(resourcesOf(json, 'aws_sns_topic')[0]![1].kms_master_key_id).toMatch(/aws_kms_key/);
  });
});

describe('construct validation reports every broken rule, prop names in backticks', () => {
  test('a network and a database in one zone: each construct reports its own rule, and synth refuses', () => {
    const bad: any = structuredClone(config);
    bad.topologies.production.availabilityZones = 1;
    const app = Testing.app();
    const stack = new EnvironmentStack(app, 'prod', { config: bad, environment: 'prod' });
    expect(stack.platform.network.node.validate()).toEqual([
      '`availabilityZoneCount` must be 2 to 6 (subnet groups need two zones), got 1',
    ]);
    expect(stack.platform.database.node.validate()).toEqual(['`subnetIds` must name subnets in at least two zones, got 1']);
    expect(() => app.synth()).toThrow(/availabilityZoneCount/);
  });

  test('rules the config already enforces are not repeated by the constructs', () => {
    const bad: any = structuredClone(config);
    bad.environments[2].scale.database.maxAllocatedStorageGb = 100;
    const stack = new EnvironmentStack(Testing.app(), 'prod', { config: bad, environment: 'prod' });
    expect(stack.platform.database.node.validate()).toEqual([]);
    expect(() => validateProjectConfig({ ...rawProjectConfig, environments: bad.environments })).toThrow(
      '`scale.database.maxAllocatedStorageGb`: expected at least `allocatedStorageGb` (1000), found 100',
    );
  });

  test('search data nodes that do not spread over the zones', () => {
    const bad: any = structuredClone(config);
    bad.environments[2].scale.search.instanceCount = 4;
    const stack = new EnvironmentStack(Testing.app(), 'prod', { config: bad, environment: 'prod' });
    expect(stack.platform.search.node.validate()).toEqual(['`instanceCount` must be a multiple of the zone count (3), got 4']);
  });
});

test('the connection alarm needs max_connections: without it validation says where to set it', () => {
  const bad: any = structuredClone(config);
  delete bad.platform.database.parameters.max_connections;
  const stack = new EnvironmentStack(Testing.app(), 'prod', { config: bad, environment: 'prod' });
  expect(stack.platform.alarms.node.validate()).toEqual([
    '`targets.databaseMaxConnections` must be known for the `db-connections` alarm: set the `max_connections` parameter in ' +
      'config/platform.ts',
  ]);
});
