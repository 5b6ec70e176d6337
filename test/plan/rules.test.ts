/** Each rule of the pack on changes shaped as Terraform writes them; the pack itself. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { actionKind } from '../../packages/parity/src/plan-review/action-reasons';
import type { RawChange } from '../../packages/parity/src/shared/plan/plan-json';
import { planReviewPack } from '../../packages/parity/src/plan-review/rule-pack';
import type { RuleResult, RuleSubject } from '../../packages/parity/src/plan-review/rule-support/rule-subject';

function subject(type: string, actions: string[], change: Omit<RawChange, 'actions'>, extra: Partial<RuleSubject> = {}): RuleSubject {
  return {
    block: 'resource',
    address: `${type}.this`,
    type,
    kind: actionKind(actions),
    actions,
    replacePaths: change.replace_paths ?? [],
    change: { actions, ...change },
    ...extra,
  };
}

function rule(id: string): (s: RuleSubject) => RuleResult {
  const packed = planReviewPack.find((r) => r.rule.meta.id === id);
  if (!packed) throw new Error(`no rule ${id}`);
  return (s) => packed.rule.check(s);
}

const db = (over: Record<string, unknown> = {}) => ({
  engine: 'postgres',
  engine_version: '16.8',
  storage_encrypted: true,
  deletion_protection: true,
  parameter_group_name: 'orders-pg16',
  ...over,
});

describe('the pack', () => {
  test('every rule id is the name of its file in packages/parity/src/plan-review/rules/, and every rule there is in the pack', () => {
    const files = readdirSync(join(__dirname, '../../packages/parity/src/plan-review/rules')).map((f) => f.replace(/\.ts$/, ''));
    for (const packed of planReviewPack) expect(files).toContain(packed.rule.meta.id);
    expect(planReviewPack.map((r) => r.rule.meta.id).sort()).toEqual([...files].sort());
    expect(new Set(planReviewPack.map((r) => r.rule.meta.id)).size).toBe(planReviewPack.length);
  });

  test.each(planReviewPack.map((r) => [r.rule.meta.id, r]))('%s has a level and a why', (_id, packed) => {
    expect(['block', 'warn', 'info']).toContain(packed.level);
    expect(packed.rule.meta.why.length).toBeGreaterThan(30);
  });
});

describe.each<[string, RuleSubject, RuleResult]>([
  [
    'stateful-resource-replaced',
    subject(
      'aws_db_instance',
      ['delete', 'create'],
      { before: db(), after: db({ engine: 'aurora-postgresql' }), replace_paths: [['engine']] },
      { actionReason: 'replace_because_cannot_update' },
    ),
    {
      status: 'fail',
      failures: [
        {
          message:
            'aws_db_instance.this is replaced (delete then create): `engine` changed: this replaces the database (the provider ' +
            'cannot make this change in place).',
        },
      ],
    },
  ],
  [
    'stateful-resource-replaced',
    subject('aws_dynamodb_table', ['create', 'delete'], { before: {}, after: {} }, { actionReason: 'replace_by_request' }),
    {
      status: 'fail',
      failures: [
        {
          message:
            'aws_dynamodb_table.this is replaced (create then delete): this replaces the table and its items (replacement was ' +
            'requested (`-replace`)).',
        },
      ],
    },
  ],
  [
    'stateful-resource-replaced',
    subject('aws_db_instance', ['update'], { before: db({ identifier: 'a' }), after: db({ identifier: 'b' }) }),
    { status: 'pass' },
  ],
  [
    'stateful-resource-replaced',
    subject('aws_db_subnet_group', ['delete', 'create'], { before: {}, after: {} }),
    { status: 'not-applicable' },
  ],
  [
    'stateful-resource-replaced',
    subject('aws_rds_db_instance', ['delete', 'create'], { before: {}, after: {} }),
    { status: 'not-applicable' },
  ],
  [
    'stateful-resource-deleted',
    subject(
      'aws_opensearch_domain',
      ['delete'],
      { before: { domain_name: 'x' }, after: null },
      { actionReason: 'delete_because_no_resource_config' },
    ),
    {
      status: 'fail',
      failures: [
        {
          message:
            'aws_opensearch_domain.this is deleted: this deletes the search domain and its indices: ' +
            'the resource is no longer in the configuration.',
        },
      ],
    },
  ],
  ['stateful-resource-deleted', subject('aws_kms_key', ['create'], { before: null, after: {} }), { status: 'pass' }],
  [
    'engine-major-upgrade',
    subject('aws_db_instance', ['update'], { before: db({ engine_version: '16.8' }), after: db({ engine_version: '17.2' }) }),
    { status: 'fail', failures: [{ message: 'aws_db_instance.this moves `engine_version` from 16.8 to 17.2, a major version upgrade.' }] },
  ],
  [
    'engine-major-upgrade',
    subject('aws_db_instance', ['update'], { before: db({ engine_version: '9.6.24' }), after: db({ engine_version: '9.6.27' }) }),
    { status: 'pass' },
  ],
  [
    'engine-major-upgrade',
    subject('aws_db_instance', ['update'], {
      before: db({ engine: 'mysql', engine_version: '8.0.36' }),
      after: db({ engine: 'mysql', engine_version: '8.4.3' }),
    }),
    {
      status: 'fail',
      failures: [{ message: 'aws_db_instance.this moves `engine_version` from 8.0.36 to 8.4.3, a major version upgrade.' }],
    },
  ],
  [
    'engine-major-upgrade',
    subject('aws_elasticsearch_domain', ['update'], { before: { elasticsearch_version: '6.8' }, after: { elasticsearch_version: '7.10' } }),
    {
      status: 'fail',
      failures: [{ message: 'aws_elasticsearch_domain.this moves `elasticsearch_version` from 6.8 to 7.10, a major version upgrade.' }],
    },
  ],
  [
    'engine-major-upgrade',
    subject('aws_db_instance', ['update'], { before: db(), after: db({ engine_version: null }), after_unknown: { engine_version: true } }),
    { status: 'unknown', reason: 'cannot compare `engine_version` of aws_db_instance.this: the new value is known only after apply.' },
  ],
  ['engine-major-upgrade', subject('aws_db_instance', ['create'], { before: null, after: db() }), { status: 'not-applicable' }],
  [
    'engine-minor-upgrade',
    subject('aws_elasticache_replication_group', ['update'], {
      before: { engine: 'valkey', engine_version: '7.2' },
      after: { engine: 'valkey', engine_version: '7.3' },
    }),
    {
      status: 'fail',
      failures: [
        {
          message:
            'aws_elasticache_replication_group.this moves `engine_version` from 7.2 to 7.3, a minor version change: the engine restarts.',
        },
      ],
    },
  ],
  [
    'engine-minor-upgrade',
    subject('aws_db_instance', ['update'], { before: db({ engine_version: '16.8' }), after: db({ engine_version: '17.2' }) }),
    { status: 'pass' },
  ],
  [
    'db-parameter-needs-reboot',
    subject('aws_db_parameter_group', ['update'], {
      before: { parameter: [{ name: 'shared_buffers', value: '1024', apply_method: 'pending-reboot' }] },
      after: { parameter: [{ name: 'shared_buffers', value: '2048', apply_method: 'pending-reboot' }] },
    }),
    {
      status: 'fail',
      failures: [
        {
          message:
            'aws_db_parameter_group.this changes `shared_buffers` 1024 → 2048 with apply_method pending-reboot: ' +
            'the instances using it run the old value until they are rebooted.',
        },
      ],
    },
  ],
  [
    'db-parameter-needs-reboot',
    subject('aws_db_parameter_group', ['update'], {
      before: { parameter: [{ name: 'work_mem', value: '4096', apply_method: 'immediate' }] },
      after: { parameter: [{ name: 'work_mem', value: '8192', apply_method: 'immediate' }] },
    }),
    { status: 'pass' },
  ],
  [
    'db-parameter-needs-reboot',
    subject('aws_db_instance', ['update'], { before: db(), after: db({ parameter_group_name: 'orders-pg16-v2' }) }),
    {
      status: 'fail',
      failures: [
        {
          message:
            'aws_db_instance.this switches parameter group from orders-pg16 to orders-pg16-v2: ' +
            'static parameters of the new group apply only after a reboot.',
        },
      ],
    },
  ],
  [
    'db-parameter-needs-reboot',
    subject('aws_db_instance', ['update'], {
      before: db(),
      after: db({ parameter_group_name: null }),
      after_unknown: { parameter_group_name: true },
    }),
    {
      status: 'unknown',
      reason:
        'cannot tell whether aws_db_instance.this gets another parameter group: the new `parameter_group_name` is known only after apply.',
    },
  ],
  [
    'deletion-protection-disabled',
    subject('aws_rds_cluster', ['update'], { before: { deletion_protection: true }, after: { deletion_protection: false } }),
    {
      status: 'fail',
      failures: [{ message: 'aws_rds_cluster.this: `deletion_protection` (deletion protection) goes from true to false.' }],
    },
  ],
  [
    'deletion-protection-disabled',
    subject('aws_rds_cluster', ['update'], { before: { deletion_protection: false }, after: { deletion_protection: false } }),
    { status: 'not-applicable' },
  ],
  [
    'deletion-protection-disabled',
    subject('aws_rds_cluster', ['update'], { before: { deletion_protection: true }, after: { deletion_protection: true } }),
    { status: 'pass' },
  ],
  [
    'encryption-disabled',
    subject('aws_elasticache_replication_group', ['update'], {
      before: { transit_encryption_enabled: true },
      after: { transit_encryption_enabled: false },
    }),
    {
      status: 'fail',
      failures: [
        {
          message: 'aws_elasticache_replication_group.this: `transit_encryption_enabled` (encryption in transit) goes from true to false.',
        },
      ],
    },
  ],
  [
    'encryption-disabled',
    subject('aws_opensearch_domain', ['update'], {
      before: { encrypt_at_rest: [{ enabled: true }] },
      after: { encrypt_at_rest: [{ enabled: false }] },
    }),
    {
      status: 'fail',
      failures: [{ message: 'aws_opensearch_domain.this: `encrypt_at_rest[0].enabled` (encryption at rest) goes from true to false.' }],
    },
  ],
  [
    'encryption-disabled',
    subject('aws_db_instance', ['update'], {
      before: db(),
      after: db({ storage_encrypted: null }),
      after_unknown: { storage_encrypted: true },
    }),
    {
      status: 'unknown',
      reason: 'cannot tell whether aws_db_instance.this stays protected: the new `storage_encrypted` is known only after apply.',
    },
  ],
  [
    'security-group-open-to-world',
    subject('aws_security_group_rule', ['create'], {
      before: null,
      after: { type: 'ingress', cidr_blocks: ['10.0.0.0/8', '0.0.0.0/0'], from_port: 5432, to_port: 5432 },
    }),
    {
      status: 'fail',
      failures: [{ message: 'aws_security_group_rule.this opens ingress to the internet: 0.0.0.0/0 on ports 5432-5432 (`cidr_blocks`).' }],
    },
  ],
  [
    'security-group-open-to-world',
    subject('aws_security_group_rule', ['create'], {
      before: null,
      after: { type: 'egress', cidr_blocks: ['0.0.0.0/0'], from_port: 0, to_port: 0 },
    }),
    { status: 'pass' },
  ],
  [
    'security-group-open-to-world',
    subject('aws_vpc_security_group_ingress_rule', ['create'], {
      before: null,
      after: { cidr_ipv6: null, from_port: 443, to_port: 443 },
      after_unknown: { cidr_ipv6: true },
    }),
    {
      status: 'unknown',
      reason:
        'cannot tell whether aws_vpc_security_group_ingress_rule.this opens ingress to the internet: ' +
        '`cidr_ipv6` is known only after apply.',
    },
  ],
  [
    'security-group-open-to-world',
    subject('aws_security_group', ['update'], {
      before: { ingress: [{ cidr_blocks: ['0.0.0.0/0'], from_port: 443, to_port: 443 }] },
      after: { ingress: [{ cidr_blocks: ['0.0.0.0/0'], from_port: 443, to_port: 443 }], name: 'x' },
    }),
    { status: 'pass' },
  ],
  [
    'security-group-open-to-world',
    subject('aws_security_group', ['create'], { before: null, after: { name: 'x' }, after_unknown: { ingress: true } }),
    { status: 'not-applicable' },
  ],
  [
    'ssm-key-deleted',
    subject('aws_ssm_parameter', ['delete'], { before: { name: '/orders/prod/LOG_LEVEL', value: 'info' }, after: null }),
    {
      status: 'fail',
      failures: [
        {
          message:
            'SSM key `/orders/prod/LOG_LEVEL` is deleted (aws_ssm_parameter.this): applications that read it fail at their next start.',
        },
      ],
    },
  ],
  [
    'ssm-key-deleted',
    subject('aws_ssm_parameter', ['delete'], { before: { name: '/orders/prod/X' }, after: null, before_sensitive: { name: true } }),
    {
      status: 'fail',
      failures: [
        {
          message:
            'SSM key aws_ssm_parameter.this is deleted (aws_ssm_parameter.this): applications that read it fail at their next start.',
        },
      ],
    },
  ],
  [
    'unrecognized-action',
    subject('aws_db_instance', ['replace'], { before: {}, after: {} }),
    {
      status: 'unknown',
      reason: 'aws_db_instance.this has actions ["replace"], which Terraform does not write: cannot tell what the plan does to it.',
    },
  ],
  ['unrecognized-action', subject('aws_db_instance', ['forget'], { before: {}, after: null }), { status: 'pass' }],
])('%s', (id, input, expected) => {
  test(`${input.type} ${input.actions.join('+')} → ${expected.status}`, () => {
    expect(rule(id)(input)).toEqual(expected);
  });
});
