/**
 * Plans Terraform marked `complete: false` (`-target`, deferred changes), made by the real `terraform`
 * (support/output-plans.ts): plan review refuses them (exit 2) unless `--allow-incomplete`, and then says so in
 * every format and compares them with nothing; a plan with nothing to do (`applyable: false`) is a normal plan;
 * the reader refuses an incomplete plan by default, for drift's refresh-only plans too.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readRefreshOnlyPlan } from '../../packages/parity/src/drift/refresh-only-plan';
import { renderReview, run } from '../../packages/parity/src/cli/plan-review';
import { reviewPlans } from '../../packages/parity/src/plan-review/review';
import type { PlanReview } from '../../packages/parity/src/plan-review/review-model';
import { ExitCode, ExitError } from '../../packages/parity/src/shared/exit-error';
import { readPlanFile } from '../../packages/parity/src/shared/plan/read-plan';
import { generateOutputPlans, type OutputPlans } from './support/output-plans';

let plans: OutputPlans;
beforeAll(async () => {
  plans = await generateOutputPlans();
}, 120_000);
afterAll(() => plans?.remove());

const TARGET_CAUSE = 'planned with `-target` or with deferred changes: applying it leaves changes this plan does not show';
const refusal = (file: string, cause = TARGET_CAUSE) =>
  new ExitError(
    ExitCode.badInput,
    `expected a complete plan, found a plan Terraform marked \`complete: false\` (${cause}) in \`${file}\`. Plan again ` +
      'without `-target` and pass the new `terraform show -json PLANFILE` output, or pass `--allow-incomplete` to review ' +
      'only what this plan shows (deferred changes are planned after it is applied).',
  );

/** The real targeted plan with `deferred_changes` written in, as Terraform 1.9+ writes them with deferrals. */
function withDeferred(count: number): string {
  const plan = JSON.parse(readFileSync(plans.targeted, 'utf8')) as Record<string, unknown>;
  const deferred = { reason: 'provider_config_unknown', resource_change: { address: 'terraform_data.later', change: {} } };
  const file = join(plans.directory, `deferred-${count}.json`);
  writeFileSync(file, JSON.stringify({ ...plan, deferred_changes: Array.from({ length: count }, () => deferred) }));
  return file;
}

describe('refused by default: exit 2, one line', () => {
  test('what Terraform wrote for `-target`', () => {
    const raw = JSON.parse(readFileSync(plans.targeted, 'utf8')) as { complete: boolean; applyable: boolean; errored: boolean };
    expect([raw.complete, raw.applyable, raw.errored]).toEqual([false, true, false]);
  });

  test('a `-target` plan, through the engine and through the command', async () => {
    await expect(reviewPlans({ plans: [{ environment: 'staging', file: plans.targeted }] })).rejects.toEqual(refusal(plans.targeted));
    await expect(run(['review', '--plan', `staging=${plans.targeted}`, '--plan', `prod=${plans.prod}`])).rejects.toEqual(
      refusal(plans.targeted),
    );
  });

  test('deferred changes are counted in the message', async () => {
    const file = withDeferred(2);
    await expect(reviewPlans({ plans: [{ environment: 'staging', file }] })).rejects.toEqual(
      refusal(file, '2 deferred changes: they are planned only after this plan is applied'),
    );
  });
});

describe('--allow-incomplete', () => {
  let review: PlanReview;
  beforeAll(async () => {
    review = await reviewPlans({
      plans: [
        { environment: 'staging', file: plans.targeted },
        { environment: 'prod', file: plans.prod },
      ],
      allowIncomplete: true,
    });
  });

  test('reviewed, marked incomplete, with a `plan-incomplete` warning first among its findings', () => {
    expect(review.environments.staging!.complete).toBe(false);
    expect(review.environments.prod!.complete).toBe(true);
    expect(review.environments.staging!.outputs).toEqual([{ name: 'cache_endpoint', actions: ['update'], kind: 'update' }]);
    expect(review.findings.filter((f) => f.environment === 'staging')).toEqual([
      {
        rule: 'plan-incomplete',
        level: 'warn',
        environment: 'staging',
        address: '*',
        message:
          `the plan is incomplete (Terraform marked it \`complete: false\`: ${TARGET_CAUSE}): reviewed only because of ` +
          '`--allow-incomplete`, and not compared with the other environments of its group.',
        result: 'unknown',
      },
    ]);
  });

  test('compared with nothing: prod`s changes are not "missing" from the targeted staging plan', () => {
    expect(review.asymmetric).toEqual([]);
  });

  test('text: a warning under the headline and on its summary line', () => {
    const text = renderReview(review, 'text');
    expect(text.split('\n').slice(0, 3)).toEqual([
      'Plan review',
      'nothing blocks',
      'Incomplete plan (Terraform marked it `complete: false`: `-target` or deferred changes): staging. Only what it shows is ' +
        'reviewed; the next plan after the apply will have more.',
    ]);
    expect(text).toContain('staging (incomplete plan): 0 to create, 1 to update,');
  });

  test('markdown: a warning before the status, and the environment marked in the table', () => {
    const markdown = renderReview(review, 'markdown');
    expect(markdown.split('\n').slice(0, 6)).toEqual([
      '<!-- parity-plan-review -->',
      '## Terraform plan review',
      '',
      '> [!WARNING]',
      '> Incomplete plan (Terraform marked it `complete: false`: `-target` or deferred changes): staging. Only what it shows ' +
        'is reviewed; the next plan after the apply will have more.',
      '',
    ]);
    expect(markdown).toContain('| staging (incomplete) | 0 | 1 | 0 | 0 | 0 | 0 | 1 | 0 | 1 | 0 |');
  });

  test('json: `complete: false`, and the warning an unknown finding with its why', () => {
    const json = JSON.parse(renderReview(review, 'json')) as {
      status: string;
      environments: Record<string, { complete: boolean }>;
      findings: { rule: string; unknown?: boolean; why: string }[];
    };
    expect(json.environments.staging!.complete).toBe(false);
    expect(json.findings.find((f) => f.rule === 'plan-incomplete')).toMatchObject({
      unknown: true,
      why: expect.stringMatching(/^Terraform marked the plan `complete: false`/),
    });
  });

  test('the command exits on its findings (0 here), not 2', async () => {
    const output = join(plans.directory, 'allowed.txt');
    await expect(run(['review', '--plan', `staging=${plans.targeted}`, '--allow-incomplete', '--output', output])).resolves.toBe(
      ExitCode.ok,
    );
    expect(readFileSync(output, 'utf8')).toContain('Incomplete plan (Terraform marked it `complete: false`');
  });
});

test('a plan with nothing to do (`applyable: false`, `complete: true`) is a normal plan', async () => {
  const raw = JSON.parse(readFileSync(plans.unchanged, 'utf8')) as { complete: boolean; applyable: boolean };
  expect([raw.complete, raw.applyable]).toEqual([true, false]);
  const review = await reviewPlans({ plans: [{ environment: 'prod', file: plans.unchanged }] });
  expect(review.environments.prod).toMatchObject({ complete: true, changes: [], outputs: [] });
  expect(review.findings).toEqual([]);
});

describe('the reader', () => {
  const generic = (file: string) =>
    `expected a complete plan, found a plan Terraform marked \`complete: false\` (${TARGET_CAUSE}) in \`${file}\`. Plan again ` +
    'without `-target` and pass the new `terraform show -json PLANFILE` output (deferred changes are planned after this plan is applied).';

  test('refuses an incomplete plan by default; reports it when asked', () => {
    expect(() => readPlanFile(plans.targeted, (e) => e.address)).toThrow(new ExitError(ExitCode.badInput, generic(plans.targeted)));
    expect(readPlanFile(plans.targeted, (e) => e.address, { incomplete: 'report' })).toMatchObject({
      complete: false,
      deferredChanges: 0,
      changes: ['terraform_data.cache'],
    });
    expect(readPlanFile(withDeferred(1), (e) => e, { incomplete: 'report' }).deferredChanges).toBe(1);
  });

  test('drift`s targeted refresh-only plan is refused (exit 2), never read as clean', () => {
    expect(JSON.parse(readFileSync(plans.refreshOnlyTargeted, 'utf8')).complete).toBe(false);
    expect(() => readRefreshOnlyPlan(plans.refreshOnlyTargeted)).toThrow(
      new ExitError(ExitCode.badInput, generic(plans.refreshOnlyTargeted)),
    );
  });
});
