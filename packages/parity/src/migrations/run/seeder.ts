/**
 * Seeds tables to a target row count with server-side generation (`INSERT ... SELECT ... FROM
 * generate_series`), in batches, parents before children so foreign keys point at real rows,
 * unique columns unique, nulls and distinct values as the profile says.
 *
 * Two paths per table:
 * - bulk (the gate's throwaway databases, a table that is empty): indexes and the primary-key/unique
 *   constraints no foreign key depends on are dropped during the load and rebuilt after it
 *   (PostgreSQL's "Populating a Database" advice), foreign-key triggers skipped
 *   (`session_replication_role = replica`, keys valid by construction), one transaction.
 * - append (`mode: 'append'`, or a table that already holds rows): counts what is there and adds the
 *   difference, never updating or deleting a row and never touching indexes or constraints; integer
 *   keys continue after the largest existing one, other keys skip values already taken
 *   (`ON CONFLICT DO NOTHING`, then more rows until the target is reached); foreign keys take the
 *   parent's real keys; each batch commits on its own.
 */
import type { Client } from 'pg';
import { ExitError, badInput } from '../../shared/exit-error';
import type { DataProfile } from '../profile';
import {
  insertStatement,
  integerKeyColumns,
  primaryKeyColumn,
  uniqueColumnsOf,
  type ForeignKeySource,
  type TablePlan,
} from './seed-columns';
import { seedingFailed } from './seed-errors';
import { readTableCatalog, type TableCatalog } from './table-catalog';
import { ident } from './value-expressions';

export interface SeededTable {
  /** Table name. */
  readonly table: string;
  /** Rows inserted. */
  readonly rows: number;
  /** Time to insert and rebuild indexes, ms. */
  readonly durationMs: number;
}

export interface SeedOptions {
  /**
   * Called after every batch with the table's row count so far and its target (also once before the
   * first batch, with the rows already there). Must not throw.
   */
  readonly onProgress?: (table: string, rowsDone: number, rowsTarget: number) => void;
  /**
   * `bulk`: the gate's disposable databases (drops and rebuilds indexes of empty tables, needs a
   * superuser). `append`: a database whose rows and indexes are kept (no superuser needed).
   * @default 'bulk'
   */
  readonly mode?: 'bulk' | 'append';
  /** Rows per INSERT. @default 100000 */
  readonly batchRows?: number;
}

/** Orders tables so every referenced table comes before the tables that reference it. */
export function parentsFirst(catalogs: readonly TableCatalog[]): TableCatalog[] {
  const byName = new Map(catalogs.map((c) => [c.name, c]));
  const done = new Set<string>();
  const ordered: TableCatalog[] = [];
  const visit = (c: TableCatalog, path: Set<string>) => {
    if (done.has(c.name) || path.has(c.name)) return;
    path.add(c.name);
    for (const fk of c.foreignKeys) {
      const parent = byName.get(fk.table);
      if (parent && parent.name !== c.name) visit(parent, path);
    }
    done.add(c.name);
    ordered.push(c);
  };
  for (const c of catalogs) visit(c, new Set());
  return ordered;
}

const count = async (client: Client, table: string) =>
  Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${ident(table)}`)).rows[0]!.n);

let keyTables = 0;

/** Numbers the parent's keys (`n`, `k`) in a temporary table, leaving out those a one-to-one child already uses. */
async function parentKeys(
  client: Client,
  child: TableCatalog,
  column: string,
  parent: string,
  parentColumn: string,
  oneToOne: boolean,
  limit: number | undefined,
): Promise<ForeignKeySource> {
  const keyTable = `parity_seed_keys_${++keyTables}`;
  const taken = oneToOne
    ? ` AND NOT EXISTS (SELECT 1 FROM ${ident(child.name)} c WHERE c.${ident(column)} = p.${ident(parentColumn)})`
    : '';
  const keys =
    `SELECT p.${ident(parentColumn)} AS k FROM ${ident(parent)} p ` +
    `WHERE p.${ident(parentColumn)} IS NOT NULL${taken}${limit ? ` LIMIT ${limit}` : ''}`;
  await client.query(`CREATE TEMPORARY TABLE ${keyTable} AS SELECT row_number() OVER () AS n, k FROM (${keys}) keys`);
  await client.query(`ALTER TABLE ${keyTable} ADD PRIMARY KEY (n)`);
  return { kind: 'keys', keyTable, count: await count(client, keyTable) };
}

interface Seeding {
  readonly client: Client;
  readonly profile: DataProfile;
  readonly catalogs: ReadonlyMap<string, TableCatalog>;
  /** Tables the seeder generated from empty in this call, with their row count. */
  readonly generated: Map<string, number>;
  readonly options: SeedOptions;
}

async function planTable(
  seeding: Seeding,
  table: TableCatalog,
  targetRows: number,
  existingRows: number,
  append: boolean,
  keyLimit?: number,
): Promise<TablePlan> {
  const { client } = seeding;
  const keyOffsets = new Map<string, number>();
  if (append && existingRows > 0) {
    for (const column of integerKeyColumns(table)) {
      const max = Number(
        (await client.query<{ m: string | null }>(`SELECT max(${ident(column)})::numeric AS m FROM ${ident(table.name)}`)).rows[0]!.m ?? 0,
      );
      keyOffsets.set(column, Math.max(0, Math.ceil(max) - existingRows));
    }
  }
  const foreignKeys = new Map<string, ForeignKeySource>();
  for (const fk of table.foreignKeys.filter((k) => k.columns.length === 1)) {
    const column = fk.columns[0]!;
    const generatedRows = seeding.generated.get(fk.table);
    const self = fk.table === table.name;
    if (!append && generatedRows !== undefined && !self) foreignKeys.set(column, { kind: 'generated', parentRows: generatedRows });
    else if (!append && self && existingRows === 0) foreignKeys.set(column, { kind: 'generated', parentRows: targetRows });
    else {
      const parent = self ? table : (seeding.catalogs.get(fk.table) ?? (await readTableCatalog(client, fk.table)));
      const referenced = fk.referencedColumns[0]!;
      if (
        parent &&
        (primaryKeyColumn(parent) === referenced ||
          parent.indexes.some((i) => i.unique && i.columns.length === 1 && i.columns[0] === referenced) ||
          uniqueColumnsOf(parent).has(referenced))
      ) {
        const oneToOne = table.indexes.some((i) => i.unique && i.columns.length === 1 && i.columns[0] === column);
        foreignKeys.set(column, await parentKeys(client, table, column, fk.table, referenced, oneToOne, keyLimit));
      }
    }
  }
  return { table, targetRows, existingRows, keyOffsets, foreignKeys, profile: seeding.profile, catalogs: seeding.catalogs };
}

async function dropKeyTables(client: Client, plan: TablePlan): Promise<void> {
  for (const source of plan.foreignKeys.values()) if (source.kind === 'keys') await client.query(`DROP TABLE IF EXISTS ${source.keyTable}`);
}

async function bulkLoad(seeding: Seeding, plan: TablePlan, batchRows: number): Promise<void> {
  const { client, options } = seeding;
  const { table } = plan;
  const rebuilt = table.indexes.filter((i) => !i.referenced && (!i.constraint || i.constraintName));
  await client.query('BEGIN');
  let from = 1;
  try {
    for (const index of rebuilt)
      await client.query(
        index.constraintName
          ? `ALTER TABLE ${ident(table.name)} DROP CONSTRAINT ${ident(index.constraintName)}`
          : `DROP INDEX ${ident(index.name)}`,
      );
    for (; from <= plan.targetRows; from += batchRows) {
      const to = Math.min(plan.targetRows, from + batchRows - 1);
      await client.query(insertStatement(plan, from, to, false));
      options.onProgress?.(table.name, to, plan.targetRows);
    }
    for (const index of rebuilt)
      await client.query(
        index.constraintName
          ? `ALTER TABLE ${ident(table.name)} ADD CONSTRAINT ${ident(index.constraintName)} ${index.constraintDefinition}`
          : index.definition,
      );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw await seedingFailed(client, plan, Math.min(from, plan.targetRows), Math.min(plan.targetRows, from + batchRows - 1), error);
  }
}

/** Batches appended until the table holds its target (conflicting keys are skipped, so more rows are numbered). */
async function appendLoad(seeding: Seeding, plan: TablePlan, batchRows: number): Promise<number> {
  const { client, options } = seeding;
  const { table } = plan;
  let rows = plan.existingRows;
  let next = plan.existingRows + 1;
  // Bounded: each batch either adds rows or ends the loop; at most 1,000 batches beyond the target's.
  const maxBatches = Math.ceil((plan.targetRows - plan.existingRows) / batchRows) + 1_000;
  // A unique index holding an integer key generated after the existing ones cannot conflict: no ON CONFLICT (its
  // speculative insertion costs a third of the throughput).
  const generatedKeys = new Set(integerKeyColumns(table));
  const conflicts = table.indexes.some((i) => i.unique && !i.columns.some((c) => generatedKeys.has(c)));
  for (let batch = 0; rows < plan.targetRows && batch < maxBatches; batch++) {
    const to = next + Math.min(batchRows, plan.targetRows - rows) - 1;
    let inserted: number;
    try {
      inserted = (await client.query(insertStatement(plan, next, to, conflicts))).rowCount ?? 0;
    } catch (error) {
      throw await seedingFailed(client, plan, next, to, error);
    }
    rows += inserted;
    next = to + 1;
    options.onProgress?.(table.name, rows, plan.targetRows);
    if (inserted === 0) break;
  }
  if (rows < plan.targetRows) {
    throw badInput(
      `room for ${plan.targetRows.toLocaleString('en-US')} rows of \`${table.name}\` with unique keys`,
      `${rows.toLocaleString('en-US')} rows: every further generated key is already taken`,
      `Lower \`tables.${table.name}.rows\`, or give the key columns' \`values\` in the profile.`,
    );
  }
  return rows - plan.existingRows;
}

/** Moves serial/identity sequences past the largest key, never backwards. */
async function advanceSequences(client: Client, table: TableCatalog): Promise<void> {
  for (const column of table.columns) {
    const sequence = (
      await client.query<{ s: string | null }>('SELECT pg_get_serial_sequence(quote_ident($1), $2) AS s', [table.name, column.name])
    ).rows[0]?.s;
    if (!sequence) continue;
    await client.query(
      `SELECT setval($1, m + 1, false) FROM (SELECT max(${ident(column.name)}) AS m FROM ${ident(table.name)}) x ` +
        'WHERE m IS NOT NULL AND m >= coalesce(pg_sequence_last_value($1::regclass), 0)',

      [sequence],
    );
  }
}

/**
 * Brings each table of `targetRows` (table → rows it should hold) that exists to its target; tables
 * already at or above it are left alone. Returns what it inserted.
 */
export async function seedTables(
  client: Client,
  profile: DataProfile,
  targetRows: ReadonlyMap<string, number>,
  options: SeedOptions = {},
): Promise<SeededTable[]> {
  const append = options.mode === 'append';
  const batchRows = Math.max(1, Math.floor(options.batchRows ?? 100_000));
  const catalogs: TableCatalog[] = [];
  for (const table of targetRows.keys()) {
    const catalog = await readTableCatalog(client, table);
    if (catalog) catalogs.push(catalog);
  }
  const seeding: Seeding = { client, profile, catalogs: new Map(catalogs.map((c) => [c.name, c])), generated: new Map(), options };
  if (!append) {
    try {
      await client.query("SET session_replication_role = 'replica'");
    } catch (error) {
      throw badInput(
        'a superuser connection (the seeder sets `session_replication_role` to load parents and children in one pass)',
        `\`${(error as Error).message}\``,
        'Use the embedded server (drop `--database-url`) or a superuser URL on your disposable server.',
      );
    }
  }
  const seeded: SeededTable[] = [];
  try {
    for (const table of parentsFirst(catalogs)) {
      const target = targetRows.get(table.name) ?? 0;
      const existing = await count(client, table.name);
      if (target <= existing) continue;
      const started = performance.now();
      options.onProgress?.(table.name, existing, target);
      const bulk = !append && existing === 0;
      const plan = await planTable(seeding, table, target, existing, !bulk);
      try {
        if (bulk) await bulkLoad(seeding, plan, batchRows);
        const inserted = bulk ? target : await appendLoad(seeding, plan, batchRows);
        if (bulk) seeding.generated.set(table.name, target);
        await advanceSequences(client, table);
        seeded.push({ table: table.name, rows: inserted, durationMs: performance.now() - started });
      } finally {
        await dropKeyTables(client, plan).catch(() => undefined);
      }
    }
  } catch (error) {
    if (error instanceof ExitError) throw error;
    throw badInput(
      'the seeder to read and fill the tables',
      `\`${(error as Error).message}\``,
      'Check that the connection can read and write every table of the profile.',
    );
  } finally {
    if (!append) await client.query('SET session_replication_role = DEFAULT').catch(() => undefined);
  }
  return seeded;
}

/**
 * An INSERT of one generated row of `table` whose row number is `$1` (the rehearsal's inserts):
 * keys after the existing ones, foreign keys among (up to 1,000 of) the parent's real keys, kept in
 * temporary tables of `client`'s session. Row numbers should start after the table's row count.
 */
export async function oneRowInsert(
  client: Client,
  profile: DataProfile,
  table: TableCatalog,
): Promise<{ sql: string; existingRows: number }> {
  // The planner's estimate (the gate has just analysed): row numbers only have to start past most keys, conflicts are skipped.
  const estimate =
    (
      await client.query<{ n: number }>(
        'SELECT greatest(reltuples, 0)::float8 AS n FROM pg_class WHERE oid = to_regclass(quote_ident($1))',
        [table.name],
      )
    ).rows[0]?.n ?? 0;
  const existingRows = Math.round(estimate);
  const seeding: Seeding = { client, profile, catalogs: new Map([[table.name, table]]), generated: new Map(), options: {} };
  const plan = await planTable(seeding, table, existingRows + 1_000_000, existingRows, true, 1_000);
  return { sql: insertStatement(plan, '$1::bigint', '$1::bigint', true), existingRows };
}
