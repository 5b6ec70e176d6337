/**
 * Waivers per engine (src/shared/waivers/waiver-routing.ts): a policy file read by `check --policy` and
 * `plan review --policy` holds waivers for both; each engine applies, and reports as unused, only those
 * addressed to it (its rule ids, or no rule and its `engine` or none). An unknown rule id is bad input.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run as runCheck } from '../../packages/parity/src/cli/check';
import { run as runPlanReview } from '../../packages/parity/src/cli/plan-review';
import { loadPolicyFile } from '../../packages/parity/src/parity/policy/policy-file';
import { readWaiversFile } from '../../packages/parity/src/plan-review/waivers-file';
import { ExitCode } from '../../packages/parity/src/shared/exit-error';
import { waiversFor } from '../../packages/parity/src/shared/waivers/waiver-routing';
import { WAIVER_RULE_IDS } from '../../packages/parity/src/waiver-rule-ids';
import { PLANS, hclArgs, refusal, scratch } from './support/waiver-test-env';

const { dir, write } = scratch('parity-waiver-routing-');

const tail = (reason: string) => `    reason: ${reason}\n    owner: platform-team\n    expires: "2099-12-31"\n`;
const PLAN_IDS =
  'stateful-resource-replaced, stateful-resource-deleted, engine-major-upgrade, engine-minor-upgrade, db-parameter-needs-reboot, ' +
  'deletion-protection-disabled, encryption-disabled, security-group-open-to-world, ssm-key-deleted, output-removed, unrecognized-action';

/** One policy file for both engines: a check waiver and a plan review waiver. */
const shared = () =>
  write(
    'shared-policy.yaml',
    'groups:\n  production: [staging, prod]\nscaleKnobs:\n  - aws_db_instance.*.count\nwaivers:\n' +
      `  - rule: invariant\n    environment: prod\n${tail('prod is being rebuilt this quarter, tracked in OPS-7')}` +
      `  - rule: stateful-resource-deleted\n    address: aws_s3_bucket.exports\n${tail('exports moved to the data lake bucket')}`,
  );

function bucketOnly(): string {
  const plan = JSON.parse(readFileSync(join(PLANS, 'prod-terraform-1.8.json'), 'utf8'));
  const changes = plan.resource_changes.filter((c: { address: string }) => c.address === 'aws_s3_bucket.exports');
  return write('bucket-only.json', JSON.stringify({ ...plan, resource_changes: changes }));
}

describe('a policy file shared by check and plan review', () => {
  test('check applies its own waiver; the plan review one is not unused there (passes with --strict)', async () => {
    const output = join(dir, 'check.json');
    const code = await runCheck([...hclArgs, '--policy', shared(), '--strict', '--format', 'json', '--output', output]);
    const report = JSON.parse(readFileSync(output, 'utf8'));
    expect(report.groups[0].waived.map((w: { waiver: { rule: string } }) => w.waiver.rule)).toEqual([
      'invariant',
      'invariant',
      'invariant',
    ]);
    expect(report.unusedWaivers).toEqual([]);
    expect(report.expiredWaivers).toEqual([]);
    expect(code).toBe(ExitCode.ok);
  });

  test('plan review applies its own waiver; the check one is not unused there (passes with --strict)', async () => {
    const output = join(dir, 'review.json');
    const code = await runPlanReview([
      'review',
      '--plan',
      `prod=${bucketOnly()}`,
      '--policy',
      shared(),
      '--strict',
      '--format',
      'json',
      '--output',
      output,
    ]);
    const report = JSON.parse(readFileSync(output, 'utf8'));
    expect(report.findings).toEqual([]);
    expect(report.waived.map((w: { finding: { rule: string }; waiver: { rule?: string } }) => [w.finding.rule, w.waiver.rule])).toEqual([
      ['stateful-resource-deleted', 'stateful-resource-deleted'],
    ]);
    expect(code).toBe(ExitCode.ok);
  });

  test('a rule-less waiver without `engine` is for every engine reading the file; with `engine` for that one only', () => {
    const waivers = loadPolicyFile(
      write(
        'routing.yaml',
        'waivers:\n' +
          `  - address: aws_s3_bucket.a\n${tail('accepted for every engine')}` +
          `  - address: aws_s3_bucket.b\n    engine: check\n${tail('accepted for the check only')}` +
          `  - rule: topology\n${tail('accepted for the check only')}` +
          `  - rule: engine-major-upgrade\n${tail('accepted for plan review only')}`,
      ),
    ).waivers;
    const addresses = (engine: 'check' | 'plan-review') => waiversFor(engine, waivers, WAIVER_RULE_IDS).map((w) => w.address ?? w.rule);
    expect(addresses('check')).toEqual(['aws_s3_bucket.a', 'aws_s3_bucket.b', 'topology']);
    expect(addresses('plan-review')).toEqual(['aws_s3_bucket.a', 'engine-major-upgrade']);
  });
});

describe('rule ids are checked when the file is loaded', () => {
  test('an unknown rule id in a policy file: bad input naming the known ids', () => {
    const file = write('unknown-rule.yaml', `waivers:\n  - rule: invariants\n${tail('a typo of the rule id')}`);
    expect(refusal(() => loadPolicyFile(file))).toBe(
      `expected a rule id of check (invariant, topology) or plan-review (${PLAN_IDS}) in waiver 1 in \`${file}\`, ` +
        'found `invariants`. Use one of those ids, or (with an `address`) leave `rule` out to waive every rule there.',
    );
  });

  test('a check rule in plan review’s own `--waivers` file: bad input (only plan review reads it)', () => {
    const file = write('check-rule.yaml', `waivers:\n  - rule: invariant\n${tail('meant for the check')}`);
    expect(refusal(() => readWaiversFile(file))).toBe(
      `expected a rule id of plan-review (${PLAN_IDS}) in waiver 1 in \`${file}\`, found \`invariant\` (a rule of check, which ` +
        'does not read this file). Use one of those ids, or (with an `address`) leave `rule` out to waive every rule there.',
    );
  });

  test('a migration gate rule in a file: bad input saying gate waivers are inline', () => {
    const file = write('gate-rule.yaml', `waivers:\n  - rule: destructive-change\n${tail('meant for the gate')}`);
    expect(refusal(() => loadPolicyFile(file))).toBe(
      `expected a rule id of check (invariant, topology) or plan-review (${PLAN_IDS}) in waiver 1 in \`${file}\`, found ` +
        '`destructive-change` (a migration gate rule). Waive migration findings inline in the migration ' +
        '(`-- parity:allow RULE reason="..." owner=TEAM expires=YYYY-MM-DD`).',
    );
  });

  test('a rule of one engine with `engine` naming the other: bad input', () => {
    const file = write('mismatch.yaml', `waivers:\n  - rule: invariant\n    engine: plan-review\n${tail('contradicts itself')}`);
    expect(refusal(() => loadPolicyFile(file))).toBe(
      `expected a rule id of plan-review (${PLAN_IDS}) in waiver 1 in \`${file}\` (it says \`engine: plan-review\`), found ` +
        '`invariant`, a rule of check. Remove `engine` or set it to `check`.',
    );
  });

  test('an engine that reads no waiver file: bad input from the schema', () => {
    const file = write('engine.yaml', `waivers:\n  - address: a.b\n    engine: migrations\n${tail('the gate reads no file')}`);
    expect(refusal(() => loadPolicyFile(file))).toBe(
      'expected an engine that reads waiver files: `check` or `plan-review` at `waivers.0.engine` in policy file ' +
        `${file}, found \`migrations\`. Fix the policy file; its format is in README.md, "Checking parity".`,
    );
  });
});
