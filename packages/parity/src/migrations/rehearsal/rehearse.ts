/**
 * Rehearsal under production load: runs a migration while a workload hits the tables it touches,
 * and measures what the application would feel. Two phases:
 * 1. load: a baseline of the workload alone, then the migration under it; per table the longest
 *    read and write wait, statements over 1 s, p99 before and during.
 * 2. lock queue: a session holds an open transaction that has read the tables (a long report, an
 *    idle-in-transaction client) when the migration starts; shows whether the migration's lock
 *    request stalls every read and write queued behind it, or its lock_timeout makes it give up.
 * The caller decides how the migration runs (`runMigration`: in a transaction rolled back, so the
 * database is unchanged). Every wait is bounded, every connection closed, whatever happens.
 */
import { Client } from 'pg';
import { inFlightDuring, percentile, startLoad, type LoadOptions, type WorkloadSample } from './load-driver';
import type { WorkloadFactory } from './workload';

/** Per table, during the load phase (the report's `rehearsal.tables.<table>`). */
export interface TableRehearsal {
  readonly maxReadWaitMs: number;
  readonly maxWriteWaitMs: number;
  readonly statementsOver1s: number;
  readonly p99BeforeMs: number;
  readonly p99DuringMs: number;
}

/** The lock-queue phase (the report's `rehearsal.lockQueue`). */
export interface LockQueueRehearsal {
  readonly openTransactionMs: number;
  readonly maxReadWaitMs: number;
  readonly maxWriteWaitMs: number;
  readonly migrationGaveUp: boolean;
}

/** The report's `rehearsal` object of one migration, exactly these keys. */
export interface Rehearsal {
  readonly tables: Record<string, TableRehearsal>;
  readonly lockQueue: LockQueueRehearsal | null;
}

/** What the rehearsal found, with what the sentence needs beside the report's object. */
export interface RehearsalOutcome {
  readonly rehearsal: Rehearsal;
  /** Writes per second the workload sent per table during the baseline. */
  readonly writesPerSecond: Record<string, number>;
  /** The migration failed under load for a reason other than its lock_timeout (deadlock, timeout...). */
  readonly migrationErrors: readonly string[];
}

export interface RehearsalOptions extends Omit<LoadOptions, 'workload'> {
  /** Tables the migration touches that already hold rows. */
  readonly tables: readonly string[];
  /** The statements to send. */
  readonly workload: WorkloadFactory;
  /** Runs the migration on the given connection; a `lock_not_available` error means it gave up. */
  readonly runMigration: (client: Client) => Promise<void>;
  /** How long the open transaction of the lock-queue phase stays open, ms; 0 skips the phase. @default 5000 */
  readonly openTransactionMs?: number;
  /** The workload alone before the migration starts, ms. @default 1000 */
  readonly baselineMs?: number;
  /**
   * Whether the migration requests ACCESS EXCLUSIVE, the only lock an open reading transaction's
   * ACCESS SHARE conflicts with. When it does not, nothing can queue behind that transaction: the
   * lock-queue phase is not run and its figures are the load phase's (its lock requests are granted
   * at once, so reads and writes wait exactly as they did there). @default true
   */
  readonly queuesBehindReaders?: boolean;
  /** The rehearsed migration is cancelled after this long, ms. @default 300000 */
  readonly migrationTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const round = (ms: number) => Math.round(ms);

async function connectTo(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000, application_name: 'parity-rehearsal' });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Runs the migration on its own connection, cancelled after the timeout; never rejects. */
async function timedMigration(
  options: RehearsalOptions,
  onStart?: () => void,
): Promise<{ started: number; ended: number; gaveUp: boolean; error?: string }> {
  const migration = await connectTo(options.url);
  const control = await connectTo(options.url).catch(async (error: unknown) => {
    await migration.end().catch(() => undefined);
    throw error;
  });
  const pid = (await migration.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  const timer = setTimeout(
    () => void control.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined),
    options.migrationTimeoutMs ?? 300_000,
  );
  const started = performance.now();
  onStart?.();
  try {
    await options.runMigration(migration);
    return { started, ended: performance.now(), gaveUp: false };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { started, ended: performance.now(), gaveUp: code === '55P03', error: code === '55P03' ? undefined : (error as Error).message };
  } finally {
    clearTimeout(timer);
    await migration.query('ROLLBACK').catch(() => undefined);
    await Promise.allSettled([migration.end(), control.end()]);
  }
}

const maxLatency = (samples: readonly WorkloadSample[]) => round(Math.max(0, ...samples.map((s) => s.latencyMs)));

interface Window {
  readonly started: number;
  readonly ended: number;
}

function tableResults(
  options: RehearsalOptions,
  samples: readonly WorkloadSample[],
  baselineStart: number,
  run: Window,
): { tables: Record<string, TableRehearsal>; writesPerSecond: Record<string, number> } {
  const tables: Record<string, TableRehearsal> = {};
  const writesPerSecond: Record<string, number> = {};
  for (const table of options.tables) {
    const mine = samples.filter((s) => s.table === table);
    const before = mine.filter((s) => s.sentAt >= baselineStart && s.sentAt + s.latencyMs < run.started);
    const during = inFlightDuring(mine, run.started, run.ended);
    tables[table] = {
      maxReadWaitMs: maxLatency(during.filter((s) => s.kind === 'read')),
      maxWriteWaitMs: maxLatency(during.filter((s) => s.kind === 'write')),
      statementsOver1s: during.filter((s) => s.latencyMs > 1_000).length,
      p99BeforeMs: round(
        percentile(
          before.map((s) => s.latencyMs),
          99,
        ),
      ),
      p99DuringMs: round(
        percentile(
          during.map((s) => s.latencyMs),
          99,
        ),
      ),
    };
    writesPerSecond[table] = Math.round(
      (before.filter((s) => s.kind === 'write').length * 1000) / Math.max(1, run.started - baselineStart),
    );
  }
  return { tables, writesPerSecond };
}

/**
 * The lock-queue phase's open transaction: a session that has read every table, left idle in its
 * transaction; `commitAfter` starts its clock (it stays open that long once the migration starts).
 */
async function openTransaction(options: RehearsalOptions, openTransactionMs: number) {
  const holder = await connectTo(options.url);
  let timer: NodeJS.Timeout | undefined;
  let committed: Promise<unknown> | undefined;
  const commit = () => {
    clearTimeout(timer);
    return (committed ??= holder.query('COMMIT').catch(() => undefined));
  };
  try {
    await holder.query(`SET idle_in_transaction_session_timeout = ${Math.round(openTransactionMs + 30_000)}`);
    await holder.query('BEGIN');
    for (const table of options.tables) await holder.query(`SELECT 1 FROM "${table.replace(/"/g, '""')}" LIMIT 1`);
  } catch (error) {
    await holder.end().catch(() => undefined);
    throw error;
  }
  return {
    commitAfter: () => (timer = setTimeout(() => void commit(), openTransactionMs)),
    async close() {
      await commit();
      await holder.end().catch(() => undefined);
    },
  };
}

/** Rehearses one migration; the database is left as `runMigration` leaves it (rolled back). */
export async function rehearseMigration(options: RehearsalOptions): Promise<RehearsalOutcome> {
  const baselineMs = options.baselineMs ?? 1_000;
  const openTransactionMs = options.openTransactionMs ?? 5_000;
  // One workload for both phases: its connections are set up once.
  const load = await startLoad({ ...options, workload: options.workload });
  let samples: WorkloadSample[];
  let baselineStart: number;
  let loadRun: Awaited<ReturnType<typeof timedMigration>>;
  let queueRun: Awaited<ReturnType<typeof timedMigration>> | undefined;
  try {
    baselineStart = performance.now();
    await sleep(baselineMs);
    loadRun = await timedMigration(options);
    await sleep(100);
    if (openTransactionMs > 0 && options.queuesBehindReaders !== false) {
      const holder = await openTransaction(options, openTransactionMs);
      try {
        await sleep(100);
        queueRun = await timedMigration(options, holder.commitAfter);
      } finally {
        // A migration that did not queue behind the open transaction ends the phase early.
        await holder.close();
      }
      await sleep(100);
    }
  } finally {
    samples = await load.stop();
  }
  // A workload that fails on its own (before the migration starts) measures nothing: say so, never "did not wait".
  const baseline = samples.filter((s) => s.sentAt + s.latencyMs < loadRun.started);
  const failing = baseline.filter((s) => s.error);
  if (baseline.length === 0 || failing.length * 2 > baseline.length) {
    throw new Error(
      baseline.length === 0
        ? 'the workload sent nothing before the migration started'
        : `${failing.length} of the workload's ${baseline.length} statements failed before the migration started, e.g. ` +
            `${failing[0]!.error}`,
    );
  }
  const { tables, writesPerSecond } = tableResults(options, samples, baselineStart, loadRun);
  let lockQueue: LockQueueRehearsal | null = null;
  if (openTransactionMs > 0 && !queueRun) {
    const all = Object.values(tables);
    lockQueue = {
      openTransactionMs,
      maxReadWaitMs: Math.max(0, ...all.map((t) => t.maxReadWaitMs)),
      maxWriteWaitMs: Math.max(0, ...all.map((t) => t.maxWriteWaitMs)),
      migrationGaveUp: false,
    };
  }
  if (queueRun) {
    const during = inFlightDuring(samples, queueRun.started, queueRun.ended);
    lockQueue = {
      openTransactionMs,
      maxReadWaitMs: maxLatency(during.filter((s) => s.kind === 'read')),
      maxWriteWaitMs: maxLatency(during.filter((s) => s.kind === 'write')),
      migrationGaveUp: queueRun.gaveUp,
    };
  }
  const migrationErrors = [loadRun.error, queueRun?.error].filter((e): e is string => e !== undefined);
  return { rehearsal: { tables, lockQueue }, writesPerSecond, migrationErrors };
}
