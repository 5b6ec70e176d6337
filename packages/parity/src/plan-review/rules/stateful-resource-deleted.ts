/** A resource that holds data is deleted. */
import { explainChange } from '../action-reasons';
import { failWith, notApplicable, pass, type PlanRule, type RuleResult, type RuleSubject } from '../rule-support/rule-subject';
import { STATEFUL_TYPES } from '../rule-support/stateful-types';

const meta = {
  id: 'stateful-resource-deleted',
  description: 'The plan deletes one of the resource types that hold data (those of `stateful-resource-replaced`).',
  why: 'Deleting a resource that holds data loses the data.',
  docsUrl: 'docs/plan-review.md#what-it-reports',
  defaultLevel: 'block',
} as const;

function check(subject: RuleSubject): RuleResult {
  if (!STATEFUL_TYPES.has(subject.type)) return notApplicable;
  if (subject.kind !== 'delete') return pass;
  return failWith(`${subject.address} is deleted: ${explainChange('delete', subject.type, subject.replacePaths, subject.actionReason)}.`);
}

const rule: PlanRule = { meta, check };
export default rule;
