/**
 * The plan review pack: every rule with its level and the reason it exists. A rule's id is its
 * file name in src/plan-review/rules/. An `unknown` result (a value the rule needs is sensitive or known
 * only after apply) is reported at the rule's level: it is never a pass.
 */
import dbParameterNeedsReboot from './rules/db-parameter-needs-reboot';
import deletionProtectionDisabled from './rules/deletion-protection-disabled';
import encryptionDisabled from './rules/encryption-disabled';
import engineMajorUpgrade from './rules/engine-major-upgrade';
import engineMinorUpgrade from './rules/engine-minor-upgrade';
import type { PlanRule } from './rules/rule';
import securityGroupOpenToWorld from './rules/security-group-open-to-world';
import ssmKeyDeleted from './rules/ssm-key-deleted';
import statefulResourceDeleted from './rules/stateful-resource-deleted';
import statefulResourceReplaced from './rules/stateful-resource-replaced';
import unrecognizedAction from './rules/unrecognized-action';

/** How much a finding matters: `block` fails the review (exit 1) unless waived. */
export type FindingLevel = 'block' | 'warn' | 'info';

export interface PackedRule {
  /** The rule's id: its file name in src/plan-review/rules/. */
  readonly id: string;
  readonly level: FindingLevel;
  /** Why the rule exists, shown with its findings. */
  readonly explanation: string;
  readonly rule: PlanRule;
}

export const planReviewPack: readonly PackedRule[] = [
  { id: 'stateful-resource-replaced', level: 'block', rule: statefulResourceReplaced, explanation: 'Replacing a resource that holds data (database, cache, search domain, bucket, table, key) destroys it and creates an empty one. Restore from a snapshot is a manual, slow step.' },
  { id: 'stateful-resource-deleted', level: 'block', rule: statefulResourceDeleted, explanation: 'Deleting a resource that holds data loses the data.' },
  { id: 'engine-major-upgrade', level: 'block', rule: engineMajorUpgrade, explanation: 'A major engine upgrade takes the service down and cannot be rolled back; it needs a rehearsal on staging and a planned window. Accept it explicitly with a waiver for this rule and address.' },
  { id: 'engine-minor-upgrade', level: 'warn', rule: engineMinorUpgrade, explanation: 'A minor engine upgrade restarts the engine: a short outage unless failover covers it.' },
  { id: 'db-parameter-needs-reboot', level: 'warn', rule: dbParameterNeedsReboot, explanation: 'A static database parameter takes effect only at the next reboot: until then the database does not run what the code says.' },
  { id: 'deletion-protection-disabled', level: 'block', rule: deletionProtectionDisabled, explanation: 'Deletion protection is the last guard against a destroy by mistake.' },
  { id: 'encryption-disabled', level: 'block', rule: encryptionDisabled, explanation: 'Data must stay encrypted at rest and in transit in every environment.' },
  { id: 'security-group-open-to-world', level: 'block', rule: securityGroupOpenToWorld, explanation: 'Ingress from 0.0.0.0/0 or ::/0 exposes the service to the whole internet.' },
  { id: 'ssm-key-deleted', level: 'warn', rule: ssmKeyDeleted, explanation: 'Applications read their settings from SSM at start; a deleted key makes them fail at the next deploy or restart.' },
  { id: 'unrecognized-action', level: 'block', rule: unrecognizedAction, explanation: 'The plan names an action Terraform does not write, so what it does cannot be judged.' },
];
