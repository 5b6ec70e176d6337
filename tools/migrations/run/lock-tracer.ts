/**
 * Runs one statement and records what it did to the tables: the locks its own backend holds
 * (read from `pg_locks` before commit, or polled from a second connection for statements that
 * cannot run in a transaction), its duration, and the tables it rewrote (`relfilenode` changed).
 */
import type { Client } from 'pg';

export interface LockHeld {
  /** Table name. */
  readonly table: string;
  /** pg_locks mode, e.g. `AccessExclusiveLock`. */
  readonly mode: string;
  /** How long it was held, ms. */
  readonly heldMs: number;
}

export interface TracedRun {
  /** Execution time of the statement, ms. */
  readonly durationMs: number;
  /** Locks on tables that existed before the statement. */
  readonly locks: readonly LockHeld[];
  /** Tables whose storage was rewritten. */
  readonly rewrites: readonly string[];
}

/** Lock modes that block INSERT/UPDATE/DELETE (they conflict with ROW EXCLUSIVE). */
export const writeBlockingModes: readonly string[] = ['ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'];

const modeStrength = ['AccessShareLock', 'RowShareLock', 'RowExclusiveLock', 'ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'];

/** Orders lock modes from weakest to strongest. */
export function lockStrength(mode: string): number {
  return modeStrength.indexOf(mode);
}

interface Relation {
  readonly name: string;
  readonly filenode: number;
}

async function userTables(client: Client): Promise<Map<number, Relation>> {
  const result = await client.query<{ oid: number; name: string; filenode: number }>(
    `SELECT c.oid::int AS oid, c.relname AS name, c.relfilenode::int AS filenode FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'm', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`,
  );
  return new Map(result.rows.map((r) => [r.oid, { name: r.name, filenode: r.filenode }]));
}

function rewritten(before: Map<number, Relation>, after: Map<number, Relation>): string[] {
  return [...before].filter(([oid, r]) => after.has(oid) && after.get(oid)!.filenode !== r.filenode && r.filenode !== 0).map(([, r]) => r.name);
}

const ownLocksSql = `SELECT relation::int AS oid, mode FROM pg_locks WHERE pid = $1 AND locktype = 'relation' AND granted`;

/** Runs `sql` in its own transaction, reading its locks before COMMIT. */
export async function runInTransaction(client: Client, sql: string): Promise<TracedRun> {
  const before = await userTables(client);
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  await client.query('BEGIN');
  try {
    const started = performance.now();
    await client.query(sql);
    const durationMs = performance.now() - started;
    const held = await client.query<{ oid: number; mode: string }>(ownLocksSql, [pid]);
    const after = await userTables(client);
    const commitStarted = performance.now();
    await client.query('COMMIT');
    const heldMs = durationMs + (performance.now() - commitStarted);
    const locks = held.rows.filter((l) => before.has(l.oid)).map((l) => ({ table: before.get(l.oid)!.name, mode: l.mode, heldMs }));
    return { durationMs, locks: strongestPerTable(locks), rewrites: rewritten(before, after) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Runs `sql` outside a transaction while `observer` polls the statement's locks. */
export async function runPolled(client: Client, observer: Client, sql: string, intervalMs = 5): Promise<TracedRun> {
  const before = await userTables(client);
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const seen = new Map<string, number>();
  let running = true;
  let last = performance.now();
  const poll = (async () => {
    while (running) {
      const result = await observer.query<{ oid: number; mode: string }>(ownLocksSql, [pid]);
      const now = performance.now();
      for (const lock of result.rows) {
        if (!before.has(lock.oid)) continue;
        const key = `${lock.oid}\u0000${lock.mode}`;
        seen.set(key, (seen.get(key) ?? 0) + (now - last));
      }
      last = now;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  const started = performance.now();
  try {
    await client.query(sql);
  } finally {
    running = false;
    await poll;
  }
  const durationMs = performance.now() - started;
  const after = await userTables(client);
  const locks = [...seen].map(([key, heldMs]) => {
    const [oid, mode] = key.split('\u0000');
    return { table: before.get(Number(oid))!.name, mode: mode!, heldMs: Math.min(heldMs, durationMs) };
  });
  return { durationMs, locks: strongestPerTable(locks), rewrites: rewritten(before, after) };
}

/** Keeps, per table, the strongest mode held (a stronger lock implies the weaker ones). */
function strongestPerTable(locks: readonly LockHeld[]): LockHeld[] {
  const best = new Map<string, LockHeld>();
  for (const lock of locks) {
    const current = best.get(lock.table);
    if (!current || lockStrength(lock.mode) > lockStrength(current.mode)) best.set(lock.table, lock);
  }
  return [...best.values()].sort((a, b) => a.table.localeCompare(b.table));
}
