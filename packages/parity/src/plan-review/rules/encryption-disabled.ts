/** Encryption at rest or in transit is turned off. */
import type { PlanRule, RuleResult, RuleSubject } from '../rule-support/rule-subject';
import { switchTurnedOff } from '../rule-support/turned-off';

const meta = {
  id: 'encryption-disabled',
  description: 'Storage, at-rest, in-transit, node-to-node or server-side encryption, or HTTPS-only access, goes from true to false.',
  why: 'Data must stay encrypted at rest and in transit in every environment.',
  docsUrl: 'docs/plan-review.md#what-it-reports',
  defaultLevel: 'block',
} as const;

function check(subject: RuleSubject): RuleResult {
  return switchTurnedOff(subject, [
    { path: ['storage_encrypted'], what: 'storage encryption' },
    { path: ['at_rest_encryption_enabled'], what: 'encryption at rest' },
    { path: ['transit_encryption_enabled'], what: 'encryption in transit' },
    { path: ['encrypted'], what: 'encryption' },
    { path: ['encrypt_at_rest', 0, 'enabled'], what: 'encryption at rest' },
    { path: ['node_to_node_encryption', 0, 'enabled'], what: 'node-to-node encryption' },
    { path: ['domain_endpoint_options', 0, 'enforce_https'], what: 'HTTPS-only access' },
    { path: ['server_side_encryption', 0, 'enabled'], what: 'server-side encryption' },
  ]);
}

const rule: PlanRule = { meta, check };
export default rule;
