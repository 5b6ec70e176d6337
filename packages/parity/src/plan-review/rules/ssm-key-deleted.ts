/** An SSM parameter is deleted: applications that read the key fail at their next start. */
import { compliant, nonCompliant, notApplicable, read, type RuleSubject, type RuleResult } from './rule';

export default function ssmKeyDeleted(subject: RuleSubject): RuleResult {
  if (subject.type !== 'aws_ssm_parameter') return notApplicable;
  if (subject.kind !== 'delete') return compliant;
  const name = read(subject, 'before', ['name']);
  const shown = name.state === 'known' && typeof name.value === 'string' ? `\`${name.value}\`` : subject.address;
  return nonCompliant(`SSM key ${shown} is deleted (${subject.address}): applications that read it fail at their next start.`);
}
