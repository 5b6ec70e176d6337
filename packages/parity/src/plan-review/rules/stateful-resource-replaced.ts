/** A resource that holds data is replaced: destroyed and created again, empty. */
import { explainChange } from '../action-reasons';
import { compliant, nonCompliant, notApplicable, type RuleSubject, type RuleResult } from './rule';
import { STATEFUL_TYPES } from './stateful-types';

export default function statefulResourceReplaced(subject: RuleSubject): RuleResult {
  if (!STATEFUL_TYPES.has(subject.type)) return notApplicable;
  if (subject.kind !== 'replace') return compliant;
  return nonCompliant(`${subject.address} is replaced (${subject.actions.join(' then ')}): ${explainChange('replace', subject.type, subject.replacePaths, subject.actionReason)}.`);
}
