/**
 * Runs statements the way the runner groups them and records what each did to the tables that
 * existed before the migration: the locks its backend holds after it (a lock is held until the
 * transaction ends, so the locks of statement N stay on through statement N+1), its duration, the
 * tables it rewrote (`relfilenode` changed), the indexes it built, and the rows it read from each
 * table (`pg_stat_xact_user_tables`, this transaction's own counters). Statements that cannot run in
 * a transaction run alone while a second connection polls their locks.
 */
import type { Client } from 'pg';

export interface LockHeld {
  /** Table name. */
  readonly table: string;
  /** pg_locks mode, e.g. `AccessExclusiveLock`. */
  readonly mode: string;
  /** How long it was held, ms: from the start of the statement that took it to the end of its transaction. */
  readonly heldMs: number;
}

/** What one statement did, as measured. */
export interface TracedStatement {
  /** Execution time of the statement, ms. */
  readonly durationMs: number;
  /** `lock_timeout` in effect when it started (`0` = none). */
  readonly lockTimeout: string;
  /** Locks this statement took or strengthened (strongest per table), held to the end of the transaction. */
  readonly locks: readonly LockHeld[];
  /** Every lock held while it ran, its own and those earlier statements of the transaction took. */
  readonly heldDuring: readonly LockHeld[];
  /** Tables whose storage it rewrote. */
  readonly rewrites: readonly string[];
  /** Tables it built a new index on (`pg_index`). */
  readonly indexBuilds: readonly string[];
  /** Rows it read from each table (sequential and index fetches). */
  readonly rowsRead: ReadonlyMap<string, number>;
  /** Ran in a transaction with other statements (the runner's, the file's own, or an implicit one). */
  readonly inTransaction: boolean;
}

/** Lock modes that block INSERT/UPDATE/DELETE (they conflict with ROW EXCLUSIVE). */
export const writeBlockingModes: readonly string[] = ['ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'];

const modeStrength = [
  'AccessShareLock',
  'RowShareLock',
  'RowExclusiveLock',
  'ShareUpdateExclusiveLock',
  'ShareLock',
  'ShareRowExclusiveLock',
  'ExclusiveLock',
  'AccessExclusiveLock',
];

/** Orders lock modes from weakest to strongest. */
export function lockStrength(mode: string): number {
  return modeStrength.indexOf(mode);
}

/** Tables that existed before the migration: oid → name. */
export type KnownTables = ReadonlyMap<number, string>;

interface Probe {
  readonly lockTimeout: string;
  readonly reads: Map<number, number>;
  readonly filenodes: Map<number, number>;
  readonly indexes: Map<number, number>;
  readonly locks: Map<number, string>;
}

const probeSql = `SELECT current_setting('lock_timeout') AS lock_timeout,
  (SELECT coalesce(json_agg(json_build_array(relid::int, seq_tup_read + coalesce(idx_tup_fetch, 0))), '[]')
     FROM pg_stat_xact_user_tables) AS reads,
  (SELECT coalesce(json_agg(json_build_array(c.oid::int, c.relkind, c.relfilenode::int, i.indrelid::int)), '[]')
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_index i ON i.indexrelid = c.oid
    WHERE c.relkind IN ('r', 'm', 'p', 'i') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg_toast%') AS rels,
  (SELECT coalesce(json_agg(json_build_array(relation::int, mode)), '[]')
     FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted) AS locks`;

async function probe(client: Client): Promise<Probe> {
  const row = (
    await client.query<{
      lock_timeout: string;
      reads: [number, string][];
      rels: [number, string, number, number | null][];
      locks: [number, string][];
    }>(probeSql)
  ).rows[0]!;
  const locks = new Map<number, string>();
  for (const [oid, mode] of row.locks) if (!locks.has(oid) || lockStrength(mode) > lockStrength(locks.get(oid)!)) locks.set(oid, mode);
  return {
    lockTimeout: row.lock_timeout,
    reads: new Map(row.reads.map(([oid, n]) => [oid, Number(n)])),
    filenodes: new Map(row.rels.filter((r) => r[1] !== 'i').map((r) => [r[0], r[2]])),
    indexes: new Map(row.rels.filter((r) => r[1] === 'i').map((r) => [r[0], r[3] ?? 0])),
    locks,
  };
}

/** The user tables now: oid → name (taken before a migration runs). */
export async function knownTables(client: Client): Promise<Map<number, string>> {
  const result = await client.query<{ oid: number; name: string }>(
    `SELECT c.oid::int AS oid, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'm', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'`,
  );
  return new Map(result.rows.map((r) => [r.oid, r.name]));
}

function changes(known: KnownTables, before: Probe, after: Probe) {
  const rewrites = [...known.keys()].filter(
    (oid) =>
      before.filenodes.has(oid) &&
      after.filenodes.has(oid) &&
      before.filenodes.get(oid) !== after.filenodes.get(oid) &&
      before.filenodes.get(oid) !== 0,
  );
  const built = new Set(
    [...after.indexes].filter(([index, table]) => !before.indexes.has(index) && known.has(table)).map(([, table]) => table),
  );
  const rowsRead = new Map<string, number>();
  for (const [oid, name] of known) {
    const n = (after.reads.get(oid) ?? 0) - (before.reads.get(oid) ?? 0);
    if (n > 0) rowsRead.set(name, n);
  }
  // A rewrite builds the table's indexes again: that is the rewrite, not a new index.
  return {
    rewrites: rewrites.map((oid) => known.get(oid)!).sort(),
    indexBuilds: [...built]
      .filter((oid) => !rewrites.includes(oid))
      .map((oid) => known.get(oid)!)
      .sort(),
    rowsRead,
  };
}

/** Sends `sql`, or a ROLLBACK when it fails, so that the session is usable again. */
async function inTransaction<T>(
  client: Client,
  work: () => Promise<T>,
  ends: 'commit' | 'rollback',
): Promise<{ value: T; commitMs: number }> {
  await client.query('BEGIN');
  try {
    const value = await work();
    const started = performance.now();
    await client.query(ends === 'commit' ? 'COMMIT' : 'ROLLBACK');
    return { value, commitMs: performance.now() - started };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Runs `statements` in one transaction as the runner would, probing before and after each one.
 * `beforeStatement(i)` runs before statement i is probed (progress, data checks). Throws the
 * server's error with the index of the failing statement.
 */
export async function traceTransaction(
  client: Client,
  statements: readonly string[],
  known: KnownTables,
  inTransactionWithOthers: boolean,
  ends: 'commit' | 'rollback' = 'commit',
  beforeStatement?: (index: number) => Promise<void> | void,
): Promise<TracedStatement[]> {
  const raw: { durationMs: number; before: Probe; after: Probe }[] = [];
  const { commitMs } = await inTransaction(
    client,
    async () => {
      for (const [index, sql] of statements.entries()) {
        // Before the probe: what the hook reads (the gate's data checks) is not counted as the statement's work.
        await beforeStatement?.(index);
        const before = await probe(client);
        const started = performance.now();
        try {
          await client.query(sql);
        } catch (error) {
          throw Object.assign(error as Error, { statementIndex: index });
        }
        const durationMs = performance.now() - started;
        raw.push({ durationMs, before, after: await probe(client) });
      }
    },
    ends,
  );
  // From the start of statement i to the end of the transaction.
  const until = raw.map((_, i) => raw.slice(i).reduce((sum, r) => sum + r.durationMs, 0) + commitMs);
  const firstTaken = new Map<number, { index: number; mode: string }>();
  return raw.map((r, i) => {
    const taken: LockHeld[] = [];
    for (const [oid, mode] of r.after.locks) {
      if (!known.has(oid)) continue;
      const had = r.before.locks.get(oid);
      if (!had || lockStrength(mode) > lockStrength(had)) {
        taken.push({ table: known.get(oid)!, mode, heldMs: until[i]! });
        firstTaken.set(oid, { index: i, mode });
      }
    }
    const heldDuring = [...r.after.locks]
      .filter(([oid]) => known.has(oid))
      .map(([oid, mode]) => ({ table: known.get(oid)!, mode, heldMs: until[firstTaken.get(oid)?.index ?? i]! }));
    return {
      durationMs: r.durationMs,
      lockTimeout: r.before.lockTimeout,
      locks: sortByTable(taken),
      heldDuring: sortByTable(heldDuring),
      ...changes(known, r.before, r.after),
      inTransaction: inTransactionWithOthers,
    };
  });
}

/** How long the observer's snapshot may hold a polled statement back before its locks are seen. */
const snapshotHoldMs = 1_000;

/** Runs `sql` outside a transaction while `observer` polls its locks every `intervalMs`. */
export async function tracePolled(
  client: Client,
  observer: Client,
  sql: string,
  known: KnownTables,
  intervalMs = 5,
): Promise<TracedStatement> {
  const before = await probe(client);
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const seen = new Map<string, number>();
  let running = true;
  let last = performance.now();
  let pollError: unknown;
  // A statement on a small table can end before the first poll. The observer therefore holds a
  // snapshot until it has seen the statement's locks (bounded): CONCURRENTLY waits for older
  // snapshots after taking its lock, so the lock is always seen, whatever the table's size.
  await observer.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
  await observer.query('SELECT 1');
  let holding = true;
  const release = async () => {
    if (!holding) return;
    holding = false;
    await observer.query('COMMIT');
  };
  const holdUntil = performance.now() + snapshotHoldMs;
  const loop = async () => {
    while (running) {
      const result = await observer.query<{ oid: number; mode: string }>(
        `SELECT relation::int AS oid, mode FROM pg_locks WHERE pid = $1 AND locktype = 'relation' AND granted`,
        [pid],
      );
      const now = performance.now();
      for (const lock of result.rows) {
        if (!known.has(lock.oid)) continue;
        const key = `${lock.oid}\u0000${lock.mode}`;
        seen.set(key, (seen.get(key) ?? 0) + (now - last));
      }
      last = now;
      if (holding && (seen.size > 0 || now > holdUntil)) await release();
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
    await release();
  };
  // Handled at once: a poll that fails (the server went away, a signal) must never be an unhandled rejection.
  const poll = loop().catch((error: unknown) => {
    pollError = error;
  });
  const started = performance.now();
  try {
    await client.query(sql);
  } finally {
    running = false;
    await poll;
  }
  if (pollError) throw pollError;
  const durationMs = performance.now() - started;
  const after = await probe(client);
  const strongest = new Map<number, string>();
  for (const key of seen.keys()) {
    const [oid, mode] = key.split('\u0000');
    if (!strongest.has(Number(oid)) || lockStrength(mode!) > lockStrength(strongest.get(Number(oid))!)) strongest.set(Number(oid), mode!);
  }
  const locks = [...strongest].map(([oid, mode]) => ({
    table: known.get(oid)!,
    mode,
    heldMs: Math.min(seen.get(`${oid}\u0000${mode}`) ?? 0, durationMs),
  }));
  const { rewrites, indexBuilds } = changes(known, before, after);
  // Outside a transaction the per-transaction counters are gone by now: rows read are not known here.
  return {
    durationMs,
    lockTimeout: before.lockTimeout,
    locks: sortByTable(locks),
    heldDuring: sortByTable(locks),
    rewrites,
    indexBuilds,
    rowsRead: new Map(),
    inTransaction: false,
  };
}

function sortByTable(locks: readonly LockHeld[]): LockHeld[] {
  return [...locks].sort((a, b) => a.table.localeCompare(b.table));
}
