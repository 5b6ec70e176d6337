/**
 * The gate's rule pack: which rules run, at which level (`block` fails the check, exit 1; `warn` is
 * reported only). Each rule's id (its file name in rules/), description, why and docs are its `meta`.
 */
import type { RulePack } from '../shared/rules/run-pack';
import type { MigrationEvidence } from './rule-support/evidence';
import concurrentlyInTransaction from './rules/concurrently-in-transaction';
import destructiveChange from './rules/destructive-change';
import downRoundTrip from './rules/down-round-trip';
import lockBudget from './rules/lock-budget';
import lockHeldThroughWork from './rules/lock-held-through-work';
import lockTimeout from './rules/lock-timeout';
import tableWorkUnderWriteLock from './rules/table-work-under-write-lock';
import totalBudget from './rules/total-budget';

export const migrationRulePack: RulePack<MigrationEvidence> = [
  { rule: tableWorkUnderWriteLock, level: 'block' },
  { rule: lockHeldThroughWork, level: 'block' },
  { rule: lockTimeout, level: 'block' },
  { rule: destructiveChange, level: 'block' },
  { rule: concurrentlyInTransaction, level: 'block' },
  { rule: downRoundTrip, level: 'block' },
  { rule: lockBudget, level: 'block' },
  { rule: totalBudget, level: 'block' },
];
