/** The gate's rule pack: each rule with its level and why it exists. */
import type { Rule } from './evidence';
import { concurrentlyInTransaction } from './concurrently-in-transaction';
import { destructiveChange } from './destructive-change';
import { downRoundTrip } from './down-round-trip';
import { lockBudget } from './lock-budget';
import { lockTimeout } from './lock-timeout';
import { totalBudget } from './total-budget';

export interface PackEntry {
  /** Rule id (its file name). */
  readonly id: string;
  /** The pure function judging a migration's evidence. */
  readonly rule: Rule;
  /** Level of a violation. */
  readonly level: 'blocking' | 'warning';
  /** Why the rule exists. */
  readonly why: string;
}

export const migrationRulePack: readonly PackEntry[] = [
  { id: 'lock-budget', rule: lockBudget, level: 'blocking', why: 'A CREATE INDEX that took 80 ms on staging locked 1.8M orders for 47 minutes: a write-blocking lock is an outage for as long as it is held.' },
  { id: 'total-budget', rule: totalBudget, level: 'blocking', why: 'A deploy that waits on a long migration holds the release and its rollback.' },
  { id: 'destructive-change', rule: destructiveChange, level: 'blocking', why: 'Dropping preferences_json before copying it lost the preferences of 535,000 users.' },
  { id: 'concurrently-in-transaction', rule: concurrentlyInTransaction, level: 'blocking', why: 'PostgreSQL refuses CREATE INDEX CONCURRENTLY in a transaction block: the deploy fails half way.' },
  { id: 'lock-timeout', rule: lockTimeout, level: 'blocking', why: 'An ACCESS EXCLUSIVE lock waiting behind a long query queues every other query behind it.' },
  { id: 'down-round-trip', rule: downRoundTrip, level: 'blocking', why: 'A down migration that fails or loses data turns a rollback into an incident.' },
];
