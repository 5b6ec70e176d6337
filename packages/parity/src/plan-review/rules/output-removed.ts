/** A root module output is deleted: whatever reads it (remote state, `terraform output` in a script) breaks. */
import { notApplicable, pass, failWith, type PlanRule, type RuleResult, type RuleSubject } from '../rule-support/rule-subject';

const meta = {
  id: 'output-removed',
  description: 'The plan deletes a root module output (`output_changes` with `["delete"]`).',
  why:
    'Other stacks read outputs through `terraform_remote_state` and scripts through `terraform output`: once the ' +
    'output is gone they fail at their next plan or run. The plan cannot show who reads it, so check before it goes.',
  docsUrl: 'docs/plan-review.md#what-it-reports',
  defaultLevel: 'warn',
} as const;

function check(subject: RuleSubject): RuleResult {
  if (subject.block !== 'output') return notApplicable;
  if (subject.kind !== 'delete') return pass;
  return failWith(`${subject.address} is deleted: stacks that read it through \`terraform_remote_state\` fail at their next plan.`);
}

const rule: PlanRule = { meta, check };
export default rule;
