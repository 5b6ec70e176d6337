/**
 * Plan JSON as written by other Terraform versions (format_version 0.1, 0.2, 1.0, 1.2), hand-written
 * in their shapes, and the golden outputs of a two-environment review in every format.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReview } from '../../packages/parity/src/cli/plan-review';
import { reviewPlans } from '../../packages/parity/src/plan-review/review';
import { hasBlockingFinding, type PlanReview } from '../../packages/parity/src/plan-review/review-model';
import { GOLDEN, TODAY, fixture } from './support/fixtures';
import { projectReviewEnvironments } from '../support/this-project';

describe.each([
  {
    file: 'staging-terraform-0.12-format-0.1.json',
    environment: 'staging',
    formatVersion: '0.1',
    terraformVersion: '0.12.31',
    summary: { create: 1, update: 0, replace: 1, delete: 1, read: 0, noop: 1, other: 0 },
    findings: [
      'block engine-major-upgrade aws_db_instance.legacy',
      'block security-group-open-to-world aws_security_group.bastion',
      'block stateful-resource-deleted aws_kms_key.old',
      'block stateful-resource-replaced aws_db_instance.legacy',
    ],
    drift: [] as string[],
  },
  {
    file: 'prod-terraform-1.0-format-0.2.json',
    environment: 'prod',
    formatVersion: '0.2',
    terraformVersion: '1.0.11',
    summary: { create: 1, update: 1, replace: 0, delete: 0, read: 0, noop: 0, other: 0 },
    findings: ['block engine-major-upgrade aws_elasticache_replication_group.cache'],
    drift: ['delete module.cache.aws_ssm_parameter.endpoint', 'update aws_elasticache_replication_group.cache'],
  },
  {
    file: 'dev-terraform-1.1-format-1.0.json',
    environment: 'dev',
    formatVersion: '1.0',
    terraformVersion: '1.1.9',
    summary: { create: 0, update: 3, replace: 1, delete: 0, read: 0, noop: 0, other: 0 },
    findings: [
      'block deletion-protection-disabled aws_dynamodb_table.sessions',
      'block security-group-open-to-world aws_security_group.api',
      'warn engine-minor-upgrade aws_rds_cluster.orders',
    ],
    drift: [],
  },
  {
    file: 'staging-terraform-1.8.json',
    environment: 'staging',
    formatVersion: '1.2',
    terraformVersion: '1.8.5',
    summary: { create: 0, update: 4, replace: 0, delete: 0, read: 1, noop: 1, other: 0 },
    findings: [
      'warn db-parameter-needs-reboot aws_db_parameter_group.orders',
      'warn engine-minor-upgrade aws_db_instance.orders',
      'warn engine-minor-upgrade aws_opensearch_domain.search',
    ],
    drift: ['update aws_ssm_parameter.log_level'],
  },
])(
  '$file (Terraform $terraformVersion, format $formatVersion)',
  ({ file, environment, formatVersion, terraformVersion, summary, findings, drift }) => {
    let review: PlanReview;
    beforeAll(async () => {
      review = await reviewPlans({ environments: projectReviewEnvironments(), plans: [{ environment, file: fixture(file) }], now: TODAY });
    });

    test('versions and counts', () => {
      expect(review.environments[environment]).toMatchObject({ formatVersion, terraformVersion, summary });
    });

    test('findings', () => {
      expect(review.findings.map((f) => `${f.level} ${f.rule} ${f.address}`).sort()).toEqual(findings);
    });

    test('drift', () => {
      expect(review.environments[environment]!.drift.map((d) => `${d.kind} ${d.address}`)).toEqual(drift);
    });
  },
);

describe('masking', () => {
  test.each([
    ['prod-terraform-1.0-format-0.2.json', 'prod', ['old-token', 'new-token', 'cache.internal:6379']],
    [
      'staging-terraform-1.8.json',
      'staging',
      // The last two are a sensitive output's, which Terraform writes in clear in `output_changes`.
      [
        'stg-secret-old-4711',
        'stg-secret-new-4712',
        'Old-Pa55word!',
        'N3w-Pa55word!',
        'stg-out-signing-old-5150',
        'stg-out-signing-new-5151',
      ],
    ],
    ['prod-terraform-1.8.json', 'prod', ['prod-out-signing-old-6160', 'prod-out-signing-new-6161']],
  ])('%s: no sensitive value in any format', async (file, environment, secrets) => {
    const review = await reviewPlans({
      environments: projectReviewEnvironments(),
      plans: [{ environment, file: fixture(file) }],
      now: TODAY,
    });
    for (const format of ['text', 'markdown', 'json'] as const) {
      const output = renderReview(review, format);
      for (const secret of secrets) expect(output).not.toContain(secret);
    }
  });

  test('a nested sensitive password is masked on both sides and still reported as changed', async () => {
    const review = await reviewPlans({
      environments: projectReviewEnvironments(),
      plans: [{ environment: 'staging', file: fixture('staging-terraform-1.8.json') }],
      now: TODAY,
    });
    const domain = review.environments.staging!.changes.find((c) => c.address === 'aws_opensearch_domain.search')!;
    expect(domain.changedPaths).toEqual([
      {
        path: 'advanced_security_options[0].master_user_options[0].master_user_password',
        before: '(sensitive value)',
        after: '(sensitive value)',
      },
      { path: 'endpoint', before: null, after: '(known after apply)' },
      { path: 'engine_version', before: 'OpenSearch_2.15', after: 'OpenSearch_2.17' },
    ]);
  });
});

describe('staging and prod reviewed together (golden outputs)', () => {
  let review: PlanReview;
  beforeAll(async () => {
    review = await reviewPlans({
      environments: projectReviewEnvironments(),
      plans: [
        { environment: 'staging', file: fixture('staging-terraform-1.8.json') },
        { environment: 'prod', file: fixture('prod-terraform-1.8.json') },
      ],
      waiversFile: fixture('waivers.yml'),
      now: TODAY,
    });
  });

  test.each([
    ['text', 'review.txt'],
    ['markdown', 'review.md'],
    ['json', 'review.json'],
  ] as const)('%s matches %s', (format, golden) => {
    const output = `${renderReview(review, format)}\n`;
    const path = join(GOLDEN, golden);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, output);
    expect(output).toBe(readFileSync(path, 'utf8'));
  });

  test('the waiver accepts the bucket deletion in prod, and the rest still blocks', () => {
    const bucket = review.findings.find((f) => f.address === 'aws_s3_bucket.exports')!;
    expect(bucket.waivedBy).toEqual({
      reason: 'exports moved to the data lake bucket; this one was emptied on 2026-11-02',
      owner: 'data-platform',
      expires: '2099-12-31',
    });
    expect(hasBlockingFinding(review)).toBe(true);
  });

  test('changes in prod only are asymmetric, by address and changed paths', () => {
    expect(review.asymmetric.map((a) => `${a.change} | ${a.environments.join(',')}`)).toEqual([
      'aws_db_instance.orders: replace deletion_protection, endpoint, engine_version, id, storage_encrypted | prod',
      'aws_db_instance.orders: update endpoint, engine_version | staging',
      'aws_elasticache_replication_group.cache: replace auth_token, id, primary_endpoint_address, replication_group_id | prod',
      'aws_s3_bucket.exports: delete | prod',
      'aws_ssm_parameter.legacy_flag: delete | prod',
      'aws_vpc_security_group_ingress_rule.public_https: create | prod',
      // Outputs by name and action: the cache's endpoint changes with its replacement, the new rule's id is prod's only.
      'output.cache_endpoint: update | prod',
      'output.public_https_rule_id: create | prod',
      'random_id.suffix: noop | staging',
    ]);
  });
});
