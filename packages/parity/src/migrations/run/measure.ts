/**
 * Runs one new migration on a seeded database exactly as its runner groups it into transactions
 * (source/transaction-plan.ts), tracing every statement (run/lock-tracer.ts), and records the data
 * checks the rules need. Optionally does the up, down, up round trip. The gate calls it once per
 * migration and per sample, in order: this is the per-migration step the rehearsal hooks into.
 */
import type { Client } from 'pg';
import type { MigrationAdapter } from '../source/migration';
import { statementFacts, type StatementFacts } from '../source/statement-facts';
import type { Statement } from '../source/statements';
import { planScript, type PlannedStatement, type ScriptPlan } from '../source/transaction-plan';
import { applyScript, statementFailed, type ParsedMigration } from './apply';
import { seededDataFailure } from './seeded-data-error';
import { lossyCastCount, nonNullCount, rowCount, tableFingerprint } from './data-checks';
import { knownTables, tracePolled, traceTransaction, type KnownTables, type TracedStatement } from './lock-tracer';

export interface MeasuredStatement extends TracedStatement {
  /** The statement as parsed. */
  readonly statement: Statement;
  /** What its parse tree says it touches. */
  readonly facts: StatementFacts;
  /** Rows of the statement's largest table when it ran. */
  readonly sampleRows: number;
  /** That table. */
  readonly mainTable: string | undefined;
  /** Inside an explicit BEGIN ... COMMIT of the file. */
  readonly insideExplicitTransaction: boolean;
  /** Which unit of the plan (transaction or autocommitted statement) it ran in, from 0. */
  readonly unit: number;
  /** Non-null values of each column it drops, counted just before (`table.column`; undefined = could not count). */
  readonly droppedColumnValues: Map<string, number | undefined>;
  /** Rows of each table it drops, counted just before. */
  readonly droppedTableRows: Map<string, number | undefined>;
  /** Values a type change would alter, counted just before (`table.column`). */
  readonly lossyCastRows: Map<string, number | undefined>;
}

/** The up, down, up round trip on the small sample. */
export interface RoundTrip {
  /** The server's error when down or the second up failed. */
  readonly error?: string;
  /** Tables whose rows differ after up-down-up compared with after the first up. */
  readonly changedTables: readonly string[];
}

export interface MeasuredMigration {
  /** The migration and its parsed scripts. */
  readonly parsed: ParsedMigration;
  /** How the runner ran its up script. */
  readonly plan: ScriptPlan;
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
  /** Called before each statement runs (progress). */
  readonly onStatement?: (statement: Statement) => void;
}

interface DataChecks {
  droppedColumnValues: Map<string, number | undefined>;
  droppedTableRows: Map<string, number | undefined>;
  lossyCastRows: Map<string, number | undefined>;
}

/** Counts what a statement would lose; inside a transaction each check runs under a savepoint, so a failed check leaves it usable. */
async function dataChecks(client: Client, facts: StatementFacts, enabled: boolean, inTransaction: boolean): Promise<DataChecks> {
  const checks: DataChecks = { droppedColumnValues: new Map(), droppedTableRows: new Map(), lossyCastRows: new Map() };
  if (!enabled) return checks;
  const guarded = async <T>(work: () => Promise<T | undefined>): Promise<T | undefined> => {
    if (!inTransaction) return work();
    await client.query('SAVEPOINT parity_check');
    const value = await work();
    await client.query(value === undefined ? 'ROLLBACK TO SAVEPOINT parity_check' : 'RELEASE SAVEPOINT parity_check');
    return value;
  };
  for (const d of facts.droppedColumns) checks.droppedColumnValues.set(`${d.table}.${d.column}`, await guarded(() => nonNullCount(client, d.table, d.column)));
  for (const t of facts.droppedTables) checks.droppedTableRows.set(t, await guarded(() => rowCount(client, t)));
  for (const r of facts.retypedColumns) checks.lossyCastRows.set(`${r.table}.${r.column}`, r.using ? undefined : await guarded(() => lossyCastCount(client, r.table, r.column, r.type)));
  return checks;
}

function mainTableOf(facts: StatementFacts, sampleRows: ReadonlyMap<string, number>): string | undefined {
  return [...facts.tables].sort((a, b) => (sampleRows.get(b) ?? 0) - (sampleRows.get(a) ?? 0))[0];
}

async function traceUnit(client: Client, observer: Client, planned: readonly PlannedStatement[], inTransaction: boolean, ends: 'commit' | 'rollback', known: KnownTables, options: MeasureOptions): Promise<(TracedStatement & DataChecks)[]> {
  const only = planned[0]!;
  if (!inTransaction && statementFacts(only.statement).concurrent) {
    options.onStatement?.(only.statement);
    const checks = await dataChecks(client, statementFacts(only.statement), options.dataChecks, false);
    return [{ ...(await tracePolled(client, observer, only.statement.sql, known)), ...checks }];
  }
  const checks: DataChecks[] = [];
  const traced = await traceTransaction(client, planned.map((p) => p.statement.sql), known, inTransaction, ends, async (index) => {
    options.onStatement?.(planned[index]!.statement);
    checks.push(await dataChecks(client, statementFacts(planned[index]!.statement), options.dataChecks, true));
  });
  return traced.map((t, i) => ({ ...t, ...checks[i]! }));
}

/** Measures one new migration on `client` (with `observer` polling locks) and records it as applied. */
export async function measureMigration(client: Client, observer: Client, adapter: MigrationAdapter, m: ParsedMigration, options: MeasureOptions): Promise<MeasuredMigration> {
  await client.query('RESET ALL');
  const known = await knownTables(client);
  const knownNames = new Set(known.values());
  const plan = planScript(m.migration.up, m.up);
  const statements: MeasuredStatement[] = [];
  for (const [unitIndex, unit] of plan.units.entries()) {
    const planned = unit.kind === 'transaction' ? unit.statements : [unit.statement];
    const inTransaction = unit.kind === 'transaction';
    let traced: (TracedStatement & DataChecks)[];
    try {
      traced = await traceUnit(client, observer, planned, inTransaction, unit.kind === 'transaction' ? unit.ends : 'commit', known, options);
    } catch (error) {
      const failed = planned[(error as { statementIndex?: number }).statementIndex ?? 0]!;
      throw seededDataFailure(m.migration.up, failed.statement, error, options.sampleRows) ?? statementFailed(m.migration.up, failed.statement, error);
    }
    traced.forEach((t, i) => {
      const { statement, insideExplicitTransaction } = planned[i]!;
      const facts = statementFacts(statement);
      const mainTable = mainTableOf(facts, options.sampleRows);
      // A table this migration creates holds none of the sample's rows yet (it is seeded after the migration).
      const existed = mainTable !== undefined && knownNames.has(mainTable);
      statements.push({ ...t, statement, facts, mainTable, sampleRows: existed ? (options.sampleRows.get(mainTable) ?? 0) : 0, insideExplicitTransaction, unit: unitIndex });
    });
  }
  await client.query(adapter.recordAppliedSql, [m.migration.id]);
  return { parsed: m, plan, statements, roundTrip: options.roundTrip && m.down ? await roundTrip(client, m) : undefined };
}

async function roundTrip(client: Client, m: ParsedMigration): Promise<RoundTrip> {
  const tables = new Set([...m.up, ...(m.down ?? [])].flatMap((s) => statementFacts(s).tables));
  const fingerprints = async () => new Map(await Promise.all([...tables].map(async (t) => [t, await tableFingerprint(client, t)] as const)));
  const before = await fingerprints();
  try {
    await client.query('RESET ALL');
    await applyScript(client, m.migration.down!, m.down!);
    await client.query('RESET ALL');
    await applyScript(client, m.migration.up, m.up);
  } catch (error) {
    return { error: (error as Error).message, changedTables: [] };
  }
  const after = await fingerprints();
  return { changedTables: [...tables].filter((t) => before.get(t) !== after.get(t)).sort() };
}
