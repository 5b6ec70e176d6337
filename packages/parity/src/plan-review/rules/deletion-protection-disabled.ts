/** Deletion protection is turned off: the next mistake can delete the resource. */
import type { PlanRule, RuleResult, RuleSubject } from '../rule-support/rule-subject';
import { switchTurnedOff } from '../rule-support/turned-off';

const meta = {
  id: 'deletion-protection-disabled',
  description: '`deletion_protection` (or `deletion_protection_enabled`, `enable_deletion_protection`) goes from true to false.',
  why: 'Deletion protection is the last guard against a destroy by mistake.',
  docsUrl: 'docs/plan-review.md#what-it-reports',
  defaultLevel: 'block',
} as const;

function check(subject: RuleSubject): RuleResult {
  return switchTurnedOff(subject, [
    { path: ['deletion_protection'], what: 'deletion protection' },
    { path: ['deletion_protection_enabled'], what: 'deletion protection' },
    { path: ['enable_deletion_protection'], what: 'deletion protection' },
  ]);
}

const rule: PlanRule = { meta, check };
export default rule;
