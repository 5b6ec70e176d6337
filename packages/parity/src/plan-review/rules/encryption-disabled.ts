/** Encryption at rest or in transit is turned off. */
import type { RuleSubject, RuleResult } from './rule';
import { switchTurnedOff } from './turned-off';

export default function encryptionDisabled(subject: RuleSubject): RuleResult {
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
