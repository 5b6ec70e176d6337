/** An SSM parameter is deleted: applications that read the key fail at their next start. */
import { failWith, notApplicable, pass, read, type PlanRule, type RuleResult, type RuleSubject } from '../rule-support/rule-subject';

const meta = {
  id: 'ssm-key-deleted',
  description: 'An `aws_ssm_parameter` is deleted.',
  why: 'Applications read their settings from SSM at start; a deleted key makes them fail at the next deploy or restart.',
  docsUrl: 'docs/plan-review.md#what-it-reports',
  defaultLevel: 'warn',
} as const;

function check(subject: RuleSubject): RuleResult {
  if (subject.type !== 'aws_ssm_parameter') return notApplicable;
  if (subject.kind !== 'delete') return pass;
  const name = read(subject, 'before', ['name']);
  const shown = name.state === 'known' && typeof name.value === 'string' ? `\`${name.value}\`` : subject.address;
  return failWith(`SSM key ${shown} is deleted (${subject.address}): applications that read it fail at their next start.`);
}

const rule: PlanRule = { meta, check };
export default rule;
