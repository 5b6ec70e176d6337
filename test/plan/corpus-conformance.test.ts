/**
 * Conformance over the shared corpus of third-party plan JSON (../shared/corpus/tfplans beside the
 * clone, as in CI). Skipped when the folder is absent; nothing is copied from it. Every file either
 * reviews or fails with exit 2 and one message: never a crash.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, ExitError } from '../../packages/parity/src/shared/exit-error';
import { reviewPlans } from '../../packages/parity/src/plan-review/review';
import type { PlanReview } from '../../packages/parity/src/plan-review/review-model';
import { TODAY } from './support/fixtures';
import { absentCorpusNote, sharedCorpusDir } from '../shared/support/shared-corpus';
import { projectReviewEnvironments } from '../support/this-project';

const CORPUS = sharedCorpusDir('tfplans') ?? join(__dirname, 'absent-shared-corpus');
const present = sharedCorpusDir('tfplans') !== undefined;
if (!present) test.skip(absentCorpusNote('tfplans'), () => undefined);
const files = present
  ? readdirSync(CORPUS)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];

async function review(file: string): Promise<PlanReview> {
  return reviewPlans({
    environments: projectReviewEnvironments(),
    plans: [{ environment: 'staging', file: join(CORPUS, file) }],
    now: TODAY,
  });
}

(present ? describe : describe.skip)('shared corpus', () => {
  test.each(files)('%s reviews, or fails with exit 2', async (file) => {
    const outcome = await review(file).then(
      (r) => ({ ok: true as const, changes: Object.values(r.environments)[0]!.changes.length }),
      (e: unknown) => ({ ok: false as const, error: e }),
    );
    if (!outcome.ok) {
      expect(outcome.error).toBeInstanceOf(ExitError);
      expect((outcome.error as ExitError).code).toBe(ExitCode.badInput);
      expect((outcome.error as ExitError).message).toMatch(/^expected .+, found .+\. .+/s);
    } else {
      expect(outcome.changes).toBeGreaterThanOrEqual(0);
    }
  });

  test.each([
    ['hashicorp_terraform-json_invalid_plan.json', /^expected valid plan JSON, found invalid JSON at line 676, column \d+ /],
    ['infracost_infracost_plan_with_terraform_wrapper.json', /output of the hashicorp\/setup-terraform wrapper/],
  ])('%s is bad input', async (file, message) => {
    await expect(review(file)).rejects.toMatchObject({ code: ExitCode.badInput, message: expect.stringMatching(message) });
  });

  test('a UTF-16 plan with a byte order mark is read', async () => {
    const r = await review('bridgecrewio_checkov_plan_encodings_tfplan_win_utf16.json');
    expect(r.environments.staging!.formatVersion).toMatch(/^\d+\.\d+$/);
  });

  test('a plan without resource_changes has nothing to count', async () => {
    expect((await review('hashicorp_terraform-json_actions_plan.json')).environments.staging!.summary).toEqual({
      create: 0,
      update: 0,
      replace: 0,
      delete: 0,
      read: 0,
      noop: 0,
      other: 0,
    });
  });

  test('an action Terraform never writes is reported, not ignored', async () => {
    const r = await review('ArjenSchwarz_strata_web-sample.json');
    expect(
      r.findings
        .filter((f) => f.rule === 'unrecognized-action')
        .map((f) => f.address)
        .sort(),
    ).toEqual(['aws_db_instance.main', 'aws_launch_template.web']);
  });

  test('a fictional type is not a stateful type; the real database replacement blocks', async () => {
    const r = await review('ArjenSchwarz_strata_high_risk_plan.json');
    const stateful = r.findings.filter((f) => f.rule.startsWith('stateful-resource')).map((f) => f.address);
    expect(stateful).toContain('aws_db_instance.main_postgres');
    expect(stateful.some((a) => a.startsWith('aws_rds_db_instance.'))).toBe(false);
  });

  test('a moved resource is a move, not a delete and a create', async () => {
    const r = await review('hashicorp_terraform-json_moved_block_plan.json');
    expect(r.environments.staging!.changes.map((c) => [c.address, c.previousAddress, c.kind])).toEqual([
      ['random_id.test2', 'random_id.test', 'noop'],
    ]);
  });

  test('drift entries without an address (Terraform 1.0.0) get one built from mode, type and name', async () => {
    const r = await review('terraform-compliance_cli_test_issue_522_plan.out.json');
    const drift = r.environments.staging!.drift;
    expect(drift.length).toBe(15);
    expect(drift.find((d) => d.address === 'aws_ssm_parameter.lambda_sg_id')?.kind).toBe('delete');
  });
});
