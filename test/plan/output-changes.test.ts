/**
 * Output changes in plan review, on real plans (support/output-plans.ts): which outputs each environment
 * creates, updates and deletes, in every format; a deleted output is an `output-removed` finding (warn); outputs
 * are compared across a parity group; a sensitive output's value (which Terraform writes in clear) never shows.
 */
import { readFileSync } from 'node:fs';
import { renderReview } from '../../packages/parity/src/cli/plan-review';
import { planReviewPack } from '../../packages/parity/src/plan-review/rule-pack';
import { reviewPlans } from '../../packages/parity/src/plan-review/review';
import { hasBlockingFinding, type PlanReview } from '../../packages/parity/src/plan-review/review-model';
import { summarizeOutput } from '../../packages/parity/src/plan-review/summarize-change';
import { generateOutputPlans, SECRET_AFTER, SECRET_BEFORE, type OutputPlans } from './support/output-plans';

let plans: OutputPlans;
let review: PlanReview;

beforeAll(async () => {
  plans = await generateOutputPlans();
  review = await reviewPlans({
    plans: [
      { environment: 'staging', file: plans.staging },
      { environment: 'prod', file: plans.prod },
    ],
  });
}, 120_000);
afterAll(() => plans?.remove());

test('each environment lists the outputs it changes with their actions, no-ops left out, in file order', () => {
  expect(review.environments.staging!.outputs).toEqual([
    { name: 'cache_endpoint', actions: ['update'], kind: 'update' },
    { name: 'legacy_bucket', actions: ['delete'], kind: 'delete' },
    { name: 'queue_url', actions: ['create'], kind: 'create' },
    { name: 'signing_secret', actions: ['update'], kind: 'update' },
  ]);
  expect(review.environments.prod!.outputs.map((o) => `${o.kind} ${o.name}`)).toEqual([
    'update cache_endpoint',
    'create queue_url',
    'update signing_secret',
  ]);
});

test('the deleted output is a warning that names who breaks; nothing blocks', () => {
  expect(review.findings).toEqual([
    {
      rule: 'output-removed',
      level: 'warn',
      environment: 'staging',
      address: 'output.legacy_bucket',
      message: 'output.legacy_bucket is deleted: stacks that read it through `terraform_remote_state` fail at their next plan.',
      result: 'non-compliant',
    },
  ]);
  expect(hasBlockingFinding(review)).toBe(false);
});

test('an output one environment deletes and its sibling does not is asymmetric', () => {
  expect(review.asymmetric).toEqual([
    { change: 'output.legacy_bucket: delete', environments: ['staging'], missingFrom: ['prod'], parityGroup: 'default' },
    { change: 'terraform_data.bucket: delete', environments: ['staging'], missingFrom: ['prod'], parityGroup: 'default' },
  ]);
});

test('text: the summary counts outputs by action, and each environment lists them, deleted first', () => {
  const text = renderReview(review, 'text');
  expect(text).toContain(
    'staging: 0 to create, 1 to update, 0 to replace, 1 to delete, 0 to read, 1 unchanged; 0 drifted; ' +
      'outputs: 1 created, 2 updated, 1 deleted (format 1.2, terraform 1.11.4)',
  );
  expect(text).toContain(
    [
      'Output changes in staging',
      '  delete   output.legacy_bucket',
      '  update   output.cache_endpoint',
      '  update   output.signing_secret',
      '  create   output.queue_url',
    ].join('\n'),
  );
  expect(text).toContain(
    'Output changes in prod\n  update   output.cache_endpoint\n  update   output.signing_secret\n  create   output.queue_url',
  );
  expect(text).toContain('  warn [staging] output.legacy_bucket\n    output-removed: output.legacy_bucket is deleted');
});

test('markdown: an outputs column, and each environment`s outputs collapsed with their counts', () => {
  const markdown = renderReview(review, 'markdown');
  expect(markdown).toContain(
    '| environment | create | update | replace | delete | read | no-op | outputs | blocking | warnings | drifted |',
  );
  expect(markdown).toContain('| staging | 0 | 1 | 0 | 1 | 0 | 1 | 4 | 0 | 1 | 0 |');
  expect(markdown).toContain(
    [
      '<details><summary>Output changes in staging: 1 created, 2 updated, 1 deleted</summary>',
      '',
      '| output | action |',
      '|---|---|',
      '| `output.legacy_bucket` | delete |',
      '| `output.cache_endpoint` | update |',
      '| `output.signing_secret` | update |',
      '| `output.queue_url` | create |',
      '',
      '</details>',
    ].join('\n'),
  );
});

test('json: names, actions and kinds, nothing else of the output', () => {
  const json = JSON.parse(renderReview(review, 'json')) as { environments: Record<string, { outputs: unknown[] }> };
  expect(json.environments.prod!.outputs).toEqual([
    { name: 'cache_endpoint', actions: ['update'], kind: 'update' },
    { name: 'queue_url', actions: ['create'], kind: 'create' },
    { name: 'signing_secret', actions: ['update'], kind: 'update' },
  ]);
});

test('a sensitive output: its values are in the plan in clear, and in no format of the review, nor its markings', () => {
  const raw = readFileSync(plans.staging, 'utf8');
  expect(raw).toContain(SECRET_BEFORE);
  expect(raw).toContain(SECRET_AFTER);
  for (const format of ['text', 'markdown', 'json'] as const) {
    const output = renderReview(review, format);
    for (const leak of [SECRET_BEFORE, SECRET_AFTER, 'after_sensitive', 'before_sensitive', 'sqs.eu-west-1', 'orders-legacy-exports'])
      expect(output).not.toContain(leak);
  }
});

describe('the pack on outputs', () => {
  test.each([
    [['create'], []],
    [['update'], []],
    [['no-op'], []],
    [['delete'], ['warn output-removed']],
    [['replace'], ['block unrecognized-action']],
  ])('%j: only the output rules fire (no resource rule reads an output)', (actions, findings) => {
    const { findings: found } = summarizeOutput({ name: 'endpoint', actions });
    expect(found.map((f) => `${f.level} ${f.rule}`)).toEqual(findings);
  });

  test('an action Terraform never writes for an output cannot be judged: blocks', () => {
    expect(summarizeOutput({ name: 'endpoint', actions: ['replace'] }).findings).toEqual([
      {
        rule: 'unrecognized-action',
        level: 'block',
        address: 'output.endpoint',
        message: 'output.endpoint has actions ["replace"], which Terraform does not write: cannot tell what the plan does to it.',
        result: 'unknown',
      },
    ]);
  });

  test('output-removed is in the pack at warn', () => {
    expect(planReviewPack.find((e) => e.rule.meta.id === 'output-removed')?.level).toBe('warn');
  });
});
