/**
 * Writes a large, realistic `terraform show -json` plan for the plan review benchmark: every
 * resource appears in prior_state, planned_values, resource_changes and configuration, as in a
 * real plan, with a mix of no-ops, updates, replacements, creates and deletions, sensitive and
 * unknown values. Streams to disk, so generating 100 MB needs little memory.
 *
 *   npx tsx bench/plan-generate.ts OUT.json TARGET_MB
 */
import { closeSync, openSync, statSync, writeSync } from 'node:fs';

const [out, targetMb] = [process.argv[2], Number(process.argv[3] ?? 100)];
if (!out || !(targetMb > 0)) {
  process.stderr.write('usage: npx tsx bench/plan-generate.ts OUT.json TARGET_MB\n');
  process.exit(2);
}

function resource(i: number) {
  const kind = i % 4;
  const type = ['aws_ssm_parameter', 'aws_cloudwatch_metric_alarm', 'aws_vpc_security_group_ingress_rule', 'aws_db_instance'][kind]!;
  const name = `r${i}`;
  const address = `module.shard_${i % 50}.${type}.${name}`;
  const values: Record<string, unknown> =
    kind === 0
      ? {
          name: `/orders/prod/KEY_${i}`,
          type: i % 3 === 0 ? 'SecureString' : 'String',
          value: `value-${i}-${'x'.repeat(40)}`,
          tier: 'Standard',
          description: `Setting number ${i} of the orders service`,
          tags: { application: 'orders', environment: 'prod' },
        }
      : kind === 1
        ? {
            alarm_name: `orders-prod-alarm-${i}`,
            comparison_operator: 'GreaterThanThreshold',
            evaluation_periods: 3,
            metric_name: 'CPUUtilization',
            namespace: 'AWS/RDS',
            period: 300,
            statistic: 'Average',
            threshold: 80,
            alarm_actions: [`arn:aws:sns:eu-west-1:333333333333:orders-prod-${i % 7}`],
            dimensions: { DBInstanceIdentifier: 'orders-prod' },
            tags: { application: 'orders' },
          }
        : kind === 2
          ? {
              cidr_ipv4: `10.${i % 250}.0.0/16`,
              from_port: 5432,
              to_port: 5432,
              ip_protocol: 'tcp',
              security_group_id: `sg-${(i * 7919).toString(16).padStart(12, '0')}`,
              description: 'application to database',
            }
          : {
              identifier: `orders-prod-${i}`,
              engine: 'postgres',
              engine_version: '16.8',
              instance_class: 'db.r6g.large',
              allocated_storage: 200,
              storage_encrypted: true,
              deletion_protection: true,
              parameter_group_name: 'orders-prod-pg16',
              password: `pw-${i}`,
              tags: { application: 'orders', environment: 'prod' },
            };
  const roll = i % 20;
  let actions = ['no-op'];
  let after: Record<string, unknown> | null = values;
  let before: Record<string, unknown> | null = values;
  if (roll === 1) {
    actions = ['update'];
    after = { ...values, tags: { ...(values.tags as object), owner: 'team-orders' } };
  } else if (roll === 2) {
    actions = ['create'];
    before = null;
  } else if (roll === 5 || roll === 8) {
    // alarms (i % 4 = 1) and SSM keys (i % 4 = 0) deleted
    actions = ['delete'];
    after = null;
  } else if (roll === 7) {
    // databases (i % 4 = 3) replaced with storage encryption off
    actions = ['delete', 'create'];
    after = { ...values, storage_encrypted: false };
  }
  const sensitive = kind === 0 ? { value: true } : kind === 3 ? { password: true } : {};
  const change: Record<string, unknown> = {
    actions,
    before,
    after,
    after_unknown: after ? { id: true, arn: true } : {},
    before_sensitive: before ? sensitive : false,
    after_sensitive: after ? sensitive : false,
  };
  if (actions.length === 2) change.replace_paths = [['storage_encrypted']];
  const rc: Record<string, unknown> = {
    address,
    module_address: `module.shard_${i % 50}`,
    mode: 'managed',
    type,
    name,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change,
  };
  if (actions.length === 2) rc.action_reason = 'replace_because_cannot_update';
  if (actions[0] === 'delete' && actions.length === 1) rc.action_reason = 'delete_because_no_resource_config';
  const stateEntry = {
    address,
    mode: 'managed',
    type,
    name,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    schema_version: 0,
    values: { ...values, id: `${name}-id`, arn: `arn:aws:x:eu-west-1:333333333333:${name}` },
    sensitive_values: sensitive,
  };
  const config = {
    address: `${type}.${name}`,
    mode: 'managed',
    type,
    name,
    provider_config_key: 'aws',
    expressions: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { constant_value: v }])),
    schema_version: 0,
  };
  return { rc, stateEntry, config, created: before === null, deleted: after === null };
}

const fd = openSync(out, 'w');
const write = (text: string) => writeSync(fd, text);
const target = targetMb * 1024 * 1024;
// Each resource costs about 2.4 KB over the four sections.
const count = Math.max(10, Math.round(target / 2480));
const sections: [string, (i: number) => string | undefined][] = [
  [
    'prior_state',
    (i) => {
      const r = resource(i);
      return r.created ? undefined : JSON.stringify(r.stateEntry);
    },
  ],
  [
    'planned_values',
    (i) => {
      const r = resource(i);
      return r.deleted ? undefined : JSON.stringify(r.stateEntry);
    },
  ],
  ['resource_changes', (i) => JSON.stringify(resource(i).rc)],
  [
    'configuration',
    (i) => {
      const r = resource(i);
      return r.deleted ? undefined : JSON.stringify(r.config);
    },
  ],
];
write('{"format_version":"1.2","terraform_version":"1.11.4"');
for (const [section, entry] of sections) {
  const opening =
    section === 'resource_changes'
      ? '['
      : section === 'configuration'
        ? '{"provider_config":{"aws":{"name":"aws","full_name":"registry.terraform.io/hashicorp/aws"}},"root_module":{"resources":['
        : section === 'prior_state'
          ? '{"format_version":"1.0","terraform_version":"1.11.4","values":{"root_module":{"resources":['
          : '{"root_module":{"resources":[';
  const closing = section === 'resource_changes' ? ']' : section === 'configuration' ? ']}}' : section === 'prior_state' ? ']}}}' : ']}}';
  write(`,"${section}":${opening}`);
  let first = true;
  let chunk = '';
  for (let i = 0; i < count; i++) {
    const text = entry(i);
    if (text === undefined) continue;
    chunk += (first ? '' : ',') + text;
    first = false;
    if (chunk.length > 1 << 20) {
      write(chunk);
      chunk = '';
    }
  }
  write(chunk + closing);
}
write(',"timestamp":"2026-11-22T00:00:00Z","applyable":true,"complete":true,"errored":false}\n');
closeSync(fd);
process.stdout.write(`${out}: ${count} resources, ${(statSync(out).size / 1024 / 1024).toFixed(1)} MiB\n`);
