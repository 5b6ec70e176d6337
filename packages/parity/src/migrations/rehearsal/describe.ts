/**
 * The rehearsal in a sentence, for the text and markdown reports: "writes to `orders` waited up to
 * 1.9 s under 200 writes/s; behind a 5 s open transaction every read and write queued for 7.1 s".
 */
import type { LockQueueRehearsal, Rehearsal } from './rehearse';

/** Waits at or below this are noise, not queueing. */
export const queueingThresholdMs = 250;

/** `850 ms`, `1.9 s`. */
export function seconds(ms: number): string {
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(1)} s`;
}

function tablePart(table: string, t: Rehearsal['tables'][string], writesPerSecond: number | undefined): string {
  const rate = writesPerSecond ? ` under ${writesPerSecond} writes/s` : '';
  const over = t.statementsOver1s > 0 ? ` (${t.statementsOver1s} statement${t.statementsOver1s === 1 ? '' : 's'} over 1 s)` : '';
  if (t.maxWriteWaitMs <= queueingThresholdMs && t.maxReadWaitMs <= queueingThresholdMs) {
    return (
      `reads and writes of \`${table}\` did not wait (longest ${seconds(Math.max(t.maxReadWaitMs, t.maxWriteWaitMs))}${rate}; ` +
      `p99 ${seconds(t.p99BeforeMs)} before, ${seconds(t.p99DuringMs)} during)`
    );
  }
  const reads = t.maxReadWaitMs > queueingThresholdMs ? ` and reads up to ${seconds(t.maxReadWaitMs)}` : '';
  return `writes to \`${table}\` waited up to ${seconds(t.maxWriteWaitMs)}${reads}${rate}${over}`;
}

function lockQueuePart(q: LockQueueRehearsal): string {
  const behind = `behind a ${seconds(q.openTransactionMs)} open transaction`;
  if (q.migrationGaveUp) {
    return (
      `${behind} the migration gave up at its lock_timeout after reads waited up to ${seconds(q.maxReadWaitMs)} and writes ` +
      `${seconds(q.maxWriteWaitMs)}: the deploy needs a retry, prod was not blocked`
    );
  }
  const reads = q.maxReadWaitMs > queueingThresholdMs;
  const writes = q.maxWriteWaitMs > queueingThresholdMs;
  if (reads && writes) return `${behind} every read and write queued for ${seconds(Math.max(q.maxReadWaitMs, q.maxWriteWaitMs))}`;
  if (writes) return `${behind} writes queued for ${seconds(q.maxWriteWaitMs)} (reads did not wait)`;
  if (reads) return `${behind} reads queued for ${seconds(q.maxReadWaitMs)} (writes did not wait)`;
  return `${behind} nothing queued behind the migration (longest wait ${seconds(Math.max(q.maxReadWaitMs, q.maxWriteWaitMs))})`;
}

/** One sentence for a migration's rehearsal. */
export function describeRehearsal(rehearsal: Rehearsal, writesPerSecond: Readonly<Record<string, number>> = {}): string {
  const parts = Object.entries(rehearsal.tables).map(([table, t]) => tablePart(table, t, writesPerSecond[table]));
  if (rehearsal.lockQueue) parts.push(lockQueuePart(rehearsal.lockQueue));
  const text = parts.join('; ');
  return text.length > 0 ? `${text[0]!.toUpperCase()}${text.slice(1)}.` : 'Not rehearsed: the migration touches no table that holds rows.';
}
