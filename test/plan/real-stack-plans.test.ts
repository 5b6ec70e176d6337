/**
 * Real plans of this project's stacks (real terraform, real AWS provider from the mirror): from
 * empty state, and from a hand-written prior state that yields updates, replacements and
 * deletions. Plans are generated once, in beforeAll.
 */
import { readFileSync, rmSync } from 'node:fs';
import { ExitCode, ExitError } from '../../packages/parity/src/shared/exit-error';
import { renderReview } from '../../packages/parity/src/cli/plan-review';
import { reviewPlans } from '../../packages/parity/src/plan-review/review';
import type { PlanReview } from '../../packages/parity/src/plan-review/review-model';
import { generateRealPlans, type RealPlans } from './support/real-plans';
import { projectReviewEnvironments } from '../support/this-project';

let plans: RealPlans;
let fromEmpty: PlanReview;
let fromPrior: PlanReview;

beforeAll(async () => {
  plans = await generateRealPlans();
  fromEmpty = await reviewPlans({
    environments: projectReviewEnvironments(),
    plans: [
      { environment: 'staging', file: plans.staging.empty },
      { environment: 'prod', file: plans.prod.empty },
    ],
  });
  fromPrior = await reviewPlans({
    environments: projectReviewEnvironments(),
    plans: [
      { environment: 'staging', file: plans.staging.prior },
      { environment: 'prod', file: plans.prod.prior },
    ],
  });
}, 240_000);

afterAll(() => {
  if (plans) rmSync(plans.directory, { recursive: true, force: true });
});

function rawChanges(file: string): { address: string; type: string; change: { actions: string[] } }[] {
  return (
    JSON.parse(readFileSync(file, 'utf8')) as { resource_changes: { address: string; type: string; change: { actions: string[] } }[] }
  ).resource_changes;
}

function findingsOf(review: PlanReview, environment: string): { rule: string; level: string; type: string }[] {
  return review.findings
    .filter((f) => f.environment === environment)
    .map((f) => ({ rule: f.rule, level: f.level, type: f.address.split('.')[0]! }))
    .sort((a, b) => `${a.rule}${a.type}`.localeCompare(`${b.rule}${b.type}`));
}

describe('from empty state', () => {
  test.each(['staging', 'prod'] as const)('%s: every resource of the stack is a create', (env) => {
    const raw = rawChanges(plans[env].empty);
    const review = fromEmpty.environments[env]!;
    expect(raw.length).toBeGreaterThan(40);
    expect(review.summary).toEqual({ create: raw.length, update: 0, replace: 0, delete: 0, read: 0, noop: 0, other: 0 });
    expect(review.changes.map((c) => c.address).sort()).toEqual(raw.map((c) => c.address).sort());
    expect(review.formatVersion).toBe('1.2');
    expect(review.terraformVersion).toBe('1.11.4');
  });

  test('nothing blocks and staging and prod plan the same changes', () => {
    expect(fromEmpty.findings).toEqual([]);
    expect(fromEmpty.asymmetric).toEqual([]);
  });
});

describe('from a hand-written prior state', () => {
  test('staging: a minor engine upgrade, a reboot-only parameter and a deleted SSM key warn', () => {
    expect(fromPrior.environments.staging!.summary).toMatchObject({ create: 0, update: 2, replace: 0, delete: 1 });
    expect(findingsOf(fromPrior, 'staging')).toEqual([
      { rule: 'db-parameter-needs-reboot', level: 'warn', type: 'aws_db_parameter_group' },
      { rule: 'engine-minor-upgrade', level: 'warn', type: 'aws_db_instance' },
      { rule: 'ssm-key-deleted', level: 'warn', type: 'aws_ssm_parameter' },
    ]);
  });

  test('prod: storage encryption off and a renamed replication group are replacements that block', () => {
    const byType = (type: string) => fromPrior.environments.prod!.changes.find((c) => c.type === type)!;
    expect(byType('aws_db_instance')).toMatchObject({
      kind: 'replace',
      actions: ['delete', 'create'],
      replacePaths: ['storage_encrypted'],
      actionReason: 'replace_because_cannot_update',
    });
    expect(byType('aws_db_instance').explanation).toBe(
      '`storage_encrypted` changed: this replaces the database (the provider cannot make this change in place)',
    );
    expect(byType('aws_elasticache_replication_group')).toMatchObject({ kind: 'replace', replacePaths: ['replication_group_id'] });
    expect(byType('aws_db_instance').changedPaths).toEqual(
      expect.arrayContaining([
        { path: 'storage_encrypted', before: true, after: false },
        { path: 'deletion_protection', before: true, after: false },
        { path: 'engine_version', before: '16.4', after: '16.8' },
      ]),
    );
    expect(byType('aws_s3_bucket')).toMatchObject({ kind: 'delete', actionReason: 'delete_because_no_resource_config' });
  });

  test('prod: findings by rule', () => {
    expect(findingsOf(fromPrior, 'prod')).toEqual([
      { rule: 'db-parameter-needs-reboot', level: 'warn', type: 'aws_db_parameter_group' },
      { rule: 'deletion-protection-disabled', level: 'block', type: 'aws_db_instance' },
      { rule: 'encryption-disabled', level: 'block', type: 'aws_db_instance' },
      { rule: 'engine-minor-upgrade', level: 'warn', type: 'aws_db_instance' },
      { rule: 'security-group-open-to-world', level: 'block', type: 'aws_vpc_security_group_ingress_rule' },
      { rule: 'ssm-key-deleted', level: 'warn', type: 'aws_ssm_parameter' },
      { rule: 'stateful-resource-deleted', level: 'block', type: 'aws_s3_bucket' },
      { rule: 'stateful-resource-replaced', level: 'block', type: 'aws_db_instance' },
      { rule: 'stateful-resource-replaced', level: 'block', type: 'aws_elasticache_replication_group' },
    ]);
  });

  test('changes made in prod only are asymmetric; the ones both environments plan are not', () => {
    const asymmetric = fromPrior.asymmetric.map((a) => `${a.change.split(':')[0]} ${a.environments.join(',')}`);
    expect(asymmetric).toEqual(
      expect.arrayContaining([
        'aws_s3_bucket.exports prod',
        expect.stringMatching(/^aws_elasticache_replication_group\.\S+ prod$/),
        expect.stringMatching(/^aws_db_instance\.\S+ staging$/),
        expect.stringMatching(/^aws_db_instance\.\S+ prod$/),
      ]),
    );
    expect(asymmetric.some((a) => a.startsWith('aws_db_parameter_group.') || a.startsWith('aws_ssm_parameter.legacy_flag'))).toBe(false);
  });

  test.each(['text', 'markdown', 'json'] as const)('%s output never contains a sensitive value of the plans', (format) => {
    const secrets = sensitiveValues(plans.prod.prior).concat(sensitiveValues(plans.staging.prior));
    expect(secrets.length).toBeGreaterThan(0);
    const output = renderReview(fromPrior, format);
    for (const secret of secrets) expect(output).not.toContain(secret);
  });
});

describe('inputs that are not plan JSON', () => {
  test('a binary plan file says to run terraform show -json first', async () => {
    await expect(
      reviewPlans({ environments: projectReviewEnvironments(), plans: [{ environment: 'prod', file: plans.prod.binaryPlan }] }),
    ).rejects.toEqual(
      new ExitError(
        ExitCode.badInput,
        `expected plan JSON, found a binary plan file (a zip archive written by \`terraform plan ` +
          `-out\`) in \`${plans.prod.binaryPlan}\`. Run \`terraform show -json PLANFILE > ` +
          `plan.json\` on it first and pass the JSON file.`,
      ),
    );
  });

  test('a state file is named as one', async () => {
    await expect(
      reviewPlans({ environments: projectReviewEnvironments(), plans: [{ environment: 'prod', file: plans.prod.stateFile }] }),
    ).rejects.toEqual(
      new ExitError(
        ExitCode.badInput,
        `expected plan JSON, found a Terraform state file (it has \`lineage\` and \`serial\`, no ` +
          `\`format_version\`) in \`${plans.prod.stateFile}\`. Run \`terraform show -json PLANFILE > ` +
          `plan.json\` and pass that file.`,
      ),
    );
  });
});

/** Every value the plan marks sensitive (before and after, nested) that it never shows unmarked elsewhere. */
function sensitiveValues(file: string): string[] {
  const plan = JSON.parse(readFileSync(file, 'utf8')) as { resource_changes: { change: Record<string, unknown> }[] };
  const secret = new Set<string>();
  const shown = new Set<string>();
  const collect = (value: unknown, marks: unknown): void => {
    if (marks === true) {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      if (text && text.length >= 6 && text !== 'null') secret.add(text);
    } else if (value && typeof value === 'object') {
      for (const key of Object.keys(value))
        collect(
          (value as Record<string, unknown>)[key],
          marks && typeof marks === 'object' ? (marks as Record<string, unknown>)[key] : undefined,
        );
    } else if (typeof value === 'string') {
      shown.add(value);
    }
  };
  for (const { change } of plan.resource_changes) {
    collect(change.before, change.before_sensitive);
    collect(change.after, change.after_sensitive);
  }
  return [...secret].filter((s) => !shown.has(s));
}
