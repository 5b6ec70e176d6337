/**
 * The plan review pack: which rules run, at which level. Everything else about a rule (id = file name
 * in rules/, description, why, docs) is its `meta`. An `unknown` result (a value the rule needs is
 * sensitive or known only after apply) is reported at the rule's level: it is never a pass.
 */
import type { RulePack } from '../shared/rules/run-pack';
import type { RuleSubject } from './rule-support/rule-subject';
import dbParameterNeedsReboot from './rules/db-parameter-needs-reboot';
import deletionProtectionDisabled from './rules/deletion-protection-disabled';
import encryptionDisabled from './rules/encryption-disabled';
import engineMajorUpgrade from './rules/engine-major-upgrade';
import engineMinorUpgrade from './rules/engine-minor-upgrade';
import outputRemoved from './rules/output-removed';
import securityGroupOpenToWorld from './rules/security-group-open-to-world';
import ssmKeyDeleted from './rules/ssm-key-deleted';
import statefulResourceDeleted from './rules/stateful-resource-deleted';
import statefulResourceReplaced from './rules/stateful-resource-replaced';
import unrecognizedAction from './rules/unrecognized-action';

/** The levels of plan review findings (the shared vocabulary): `block` fails the review (exit 1) unless waived. */
export type { FindingLevel } from '../shared/rules/rule-module';

export const planReviewPack: RulePack<RuleSubject> = [
  { rule: statefulResourceReplaced, level: 'block' },
  { rule: statefulResourceDeleted, level: 'block' },
  { rule: engineMajorUpgrade, level: 'block' },
  { rule: engineMinorUpgrade, level: 'warn' },
  { rule: dbParameterNeedsReboot, level: 'warn' },
  { rule: deletionProtectionDisabled, level: 'block' },
  { rule: encryptionDisabled, level: 'block' },
  { rule: securityGroupOpenToWorld, level: 'block' },
  { rule: ssmKeyDeleted, level: 'warn' },
  { rule: outputRemoved, level: 'warn' },
  { rule: unrecognizedAction, level: 'block' },
];
