/**
 * cdk-nag-style properties over every resource of every environment's stack (not a list of the
 * resources known today): everything that stores data is encrypted with the environment's key,
 * nothing admits the internet, and every IAM statement is scoped.
 */
import { ENVIRONMENTS, resourcesOf, synthEnvironment, type TerraformJson } from '../helpers/synth';

const KEY = /^\$\{aws_kms_key\.encryption\.arn\}$/;

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: string | string[];
  Principal?: Record<string, string | string[]> | '*';
  Condition?: Record<string, unknown>;
  Sid?: string;
}

/** Every IAM policy document in the stack, wherever a resource holds one, with where it is. */
function policyDocuments(json: TerraformJson): { where: string; statements: Statement[] }[] {
  const documents: { where: string; statements: Statement[] }[] = [];
  const visit = (where: string, value: unknown): void => {
    if (typeof value === 'string' && value.startsWith('{') && value.includes('"Statement"')) {
      documents.push({ where, statements: (JSON.parse(value) as { Statement: Statement[] }).Statement });
    } else if (Array.isArray(value)) for (const [i, v] of value.entries()) visit(`${where}.${i}`, v);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(`${where}.${k}`, v);
  };
  for (const [type, byId] of Object.entries(json.resource)) for (const [id, body] of Object.entries(byId)) visit(`${type}.${id}`, body);
  return documents;
}

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Allow statements granting every action, or any resource without a read-only, key-policy or conditioned action. */
function privilegeProblems(documents: readonly { where: string; statements: Statement[] }[]): string[] {
  return documents.flatMap(({ where, statements }) =>
    statements
      .filter((s) => s.Effect === 'Allow')
      .flatMap((s) => {
        const actions = list(s.Action);
        if (actions.some((a) => a === '*' || a === '*:*')) return [`${where}: allows every action`];
        // On a key policy `*` is this key; the account root administering its key is AWS's default key policy.
        const keyPolicy = where.startsWith('aws_kms_key.');
        const scoped = keyPolicy || s.Condition !== undefined || actions.every((a) => /:(Describe|List|Get)/.test(a));
        return list(s.Resource).includes('*') && !scoped ? [`${where}: ${actions.join(', ')} on every resource`] : [];
      }),
  );
}

test('the privilege check finds a statement allowing everything, and a write on every resource', () => {
  const bad = [
    {
      where: 'aws_iam_role_policy.x.policy',
      statements: [
        { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b' },
        { Effect: 'Allow', Action: ['s3:PutObject'], Resource: '*' },
        { Effect: 'Allow', Action: ['ec2:DescribeVpcs'], Resource: '*' },
      ],
    },
  ];
  expect(privilegeProblems(bad)).toEqual([
    'aws_iam_role_policy.x.policy: allows every action',
    'aws_iam_role_policy.x.policy: s3:PutObject on every resource',
  ]);
});

describe.each(ENVIRONMENTS)('%s: encryption', (name) => {
  const json = synthEnvironment(name);

  test(
    'the database, its secret and Performance Insights, the cache, search, topic, SecureStrings and log groups use the ' +
      'environment key',
    () => {
      for (const [, db] of resourcesOf(json, 'aws_db_instance'))
        expect([db.storage_encrypted, db.kms_key_id, db.master_user_secret_kms_key_id, db.performance_insights_kms_key_id]).toEqual([
          true,
          expect.stringMatching(KEY),
          expect.stringMatching(KEY),
          expect.stringMatching(KEY),
        ]);
      for (const [, group] of resourcesOf(json, 'aws_elasticache_replication_group'))
        expect([group.at_rest_encryption_enabled, group.transit_encryption_enabled, group.kms_key_id]).toEqual([
          'true',
          true,
          expect.stringMatching(KEY),
        ]);
      for (const [, domain] of resourcesOf(json, 'aws_opensearch_domain'))
        expect([
          domain.encrypt_at_rest.kms_key_id,
          domain.node_to_node_encryption.enabled,
          domain.domain_endpoint_options.enforce_https,
        ]).toEqual([expect.stringMatching(KEY), true, true]);
      for (const [, topic] of resourcesOf(json, 'aws_sns_topic')) expect(topic.kms_master_key_id).toMatch(KEY);
      for (const [, p] of resourcesOf(json, 'aws_ssm_parameter').filter(([, p]) => p.type === 'SecureString'))
        expect(p.key_id).toMatch(KEY);
      const logGroups = resourcesOf(json, 'aws_cloudwatch_log_group');
      expect(logGroups.length).toBeGreaterThan(0);
      for (const [, group] of logGroups)
        expect([group.kms_key_id, typeof group.retention_in_days]).toEqual([expect.stringMatching(KEY), 'number']);
    },
  );

  test('the key rotates, and the services it admits are named, CloudWatch Logs only for this account', () => {
    const [[, key]] = resourcesOf(json, 'aws_kms_key') as [[string, Record<string, any>]];
    expect(key.enable_key_rotation).toBe(true);
    const statements = (JSON.parse(key.policy) as { Statement: Statement[] }).Statement;
    for (const s of statements) expect(s.Principal).not.toBe('*');
    const logs = statements.find((s) => s.Sid === 'CloudWatchLogsEncryptsThisAccountsLogGroups')!;
    expect(logs.Condition).toEqual({
      ArnLike: { 'kms:EncryptionContext:aws:logs:arn': expect.stringMatching(/^arn:aws:logs:eu-west-1:\d{12}:log-group:\*$/) },
    });
  });
});

describe.each(ENVIRONMENTS)('%s: no public access', (name) => {
  const json = synthEnvironment(name);

  test('no public IP on launch, no public database, search in the VPC, no ingress from an address range', () => {
    for (const [, subnet] of resourcesOf(json, 'aws_subnet')) expect(subnet.map_public_ip_on_launch).toBe(false);
    for (const [, db] of resourcesOf(json, 'aws_db_instance')) expect(db.publicly_accessible).toBe(false);
    for (const [, domain] of resourcesOf(json, 'aws_opensearch_domain')) expect(domain.vpc_options.subnet_ids.length).toBeGreaterThan(0);
    for (const [, group] of resourcesOf(json, 'aws_security_group')) {
      expect(group).not.toHaveProperty('ingress');
      expect(group).not.toHaveProperty('egress');
    }
    for (const [, rule] of resourcesOf(json, 'aws_vpc_security_group_ingress_rule'))
      expect([rule.cidr_ipv4, rule.cidr_ipv6, rule.prefix_list_id]).toEqual([undefined, undefined, undefined]);
  });

  test('the only way to the internet is the application on the integrations port, through a NAT gateway', () => {
    const open = resourcesOf(json, 'aws_vpc_security_group_egress_rule').filter(([, r]) => r.cidr_ipv4 || r.cidr_ipv6);
    expect(open.map(([id, r]) => [id, r.security_group_id, r.ip_protocol, r.from_port])).toEqual([
      ['network_application_to_internet_443', '${aws_security_group.network_application.id}', 'tcp', 443],
    ]);
    const defaults = resourcesOf(json, 'aws_route').filter(([, r]) => r.destination_cidr_block === '0.0.0.0/0');
    for (const [id, route] of defaults)
      expect(id === 'network_public_default' ? route.gateway_id : route.nat_gateway_id).toMatch(/^\$\{aws_(internet|nat)_gateway\./);
  });
});

describe.each(ENVIRONMENTS)('%s: least privilege', (name) => {
  const documents = policyDocuments(synthEnvironment(name));

  test('every policy document is found (roles, inline and resource policies)', () => {
    expect(documents.map((d) => d.where.split('.').slice(0, 2).join('.')).sort()).toEqual(
      expect.arrayContaining([
        'aws_iam_role.application',
        'aws_iam_role.database_monitoring',
        'aws_iam_role.drift_reader',
        'aws_iam_role_policy.drift_reader_policy',
        'aws_kms_key.encryption',
        'aws_opensearch_domain_policy.search_access_policy',
        'aws_cloudwatch_log_resource_policy.search_log_policy',
      ]),
    );
  });

  test('no statement allows every action, and a wildcard resource only comes with a service-scoped action', () => {
    expect(privilegeProblems(documents)).toEqual([]);
  });

  test('no policy names a resource of any region or any account', () => {
    const text = JSON.stringify(documents);
    expect(text.match(/arn:aws[a-z-]*:[a-z0-9-]+:(\*|[a-z0-9-]*):(\*):[^"]*|arn:aws[a-z-]*:[a-z0-9-]+:\*:[^"]*/g) ?? []).toEqual([]);
  });

  test('trust policies name one service or role, and service trust is held to this account where AWS supports it', () => {
    const trusts = documents.filter((d) => d.where.endsWith('.assume_role_policy'));
    expect(trusts.length).toBeGreaterThanOrEqual(3);
    for (const { where, statements } of trusts) {
      for (const s of statements) {
        expect(s.Principal).not.toBe('*');
        expect(
          Object.values(s.Principal as Record<string, string>)
            .flatMap(list)
            .every((p) => p !== '*'),
        ).toBe(true);
        if (where.startsWith('aws_iam_role.database_monitoring'))
          expect(s.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': expect.stringMatching(/^\d{12}$/) } });
      }
    }
  });

  test('OpenSearch may write only to its own log groups, for this domain of this account', () => {
    const [policy] = documents.filter((d) => d.where.startsWith('aws_cloudwatch_log_resource_policy.'));
    const [statement] = policy!.statements;
    expect(statement).toMatchObject({ Principal: { Service: 'es.amazonaws.com' }, Action: ['logs:PutLogEvents', 'logs:CreateLogStream'] });
    expect(list(statement!.Resource).every((r) => /^\$\{aws_cloudwatch_log_group\.search_[a-z_]+\.arn\}:\*$/.test(r))).toBe(true);
    expect(statement!.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': expect.stringMatching(/^\d{12}$/) },
      ArnLike: {
        'aws:SourceArn': `arn:aws:es:eu-west-1:${(statement!.Condition as any).StringEquals['aws:SourceAccount']}:domain/orders-${name}`,
      },
    });
  });
});
