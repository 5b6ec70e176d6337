/**
 * Writes N synthetic environments of R resources each as cdktf stacks
 * (`<dir>/stacks/<env>/cdk.tf.json`), shaped like this app's: nested blocks, lists, references,
 * environment names in names, `//` metadata, a few scale-knob and a few real differences.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TYPES = [
  'aws_db_instance',
  'aws_ssm_parameter',
  'aws_cloudwatch_metric_alarm',
  'aws_security_group_rule',
  'aws_s3_bucket',
  'aws_iam_role_policy',
] as const;

function resource(env: string, index: number, envIndex: number): Record<string, unknown> {
  return {
    '//': { metadata: { path: `orders-${env}/platform/r${index}`, uniqueId: `r${index}` } },
    name: `orders-${env}-r${index}`,
    description: `resource ${index} of orders-${env}`,
    engine_version: '16.8',
    instance_class: envIndex % 2 === 0 ? 'db.r6g.large' : 'db.r6g.2xlarge',
    threshold: 80 + (envIndex % 3),
    enabled: true,
    port: 5432,
    tags: { app: 'orders', environment: env, component: `c${index % 7}` },
    subnet_ids: [`\${aws_subnet.private_a.id}`, `\${aws_subnet.private_b.id}`, `\${aws_subnet.private_c.id}`],
    parameter: [
      { name: 'log_lock_waits', value: '1', apply_method: 'immediate' },
      { name: 'max_connections', value: '400', apply_method: 'pending-reboot' },
    ],
    lifecycle: { create_before_destroy: true },
    // A real difference in every tenth environment, on one resource in fifty.
    ...(envIndex % 10 === 9 && index % 50 === 0 ? { storage_encrypted: false } : { storage_encrypted: true }),
  };
}

export function syntheticStack(env: string, envIndex: number, resources: number): Record<string, unknown> {
  const byType: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < resources; i++) (byType[TYPES[i % TYPES.length]!] ??= {})[`platform_r${i}`] = resource(env, i, envIndex);
  return {
    '//': { metadata: { backend: 's3', stackName: env, version: '0.21.0' } },
    terraform: {
      backend: { s3: { bucket: 'orders-terraform-state', key: `env-parity/${env}/terraform.tfstate`, region: 'eu-west-1', encrypt: true } },
      required_providers: { aws: { source: 'aws', version: '6.0.0' } },
    },
    provider: { aws: [{ region: 'eu-west-1', allowed_account_ids: [String(100000000000 + envIndex)] }] },
    resource: byType,
  };
}

export function environmentNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `env${String(i).padStart(2, '0')}`);
}

/** Writes the stacks; returns the `stacks` directory. */
export function writeSyntheticStacks(dir: string, environments: number, resources: number): string {
  const stacks = join(dir, 'stacks');
  environmentNames(environments).forEach((env, i) => {
    mkdirSync(join(stacks, env), { recursive: true });
    writeFileSync(join(stacks, env, 'cdk.tf.json'), JSON.stringify(syntheticStack(env, i, resources), null, 2));
  });
  return stacks;
}
