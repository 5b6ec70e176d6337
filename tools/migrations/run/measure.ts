/**
 * Runs the new migrations on one seeded database, statement by statement, each in its own
 * transaction (or polled, for statements that cannot run in one), recording durations, locks,
 * rewrites and the data checks the rules need. Optionally does the up, down, up round trip.
 */
import type { Client } from 'pg';
import type { RoundTrip } from '../rules/evidence';
import type { MigrationAdapter } from '../source/migration';
import { statementFacts, type StatementFacts } from '../source/statement-facts';
import type { Statement } from '../source/statements';
import { applyScript, statementFailed, type ParsedMigration } from './apply';
import { lossyCastCount, nonNullCount, rowCount, tableFingerprint } from './data-checks';
import { runInTransaction, runPolled, type TracedRun } from './lock-tracer';

export interface MeasuredStatement extends TracedRun {
  /** The statement as parsed. */
  readonly statement: Statement;
  /** What its parse tree says it touches. */
  readonly facts: StatementFacts;
  /** Rows of the statement's largest table when it ran. */
  readonly sampleRows: number;
  /** That table. */
  readonly mainTable: string | undefined;
  /** `SHOW lock_timeout` just before it ran. */
  readonly lockTimeout: string;
  /** Inside an explicit BEGIN ... COMMIT of the file. */
  readonly insideExplicitTransaction: boolean;
  /** Non-null values of each column it drops, counted just before (`table.column`; undefined = could not count). */
  readonly droppedColumnValues: Map<string, number | undefined>;
  /** Rows of each table it drops, counted just before. */
  readonly droppedTableRows: Map<string, number | undefined>;
  /** Values a type change would alter, counted just before (`table.column`). */
  readonly lossyCastRows: Map<string, number | undefined>;
}

export interface MeasuredMigration {
  /** The migration and its parsed scripts. */
  readonly parsed: ParsedMigration;
  /** Its up statements as measured (transaction control left out). */
  readonly statements: readonly MeasuredStatement[];
  /** The up, down, up round trip; undefined when not run (no down script, or not asked for). */
  readonly roundTrip: RoundTrip | undefined;
}

export interface MeasureOptions {
  /** Seeded rows per table. */
  readonly sampleRows: ReadonlyMap<string, number>;
  /** Run the data checks (counts before drops, lossy casts). */
  readonly dataChecks: boolean;
  /** Do the up, down, up round trip for migrations with a down script. */
  readonly roundTrip: boolean;
}

async function measureStatement(client: Client, observer: Client, statement: Statement, facts: StatementFacts, options: MeasureOptions, insideExplicitTransaction: boolean): Promise<Omit<MeasuredStatement, 'statement'>> {
  const lockTimeout = (await client.query<{ lock_timeout: string }>('SHOW lock_timeout')).rows[0]!.lock_timeout;
  const droppedColumnValues = new Map<string, number | undefined>();
  const droppedTableRows = new Map<string, number | undefined>();
  const lossyCastRows = new Map<string, number | undefined>();
  if (options.dataChecks) {
    for (const d of facts.droppedColumns) droppedColumnValues.set(`${d.table}.${d.column}`, await nonNullCount(client, d.table, d.column));
    for (const t of facts.droppedTables) droppedTableRows.set(t, await rowCount(client, t));
    for (const r of facts.retypedColumns) lossyCastRows.set(`${r.table}.${r.column}`, r.using ? undefined : await lossyCastCount(client, r.table, r.column, r.type));
  }
  const mainTable = [...facts.tables].sort((a, b) => (options.sampleRows.get(b) ?? 0) - (options.sampleRows.get(a) ?? 0))[0];
  const run = facts.concurrent ? await runPolled(client, observer, statement.sql) : await runInTransaction(client, statement.sql);
  return { ...run, facts, sampleRows: mainTable ? (options.sampleRows.get(mainTable) ?? 0) : 0, mainTable, lockTimeout, insideExplicitTransaction, droppedColumnValues, droppedTableRows, lossyCastRows };
}

async function roundTrip(client: Client, m: ParsedMigration): Promise<RoundTrip> {
  const tables = new Set([...m.up, ...(m.down ?? [])].flatMap((s) => statementFacts(s).tables));
  const fingerprints = async () => new Map(await Promise.all([...tables].map(async (t) => [t, await tableFingerprint(client, t)] as const)));
  const before = await fingerprints();
  try {
    await client.query('RESET ALL');
    await applyScript(client, m.migration.down!, m.down!, m.migration.transactional);
    await client.query('RESET ALL');
    await applyScript(client, m.migration.up, m.up, m.migration.transactional);
  } catch (error) {
    return { error: (error as Error).message, changedTables: [] };
  }
  const after = await fingerprints();
  return { changedTables: [...tables].filter((t) => before.get(t) !== after.get(t)).sort() };
}

/** Measures the new migrations in order on `client` (with `observer` polling locks). */
export async function measureMigrations(client: Client, observer: Client, adapter: MigrationAdapter, migrations: readonly ParsedMigration[], options: MeasureOptions): Promise<MeasuredMigration[]> {
  const measured: MeasuredMigration[] = [];
  for (const m of migrations) {
    await client.query('RESET ALL');
    const statements: MeasuredStatement[] = [];
    let inside = false;
    for (const statement of m.up) {
      const facts = statementFacts(statement);
      if (facts.transactionControl) {
        inside = facts.transactionControl === 'begin';
        continue;
      }
      try {
        statements.push({ statement, ...(await measureStatement(client, observer, statement, facts, options, inside)) });
      } catch (error) {
        throw statementFailed(m.migration.up, statement, error);
      }
    }
    await client.query(adapter.recordAppliedSql, [m.migration.id]);
    measured.push({ parsed: m, statements, roundTrip: options.roundTrip && m.down ? await roundTrip(client, m) : undefined });
  }
  return measured;
}
