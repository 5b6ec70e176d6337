/** The plan names an action Terraform does not emit: the change cannot be judged. */
import { compliant, unknown, type RuleSubject, type RuleResult } from './rule';

export default function unrecognizedAction(subject: RuleSubject): RuleResult {
  if (subject.kind !== 'unrecognized') return compliant;
  return unknown(`${subject.address} has actions ${JSON.stringify(subject.actions)}, which Terraform does not write: cannot tell what the plan does to it.`);
}
