/** A resource that holds data is deleted. */
import { explainChange } from '../action-reasons';
import { compliant, nonCompliant, notApplicable, type RuleSubject, type RuleResult } from './rule';
import { STATEFUL_TYPES } from './stateful-types';

export default function statefulResourceDeleted(subject: RuleSubject): RuleResult {
  if (!STATEFUL_TYPES.has(subject.type)) return notApplicable;
  if (subject.kind !== 'delete') return compliant;
  return nonCompliant(`${subject.address} is deleted: ${explainChange('delete', subject.type, subject.replacePaths, subject.actionReason)}.`);
}
