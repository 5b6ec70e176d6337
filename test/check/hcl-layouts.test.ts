/**
 * Real multi-environment HCL layouts, written the way public Terraform repositories write them
 * (envs/<env>/*.tf, variables.tf, terraform.tfvars, *.auto.tfvars, locals, module calls, count,
 * for_each), with known differences that must be found.
 */
import { join } from 'node:path';
import { checkParityOf } from '../../packages/parity/src/parity/check-parity';
import { loadHclDirectory } from '../../packages/parity/src/parity/hcl/load-hcl-directory';
import { UnknownValue } from '../../packages/parity/src/parity/environment-model';
import { ALL_ENVIRONMENTS } from '../../packages/parity/src/parity/parity-result';

const FIXTURES = join(__dirname, '..', 'fixtures', 'hcl');
const orders = (env: string) => join(FIXTURES, 'orders-terraform', 'envs', env);
const acme = (env: string) => join(FIXTURES, 'acme-platform', 'environments', env);
const NOW = new Date('2026-06-01T00:00:00Z');

/** An HCL check source: each environment's directory. */
function hcl(directoryOf: (env: string) => string, ...environments: string[]) {
  return { kind: 'hcl', directories: new Map(environments.map((env) => [env, directoryOf(env)])) } as const;
}

describe('loading one HCL directory', () => {
  test.each([
    ['aws_db_instance.main', 'engine_version', '16.8'],
    ['aws_db_instance.main', 'identifier', 'orders-{env}'],
    ['aws_db_instance.main', 'final_snapshot_identifier', 'orders-{env}-final'],
    ['aws_db_instance.replica', 'count', 2],
    ['aws_db_instance.replica', 'identifier', 'orders-{env}-replica-${count.index}'],
    ['module.{env}_network', 'azs', ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']],
    ['module.{env}_network', 'source', '../../modules/network'],
    ['data.aws_subnets.private', 'filter[0].values', ['${module.{env}_network.vpc_id}']],
    ['provider.aws', 'default_tags[0].tags.Environment', '{env}'],
    ['terraform.backend.s3', 'key', 'orders/{env}/terraform.tfstate'],
    ['terraform', 'required_providers[0].aws.version', '~> 5.100'],
    ['output.db_endpoint', 'value', '${aws_db_instance.main.endpoint}'],
  ])('prod %s %s resolves to %j', async (address, path, value) => {
    const model = await loadHclDirectory('prod', orders('prod'));
    expect(model.resources.get(address)!.get(path)).toEqual(value);
  });

  test('a variable with no default and no tfvars value is unknown, with the reason', async () => {
    const model = await loadHclDirectory('prod', orders('prod'));
    const password = model.resources.get('aws_db_instance.main')!.get('password');
    expect(password).toBeInstanceOf(UnknownValue);
    expect((password as UnknownValue).reason).toBe(`var.db_password has no default and no value in a *.tfvars file of ${orders('prod')}`);
  });

  test('an expression the resolver does not evaluate keeps its text with the inputs substituted', async () => {
    const model = await loadHclDirectory('staging', acme('staging'));
    expect(model.resources.get('aws_autoscaling_group.api')!.get('max_size')).toBe('${2 * 2}');
    expect(model.resources.get('aws_wafv2_web_acl_association.api')!.get('count')).toBe('${false ? 1 : 0}');
    expect(model.resources.get('module.queues')!.get('for_each.orders')).toBe(60);
    expect(model.resources.get('module.queues')!.get('name')).toBe('acme-{env}-${each.key}');
  });
});

describe('the orders layout: staging and prod, one parity group', () => {
  test('finds the engine version, the prod-only bucket, and waives the injected password', async () => {
    const report = await checkParityOf({
      source: hcl(orders, 'staging', 'prod'),
      policyFile: join(FIXTURES, 'orders-terraform', 'parity-policy.yaml'),
      now: NOW,
    });
    expect(report.groups.map((g) => g.name)).toEqual(['production']);
    const [production] = report.groups;
    expect(production!.differences).toEqual([
      {
        address: 'aws_db_instance.main',
        path: 'engine_version',
        values: { staging: '16.4', prod: '16.8' },
        absentIn: [],
        unknownIn: [],
        kind: 'invariant',
      },
    ]);
    expect(production!.onlyIn).toEqual([{ address: 'aws_s3_bucket.legacy_exports', environments: ['prod'], kind: 'invariant' }]);
    expect(production!.waived.map((w) => [w.finding.address, 'path' in w.finding ? w.finding.path : undefined, w.waiver.owner])).toEqual([
      ['aws_db_instance.main', 'password', 'platform-team'],
    ]);
    expect(production!.allowed.map((a) => `${a.address} ${a.path} ${a.allowedBy.pattern}`)).toEqual([
      'aws_db_instance.main instance_class aws_db_instance.*.instance_class',
      'aws_db_instance.replica count aws_db_instance.*.count',
      'aws_db_instance.replica instance_class aws_db_instance.*.instance_class',
      'module.{env}_network cidr_block module.*.cidr_block',
    ]);
    expect(report.policy).toEqual({
      from: join(FIXTURES, 'orders-terraform', 'parity-policy.yaml'),
      defaultsApplied: true,
      defaultsUsed: ['aws_db_instance.*.instance_class', 'module.*.cidr_block'],
    });
    expect(report.status).toBe('fail');
  });

  test('without a policy file, the unknown password is reported as a difference, never as equal', async () => {
    const report = await checkParityOf({
      source: hcl(orders, 'staging', 'prod'),
      now: NOW,
    });
    const password = report.groups[0]!.differences.find((d) => d.path === 'password')!;
    expect(password.unknownIn).toEqual(['staging', 'prod']);
    expect(report.groups[0]!.name).toBe('default');
    expect(report.groups[0]!.differences.find((d) => d.path === 'count')?.values).toEqual({ staging: 1, prod: 2 });
  });
});

describe('the acme layout: dev, staging and production, two parity groups', () => {
  const run = () =>
    checkParityOf({
      source: hcl(acme, 'dev', 'staging', 'production'),
      policyFile: join(FIXTURES, 'acme-platform', 'parity.json'),
      now: NOW,
    });

  test('staging pointing at the production load balancer is found', async () => {
    const production = (await run()).groups.find((g) => g.name === 'production')!;
    expect(production.differences).toContainEqual({
      address: 'aws_route53_record.api_internal',
      path: 'records',
      values: { staging: ['lb.production.internal'], production: ['lb.{env}.internal'] },
      absentIn: [],
      unknownIn: [],
      kind: 'invariant',
    });
  });

  test('the WAF turned off by staging.auto.tfvars is a topology difference inside the group', async () => {
    const production = (await run()).groups.find((g) => g.name === 'production')!;
    expect(production.differences).toContainEqual({
      address: 'aws_wafv2_web_acl_association.api',
      path: 'count',
      values: { staging: '${false ? 1 : 0}', production: '${true ? 1 : 0}' },
      absentIn: [],
      unknownIn: [],
      kind: 'topology',
    });
    expect(production.differences).toHaveLength(2);
  });

  test('dev differs from the production group only where topology allows', async () => {
    const report = await run();
    expect(report.groups.find((g) => g.name === ALL_ENVIRONMENTS)!.differences).toEqual([]);
    expect(
      report.groups.find((g) => g.name === ALL_ENVIRONMENTS)!.allowed.find((a) => a.path === 'versioning_configuration[0].status')?.values,
    ).toEqual({ staging: 'Enabled', production: 'Enabled', dev: 'Suspended' });
  });
});

describe('refactoring blocks (moved, removed, import, check)', () => {
  const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = require('node:fs') as typeof import('node:fs');
  const { tmpdir } = require('node:os') as typeof import('node:os');
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'parity-hcl-moved-'));
    const bucket = 'resource "aws_s3_bucket" "exports" {\n  bucket = "orders-exports"\n}\n';
    for (const env of ['staging', 'prod']) {
      mkdirSync(join(root, env));
      writeFileSync(join(root, env, 'main.tf'), bucket);
    }
    // Prod's state was refactored by hand at some point; staging's never was.
    writeFileSync(join(root, 'prod', 'moved.tf'), 'moved {\n  from = aws_s3_bucket.legacy_exports\n  to   = aws_s3_bucket.exports\n}\n');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test('are compared, not rejected: a moved block in prod only is a difference', async () => {
    const report = await checkParityOf({
      source: hcl((env) => join(root, env), 'staging', 'prod'),
      now: NOW,
    });
    const differences = report.groups.flatMap((g) => [...g.differences, ...g.onlyIn]);
    expect(differences.map((d) => d.address)).toEqual(['moved']);
  });
});
