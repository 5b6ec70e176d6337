/** The plan names an action Terraform does not emit: the change cannot be judged. */
import { pass, unknown, type PlanRule, type RuleResult, type RuleSubject } from '../rule-support/rule-subject';

const meta = {
  id: 'unrecognized-action',
  description: 'The plan names an action Terraform does not write (`["replace"]`).',
  why: 'The plan names an action Terraform does not write, so what it does cannot be judged.',
  docsUrl: 'docs/plan-review.md#what-it-reports',
  defaultLevel: 'block',
} as const;

function check(subject: RuleSubject): RuleResult {
  if (subject.kind !== 'unrecognized') return pass;
  return unknown(
    `${subject.address} has actions ${JSON.stringify(subject.actions)}, which Terraform does not write: ` +
      `cannot tell what the plan does to it.`,
  );
}

const rule: PlanRule = { meta, check };
export default rule;
