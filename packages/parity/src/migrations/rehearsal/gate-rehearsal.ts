/**
 * The rehearsal as the gate runs it, once per new migration on the full sample, just before the
 * gate measures it there: the database is left unchanged, so the measurement that follows sees
 * the same state. How the migration is replayed under load:
 * - a file the runner runs as one transaction: its statements for real, then ROLLBACK;
 * - anything else (autocommitted statements such as CREATE INDEX CONCURRENTLY, several
 *   transactions): the locks each unit took on the small sample, taken again (`LOCK TABLE ... IN
 *   <mode> MODE`, with the file's lock_timeout) and held as long as the unit took there, scaled to
 *   the full sample's rows; then ROLLBACK. Reads and writes wait on lock modes, not on what holds
 *   them, so their waits are the migration's.
 */
import type { Client } from 'pg';
import type { DataProfile } from '../profile';
import type { Finding } from '../report/finding';
import type { MeasuredMigration } from '../run/measure';
import { writeBlockingModes } from '../run/lock-tracer';
import { ident } from '../run/value-expressions';
import { statementFacts } from '../source/statement-facts';
import type { ScriptPlan } from '../source/transaction-plan';
import { describeRehearsal } from './describe';
import { rehearseMigration, type Rehearsal } from './rehearse';
import { defaultWorkload, fileWorkload, type WorkloadStatement } from './workload';

/** `--workload`, `--no-rehearsal`, `--open-transaction-ms`. */
export interface RehearsalSettings {
  /** Rehearse at all (`--no-rehearsal` turns it off). */
  readonly enabled: boolean;
  /** The team's statements (`--workload FILE`, read before any work); undefined = the generated mix. */
  readonly statements?: readonly WorkloadStatement[];
  /** How long the lock-queue phase's transaction stays open, ms; 0 skips that phase. @default 5000 */
  readonly openTransactionMs: number;
  /** Statements per second over all connections. @default 200 */
  readonly ratePerSecond?: number;
}

/** What the gate adds to a migration's report. */
export interface GateRehearsal {
  /** The report's `rehearsal` object; null when the migration touches no table holding rows. */
  readonly rehearsal: Rehearsal | null;
  /** The rehearsal in a sentence (text and markdown reports). */
  readonly summary: string;
  /** Warnings: the deploy needs a retry (lock_timeout gave up), or the migration failed under load. */
  readonly findings: readonly Finding[];
}

const lockModes: Record<string, string> = {
  AccessShareLock: 'ACCESS SHARE',
  RowShareLock: 'ROW SHARE',
  RowExclusiveLock: 'ROW EXCLUSIVE',
  ShareUpdateExclusiveLock: 'SHARE UPDATE EXCLUSIVE',
  ShareLock: 'SHARE',
  ShareRowExclusiveLock: 'SHARE ROW EXCLUSIVE',
  ExclusiveLock: 'EXCLUSIVE',
  AccessExclusiveLock: 'ACCESS EXCLUSIVE',
};

/** Tables the migration names that exist and hold rows now. */
async function populatedTables(client: Client, plan: ScriptPlan): Promise<string[]> {
  const named = new Set(
    plan.units.flatMap((u) => (u.kind === 'transaction' ? u.statements : [u.statement])).flatMap((p) => statementFacts(p.statement).tables),
  );
  const populated: string[] = [];
  for (const table of [...named].sort()) {
    const exists = (await client.query<{ oid: number | null }>('SELECT to_regclass(quote_ident($1))::oid AS oid', [table])).rows[0]?.oid;
    if (exists && (await client.query(`SELECT 1 FROM ${ident(table)} LIMIT 1`)).rowCount) populated.push(table);
  }
  return populated;
}

/** Replays the migration's locks as the small sample measured them, scaled to the full sample. */
function lockReplay(small: MeasuredMigration, fullRows: ReadonlyMap<string, number>, smallRows: ReadonlyMap<string, number>) {
  const units = new Map<number, MeasuredMigration['statements'][number][]>();
  for (const s of small.statements) units.set(s.unit, [...(units.get(s.unit) ?? []), s]);
  return async (client: Client) => {
    for (const statements of units.values()) {
      await client.query('BEGIN');
      const lockTimeout = statements[0]!.lockTimeout;
      await client.query(`SET LOCAL lock_timeout = '${lockTimeout.replace(/'/g, "''")}'`);
      for (const s of statements) {
        for (const lock of s.locks)
          if (lockModes[lock.mode]) await client.query(`LOCK TABLE ${ident(lock.table)} IN ${lockModes[lock.mode]} MODE`);
        const table = s.mainTable;
        const scale = table && (smallRows.get(table) ?? 0) > 0 ? (fullRows.get(table) ?? 0) / smallRows.get(table)! : 1;
        // Reads and writes wait only on SHARE and stronger: a weaker lock's hold time changes no wait, so it is kept short.
        const blocking = s.locks.some((l) => writeBlockingModes.includes(l.mode));
        const ms = Math.min(s.durationMs * (s.durationMs > 5 ? scale : 1), blocking ? Number.POSITIVE_INFINITY : 300);
        if (ms >= 1) await client.query('SELECT pg_sleep($1)', [ms / 1_000]);
      }
      await client.query('ROLLBACK');
    }
  };
}

/** Runs the single transaction's statements for real, then rolls back. */
function realReplay(plan: ScriptPlan) {
  const unit = plan.units[0]!;
  const statements = unit.kind === 'transaction' ? unit.statements : [unit.statement];
  return async (client: Client) => {
    await client.query('BEGIN');
    for (const p of statements) await client.query(p.statement.sql);
    await client.query('ROLLBACK');
  };
}

export interface GateRehearsalInput {
  /** URL of the full sample's database. */
  readonly url: string;
  /** A connection to it (idle: the gate's measuring connection, between migrations). */
  readonly client: Client;
  readonly profile: DataProfile;
  /** How the runner runs the migration. */
  readonly plan: ScriptPlan;
  /** The same migration as measured on the small sample (its locks, for the lock replay). */
  readonly small: MeasuredMigration;
  readonly fullRows: ReadonlyMap<string, number>;
  readonly smallRows: ReadonlyMap<string, number>;
  readonly settings: RehearsalSettings;
}

/** Rehearses one migration on the full sample; the database is unchanged afterwards. */
export async function rehearseForGate(input: GateRehearsalInput): Promise<GateRehearsal> {
  const tables = await populatedTables(input.client, input.plan);
  if (tables.length === 0) return { rehearsal: null, summary: describeRehearsal({ tables: {}, lockQueue: null }), findings: [] };
  const { settings } = input;
  const real = input.plan.units.length === 1 && input.plan.units[0]!.kind === 'transaction';
  let outcome: Awaited<ReturnType<typeof rehearseMigration>>;
  try {
    outcome = await rehearseMigration({
      url: input.url,
      tables,
      workload: settings.statements ? fileWorkload(settings.statements, tables) : defaultWorkload(input.profile, tables),
      runMigration: real ? realReplay(input.plan) : lockReplay(input.small, input.fullRows, input.smallRows),
      openTransactionMs: settings.openTransactionMs,
      queuesBehindReaders: input.small.statements.some((s) =>
        s.locks.some((l) => l.mode === 'AccessExclusiveLock' && tables.includes(l.table)),
      ),
      ratePerSecond: settings.ratePerSecond,
    });
  } catch (error) {
    const reason = (error as Error).message;
    return {
      rehearsal: null,
      summary: `Not rehearsed: ${reason}.`,
      findings: [
        {
          rule: 'rehearsal/not-run',
          level: 'warning',
          message:
            `the rehearsal under load could not run: ${reason}. Its waits are unknown, not zero: ` +
            `fix the workload (\`--workload FILE\`) or the profile, or pass \`--no-rehearsal\`.`,
        },
      ],
    };
  }
  const summary = describeRehearsal(outcome.rehearsal, outcome.writesPerSecond);
  const findings: Finding[] = [];
  const queue = outcome.rehearsal.lockQueue;
  if (queue?.migrationGaveUp) {
    findings.push({
      rule: 'rehearsal/lock-queue',
      level: 'warning',
      message:
        `behind a ${queue.openTransactionMs} ms open transaction the migration's lock_timeout made it give up (reads waited ` +
        `up to ${queue.maxReadWaitMs} ms, writes ${queue.maxWriteWaitMs} ms): prod was not blocked, but the deploy needs a retry. ` +
        `Deploy when no long transaction runs, and let the runner retry on \`lock_not_available\`.`,
    });
  }
  for (const error of outcome.migrationErrors) {
    findings.push({
      rule: 'rehearsal/failed-under-load',
      level: 'warning',
      message:
        `under the rehearsal's workload the migration failed: ${error}. A deadlock or timeout here can happen in prod: ` +
        `retry the deploy, or order its statements to take their locks in one place.`,
    });
  }
  return { rehearsal: outcome.rehearsal, summary, findings };
}
