/** The gate's rule pack: which rules run, and at which level. Each rule's id, description and why are its `meta`. */
import type { MigrationRule } from './evidence';
import { concurrentlyInTransaction } from './concurrently-in-transaction';
import { destructiveChange } from './destructive-change';
import { downRoundTrip } from './down-round-trip';
import { lockBudget } from './lock-budget';
import { lockHeldThroughWork } from './lock-held-through-work';
import { lockTimeout } from './lock-timeout';
import { tableWorkUnderWriteLock } from './table-work-under-write-lock';
import { totalBudget } from './total-budget';

export interface PackEntry {
  /** The rule module. */
  readonly rule: MigrationRule;
  /** Level of a violation. */
  readonly level: 'blocking' | 'warning';
}

export const migrationRulePack: readonly PackEntry[] = [
  { rule: tableWorkUnderWriteLock, level: 'blocking' },
  { rule: lockHeldThroughWork, level: 'blocking' },
  { rule: lockTimeout, level: 'blocking' },
  { rule: destructiveChange, level: 'blocking' },
  { rule: concurrentlyInTransaction, level: 'blocking' },
  { rule: downRoundTrip, level: 'blocking' },
  { rule: lockBudget, level: 'blocking' },
  { rule: totalBudget, level: 'blocking' },
];
