/** Deletion protection is turned off: the next mistake can delete the resource. */
import type { RuleSubject, RuleResult } from './rule';
import { switchTurnedOff } from './turned-off';

export default function deletionProtectionDisabled(subject: RuleSubject): RuleResult {
  return switchTurnedOff(subject, [
    { path: ['deletion_protection'], what: 'deletion protection' },
    { path: ['deletion_protection_enabled'], what: 'deletion protection' },
    { path: ['enable_deletion_protection'], what: 'deletion protection' },
  ]);
}
