import { ENVIRONMENTS, onlyResource, resourcesOf, synthEnvironment } from '../helpers/synth';
import { loadProjectConfig, topologyOf } from '../../config';

const config = loadProjectConfig();
const envOf = (name: string) => config.environments.find((e) => e.name === name)!;

describe.each(ENVIRONMENTS)('database of %s', (name) => {
  const json = synthEnvironment(name);
  const db = onlyResource(json, 'aws_db_instance');
  const env = envOf(name);

  test('runs the platform engine at its exact version, with minor upgrades off', () => {
    expect(db.engine).toBe('postgres');
    expect(db.engine_version).toBe(config.platform.database.engineVersion);
    expect(db.auto_minor_version_upgrade).toBe(false);
    expect(db.allow_major_version_upgrade).toBe(false);
  });

  test('encrypts storage and Performance Insights with the environment key', () => {
    expect(db.storage_encrypted).toBe(true);
    expect(db.kms_key_id).toMatch(/^\$\{aws_kms_key\..+\.arn\}$/);
    expect(db.performance_insights_enabled).toBe(true);
    expect(db.performance_insights_kms_key_id).toBe(db.kms_key_id);
  });

  test('lets RDS manage the master password: none in code or state', () => {
    expect(db.manage_master_user_password).toBe(true);
    expect(db).not.toHaveProperty('password');
    expect(db).not.toHaveProperty('password_wo');
  });

  test('is private and exports its logs', () => {
    expect(db.publicly_accessible).toBe(false);
    expect(db.enabled_cloudwatch_logs_exports).toEqual(['postgresql', 'upgrade']);
  });

  test('takes scale from the environment and topology from its parity group', () => {
    expect(db.instance_class).toBe(env.scale.database.instanceClass);
    expect(db.allocated_storage).toBe(env.scale.database.allocatedStorageGb);
    expect(db.deletion_protection).toBe(env.scale.database.deletionProtection);
    expect(db.skip_final_snapshot).toBe(!env.scale.database.finalSnapshot);
    expect(db.final_snapshot_identifier).toBe(env.scale.database.finalSnapshot ? `orders-${name}-final` : undefined);
    expect(db.multi_az).toBe(topologyOf(config, env).database.multiAz);
  });

  test('its parameter group carries every platform parameter and is replaced create-before-destroy', () => {
    const group = onlyResource(json, 'aws_db_parameter_group');
    expect(group.family).toBe('postgres16');
    expect(group.name_prefix).toBe(`orders-${name}-postgres16-`);
    expect(group.lifecycle).toEqual({ create_before_destroy: true });
    const parameters = Object.fromEntries(group.parameter.map((p: any) => [p.name, p.value]));
    expect(parameters).toMatchObject({
      log_lock_waits: '1',
      idle_in_transaction_session_timeout: '60000',
      shared_preload_libraries: 'pg_stat_statements',
    });
    expect(group.parameter).toHaveLength(Object.keys(config.platform.database.parameters).length);
  });
});

describe.each(ENVIRONMENTS)('cache of %s', (name) => {
  const json = synthEnvironment(name);
  const group = onlyResource(json, 'aws_elasticache_replication_group');
  const topology = topologyOf(config, envOf(name));

  test('is encrypted at rest and in transit', () => {
    expect(group.at_rest_encryption_enabled).toBe('true');
    expect(group.kms_key_id).toMatch(/aws_kms_key/);
    expect(group.transit_encryption_enabled).toBe(true);
    expect(group.transit_encryption_mode).toBe('required');
  });

  test('runs the platform engine and follows the group topology', () => {
    expect(group.engine).toBe(config.platform.cache.engine);
    expect(group.engine_version).toBe(config.platform.cache.engineVersion);
    expect(group.auto_minor_version_upgrade).toBe('false');
    expect(group.num_node_groups).toBe(topology.cache.shards);
    expect(group.replicas_per_node_group).toBe(topology.cache.replicasPerShard);
    expect(group.automatic_failover_enabled).toBe(topology.cache.automaticFailover);
  });

  test('its parameter group holds the platform parameters', () => {
    const parameters = Object.fromEntries(
      onlyResource(json, 'aws_elasticache_parameter_group').parameter.map((p: any) => [p.name, p.value]),
    );
    expect(parameters).toEqual({ 'cluster-enabled': 'yes', ...config.platform.cache.parameters });
  });
});

describe.each(ENVIRONMENTS)('search of %s', (name) => {
  const domain = onlyResource(synthEnvironment(name), 'aws_opensearch_domain');

  test('is encrypted, HTTPS only with a modern TLS policy, with fine-grained access control', () => {
    expect(domain.encrypt_at_rest).toEqual({ enabled: true, kms_key_id: expect.stringMatching(/aws_kms_key/) });
    expect(domain.node_to_node_encryption).toEqual({ enabled: true });
    expect(domain.domain_endpoint_options).toEqual({ enforce_https: true, tls_security_policy: 'Policy-Min-TLS-1-2-PFS-2023-10' });
    expect(domain.advanced_security_options.enabled).toBe(true);
    expect(domain.advanced_security_options.internal_user_database_enabled).toBe(false);
  });

  test('lives in the VPC, one subnet per zone', () => {
    const zones = topologyOf(config, envOf(name)).availabilityZones;
    expect(domain.vpc_options.subnet_ids).toHaveLength(zones);
    expect(domain.engine_version).toBe(config.platform.search.engineVersion);
  });
});

describe.each(ENVIRONMENTS)('network of %s', (name) => {
  const json = synthEnvironment(name);
  const subnets = (tier: string) => resourcesOf(json, 'aws_subnet').filter(([, s]) => s.tags.tier === tier);

  test(
    'nothing admits the internet: no public IPs, no ingress from an address range; the public subnets hold the NAT gateways ' + 'only',
    () => {
      expect(resourcesOf(json, 'aws_internet_gateway')).toHaveLength(1);
      for (const [, subnet] of resourcesOf(json, 'aws_subnet')) expect(subnet.map_public_ip_on_launch).toBe(false);
      for (const [, rule] of resourcesOf(json, 'aws_vpc_security_group_ingress_rule')) {
        expect(rule).not.toHaveProperty('cidr_ipv4');
        expect(rule).not.toHaveProperty('cidr_ipv6');
        expect(rule.referenced_security_group_id).toMatch(/^\$\{aws_security_group\.network_application\.id\}$/);
      }
      const publicSubnets = subnets('public').map(([id]) => `\${aws_subnet.${id}.id}`);
      const nats = resourcesOf(json, 'aws_nat_gateway');
      for (const [, nat] of nats) expect(publicSubnets).toContain(nat.subnet_id);
      // Every elastic IP belongs to a NAT gateway; nothing else in the stack is addressable from outside.
      expect(
        resourcesOf(json, 'aws_eip')
          .map(([id]) => `\${aws_eip.${id}.allocation_id}`)
          .sort(),
      ).toEqual(nats.map(([, n]) => n.allocation_id).sort());
      const publicRoutes = resourcesOf(json, 'aws_route').filter(([, r]) => r.gateway_id);
      expect(publicRoutes.map(([, r]) => r.gateway_id)).toEqual(['${aws_internet_gateway.network_internet.id}']);
    },
  );

  test('the data stores admit the application security group on their own port only', () => {
    const stores = resourcesOf(json, 'aws_vpc_security_group_ingress_rule').filter(([id]) => !id.startsWith('network_endpoints'));
    expect(stores.map(([, r]) => [r.from_port, r.to_port]).sort()).toEqual([
      [443, 443],
      [5432, 5432],
      [6379, 6379],
    ]);
  });

  test('has a private subnet in every zone of the topology', () => {
    const zones = topologyOf(config, envOf(name)).availabilityZones;
    expect(subnets('private').map(([, s]) => s.availability_zone)).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c'].slice(0, zones));
    expect(subnets('public').map(([, s]) => s.availability_zone)).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c'].slice(0, zones));
  });

  test('the application goes out to the integrations through a NAT gateway per zone in production, one in development', () => {
    const topology = topologyOf(config, envOf(name));
    const letters = ['a', 'b', 'c'].slice(0, topology.availabilityZones);
    const nats = resourcesOf(json, 'aws_nat_gateway').map(([id]) => id);
    expect(nats).toEqual(topology.network.natGateways === 'per-zone' ? letters.map((l) => `network_nat_${l}`) : ['network_nat_a']);
    const routes = Object.fromEntries(
      resourcesOf(json, 'aws_route')
        .filter(([, r]) => r.nat_gateway_id)
        .map(([id, r]) => [id, r]),
    );
    for (const l of letters) {
      const nat = topology.network.natGateways === 'per-zone' ? l : 'a';
      expect(routes[`network_private_${l}_default`]).toMatchObject({
        destination_cidr_block: '0.0.0.0/0',
        nat_gateway_id: `\${aws_nat_gateway.network_nat_${nat}.id}`,
        route_table_id: `\${aws_route_table.network_private_${l}_routes.id}`,
      });
      expect(onlyResourceNamed(json, 'aws_route_table_association', `network_private_${l}_routes_association`).subnet_id).toBe(
        `\${aws_subnet.network_private_${l}.id}`,
      );
    }
    const toInternet = resourcesOf(json, 'aws_vpc_security_group_egress_rule').filter(([, r]) => r.cidr_ipv4);
    expect(toInternet.map(([, r]) => [r.cidr_ipv4, r.from_port, r.to_port])).toEqual([['0.0.0.0/0', 443, 443]]);
  });

  test('SSM, Secrets Manager, KMS and CloudWatch Logs are interface endpoints, S3 a gateway endpoint: none leaves the VPC', () => {
    const endpoints = Object.fromEntries(resourcesOf(json, 'aws_vpc_endpoint').map(([, e]) => [e.service_name, e]));
    expect(Object.keys(endpoints).sort()).toEqual(
      ['ssm', 'secretsmanager', 'kms', 'logs', 's3'].map((s) => `com.amazonaws.eu-west-1.${s}`).sort(),
    );
    const privateSubnets = subnets('private').map(([id]) => `\${aws_subnet.${id}.id}`);
    for (const service of ['ssm', 'secretsmanager', 'kms', 'logs']) {
      expect(endpoints[`com.amazonaws.eu-west-1.${service}`]).toMatchObject({
        vpc_endpoint_type: 'Interface',
        private_dns_enabled: true,
        subnet_ids: privateSubnets,
        security_group_ids: ['${aws_security_group.network_endpoints.id}'],
      });
    }
    expect(endpoints['com.amazonaws.eu-west-1.s3']).toMatchObject({
      vpc_endpoint_type: 'Gateway',
      route_table_ids: subnets('private').map(([id]) => `\${aws_route_table.${id}_routes.id}`),
    });
    expect(onlyResourceNamed(json, 'aws_vpc_security_group_ingress_rule', 'network_endpoints_from_application')).toMatchObject({
      from_port: 443,
      to_port: 443,
      referenced_security_group_id: '${aws_security_group.network_application.id}',
    });
  });
});

function onlyResourceNamed(json: ReturnType<typeof synthEnvironment>, type: string, id: string): Record<string, any> {
  const found = json.resource[type]?.[id];
  if (!found) throw new Error(`no ${type}.${id}`);
  return found;
}
