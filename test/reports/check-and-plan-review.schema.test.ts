/**
 * The real `--format json` output of `parity check` and `parity plan review`, run on the repository's
 * fixtures as their own tests run them, validated against the published schemas; and the envelope's
 * content: findings with their why, waived findings with their waiver, expired and unused waivers.
 */
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as runCheck } from '../../packages/parity/src/cli/check';
import { renderReview, run as runPlan } from '../../packages/parity/src/cli/plan-review';
import { reviewPlans } from '../../packages/parity/src/plan-review/review';
import { toolIdentity } from '../../packages/parity/src/shared/version';
import { fixture, TODAY } from '../plan/support/fixtures';
import { generateOutputPlans } from '../plan/support/output-plans';
import { expectValidReport } from './support/schemas';
import { ENVELOPE_FIELDS } from './support/envelope-fields';

const ORDERS_HCL = join(__dirname, '..', 'fixtures', 'hcl', 'orders-terraform');
const hclArgs = ['--hcl', `staging=${join(ORDERS_HCL, 'envs', 'staging')}`, '--hcl', `prod=${join(ORDERS_HCL, 'envs', 'prod')}`];
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reports-schemas-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function output(run: (argv: string[]) => Promise<number>, argv: string[]): Promise<{ code: number; text: string }> {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  const code = await run([...argv, '--format', 'json', '--output', file]);
  return { code, text: readFileSync(file, 'utf8') };
}

describe('parity check', () => {
  test('divergences as findings, the waived password with its waiver, the version of the tool', async () => {
    const { code, text } = await output(runCheck, [...hclArgs, '--policy', join(ORDERS_HCL, 'parity-policy.yaml')]);
    expect(code).toBe(1);
    const report = expectValidReport('check', text);
    expect(report).toMatchObject({ schemaVersion: 2, tool: toolIdentity(), status: 'fail', unusedWaivers: [], expiredWaivers: [] });
    expect(report.findings).toEqual([
      expect.objectContaining({
        engine: 'check',
        rule: 'invariant',
        level: 'block',
        environment: 'prod',
        address: 'aws_db_instance.main',
        path: 'engine_version',
        expected: '16.4',
        found: '16.8',
      }),
      expect.objectContaining({
        rule: 'invariant',
        environment: 'prod',
        address: 'aws_s3_bucket.legacy_exports',
        expected: 'absent',
        found: 'present',
      }),
    ]);
    expect(report.waived).toEqual([
      {
        finding: expect.objectContaining({ address: 'aws_db_instance.main', path: 'password' }),
        waiver: {
          address: 'aws_db_instance.main',
          path: 'password',
          reason: 'The master password is injected by CI through TF_VAR_db_password and never in code.',
          owner: 'platform-team',
          expires: '2099-12-31',
          source: join(ORDERS_HCL, 'parity-policy.yaml'),
        },
      },
    ]);
  });

  test('an expired and an unused waiver, beside the old fields', async () => {
    const policy = join(dir, 'policy.yaml');
    copyFileSync(join(ORDERS_HCL, 'parity-policy.yaml'), policy);
    appendFileSync(
      policy,
      [
        '  - address: aws_s3_bucket.legacy_exports',
        '    reason: kept until the export job moves',
        '    owner: data-team',
        '    expires: "2020-01-31"',
        '  - address: aws_s3_bucket.gone',
        '    reason: the bucket was removed last sprint',
        '    owner: data-team',
        '    expires: "2099-01-31"',
        '',
      ].join('\n'),
    );
    const report = expectValidReport('check', (await output(runCheck, [...hclArgs, '--policy', policy])).text);
    expect(report.expiredWaivers).toEqual([
      {
        address: 'aws_s3_bucket.legacy_exports',
        reason: 'kept until the export job moves',
        owner: 'data-team',
        expires: '2020-01-31',
        source: policy,
      },
    ]);
    expect(report.unusedWaivers).toEqual([
      {
        address: 'aws_s3_bucket.gone',
        reason: 'the bucket was removed last sprint',
        owner: 'data-team',
        expires: '2099-01-31',
        source: policy,
      },
    ]);
    expect(Object.keys(report)).toEqual([...ENVELOPE_FIELDS, 'source', 'policy', 'groups', 'warnings']);
  });
});

describe('parity plan review', () => {
  test("the golden two-environment review: findings with the pack's why, the waived bucket deletion", async () => {
    const review = await reviewPlans({
      plans: [
        { environment: 'staging', file: fixture('staging-terraform-1.8.json') },
        { environment: 'prod', file: fixture('prod-terraform-1.8.json') },
      ],
      waiversFile: fixture('waivers.yml'),
      now: TODAY,
    });
    const report = expectValidReport('plan-review', renderReview(review, 'json'));
    expect(report.status).toBe('fail');
    const findings = report.findings as { rule: string; why: string; level: string }[];
    expect(findings).toHaveLength(12);
    expect((report.environments as Record<string, { outputs: unknown[]; complete: boolean }>).prod).toMatchObject({
      outputs: expect.arrayContaining([{ name: 'public_https_rule_id', actions: ['create'], kind: 'create' }]),
      complete: true,
    });
    expect(findings.find((f) => f.rule === 'encryption-disabled')!.why).toBe(
      'Data must stay encrypted at rest and in transit in every environment.',
    );
    expect(report.waived).toEqual([
      {
        finding: expect.objectContaining({
          rule: 'stateful-resource-deleted',
          environment: 'prod',
          address: 'aws_s3_bucket.exports',
          result: 'non-compliant',
        }),
        waiver: {
          rule: 'stateful-resource-deleted',
          address: 'aws_s3_bucket.exports',
          environment: 'prod',
          reason: 'exports moved to the data lake bucket; this one was emptied on 2026-11-02',
          owner: 'data-platform',
          expires: '2099-12-31',
          source: '--waivers',
        },
      },
    ]);
  });

  test.each(['staging-terraform-0.12-format-0.1.json', 'prod-terraform-1.0-format-0.2.json', 'dev-terraform-1.1-format-1.0.json'])(
    '%s through the command',
    async (file) => {
      const environment = file.split('-')[0]!;
      const { text } = await output(runPlan, ['review', '--plan', `${environment}=${fixture(file)}`]);
      expect(expectValidReport('plan-review', text).findings).not.toEqual([]);
    },
  );

  test('an expired waiver: a blocking finding of its own', async () => {
    const waivers = join(dir, 'expired.yml');
    writeFileSync(
      waivers,
      [
        'waivers:',
        '  - address: aws_s3_bucket.exports',
        '    rule: stateful-resource-deleted',
        '    reason: accepted for the migration window only',
        '    owner: data-platform',
        '    expires: 2020-01-31',
        '',
      ].join('\n'),
    );
    const { code, text } = await output(runPlan, [
      'review',
      '--plan',
      `staging=${fixture('staging-terraform-1.8.json')}`,
      '--waivers',
      waivers,
    ]);
    expect(code).toBe(1);
    expect(expectValidReport('plan-review', text).findings).toContainEqual(
      expect.objectContaining({ rule: 'waiver-expired', level: 'block', why: expect.stringMatching(/^An expired waiver waives nothing/) }),
    );
  });
});

describe('parity plan review of real plans: output changes and an incomplete plan', () => {
  test('a deleted output (`output-removed`) and a `-target` plan reviewed with --allow-incomplete', async () => {
    const plans = await generateOutputPlans();
    try {
      const { code, text } = await output(runPlan, [
        'review',
        '--plan',
        `staging=${plans.staging}`,
        '--plan',
        `prod=${plans.targeted}`,
        '--allow-incomplete',
      ]);
      expect(code).toBe(0);
      const report = expectValidReport('plan-review', text);
      expect(report.status).toBe('pass');
      expect(
        (report.findings as { rule: string; environment: string; unknown?: boolean }[]).map((f) => [f.rule, f.environment, f.unknown]),
      ).toEqual([
        ['output-removed', 'staging', undefined],
        ['plan-incomplete', 'prod', true],
      ]);
      const environments = report.environments as Record<string, { outputs: { name: string; kind: string }[]; complete: boolean }>;
      expect(environments.staging!.outputs.map((o) => `${o.kind} ${o.name}`)).toEqual([
        'update cache_endpoint',
        'delete legacy_bucket',
        'create queue_url',
        'update signing_secret',
      ]);
      expect([environments.staging!.complete, environments.prod!.complete]).toEqual([true, false]);
    } finally {
      plans.remove();
    }
  }, 120_000);
});
