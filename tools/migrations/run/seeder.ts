/**
 * Seeds every profiled table to its sample row count with server-side generation
 * (`INSERT ... SELECT ... FROM generate_series`), parents before children so foreign keys point at
 * real rows, unique columns unique, nulls and distinct values as the profile says. Indexes and
 * the primary-key/unique constraints no foreign key depends on are dropped during the load and
 * rebuilt after it (PostgreSQL's "Populating a Database" advice), so the tables end with their
 * real indexes and constraints. Foreign-key triggers are skipped during the
 * load (`session_replication_role = replica`): the keys are valid by construction.
 */
import type { Client } from 'pg';
import { ExitError, badInput } from '../../cli/exit-error';
import type { DataProfile } from '../profile';
import { readTableCatalog, type CatalogColumn, type TableCatalog } from './table-catalog';
import { distinctAt, ident, keyExpression, valueExpression, withNulls } from './value-expressions';

export interface SeededTable {
  /** Table name. */
  readonly table: string;
  /** Rows inserted. */
  readonly rows: number;
  /** Time to insert and rebuild indexes, ms. */
  readonly durationMs: number;
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

/** Columns generated unique: for each unique index (not the primary key), its first column outside foreign keys. */
function uniqueColumnsOf(table: TableCatalog): Set<string> {
  const unique = new Set<string>();
  for (const index of table.indexes.filter((i) => i.unique && !i.primary)) {
    const own = index.columns.find((c) => !table.foreignKeys.some((fk) => fk.columns.includes(c)));
    if (own) unique.add(own);
  }
  return unique;
}

/**
 * How a key column of `table` (its single-column primary key, or a column generated unique) gets
 * its value for row number `row` (1-based SQL expression); undefined for other columns. Children
 * use the same expression, so their foreign keys point at rows that exist.
 */
function keyColumnValue(table: TableCatalog, columnName: string, rows: number, profile: DataProfile, row: string): string | undefined {
  const column = table.columns.find((c) => c.name === columnName);
  if (!column) return undefined;
  const width = profile.tables[table.name]?.columns?.[columnName]?.avgWidth;
  const primary = table.indexes.find((i) => i.primary);
  if (primary?.columns.length === 1 && primary.columns[0] === columnName) return valueExpression(column, row, width, String(rows).length);
  if (uniqueColumnsOf(table).has(columnName)) return valueExpression(column, `(${row} - 1)`, width, String(Math.max(rows - 1, 0)).length);
  return undefined;
}

function foreignKeyValue(table: TableCatalog, column: CatalogColumn, rows: number, context: SeedContext, salt: number): string {
  const fk = table.foreignKeys.find((k) => k.columns.includes(column.name))!;
  const parent = fk.table === table.name ? table : context.catalogs.get(fk.table);
  const parentRows = fk.table === table.name ? rows : (context.sampleRows.get(fk.table) ?? 0);
  const refuse = (expected: string, found: string, fix: string) => {
    if (!column.notNull) return 'NULL';
    throw badInput(expected, found, fix);
  };
  if (fk.columns.length > 1) return refuse('single-column foreign keys (the seeder does not generate composite ones)', `\`${table.name}.${column.name}\` NOT NULL in a ${fk.columns.length}-column key to \`${fk.table}\``, 'Make the column nullable in the sample, or open an issue with the table.');
  if (!parent || parentRows === 0) return refuse(`rows in \`${fk.table}\` (\`${table.name}.${column.name}\` references it and is NOT NULL)`, `no \`${fk.table}\` in the data profile`, `Add \`${fk.table}\` with its prod row count to the profile.`);
  const oneToOne = table.indexes.some((i) => i.unique && i.columns.length === 1 && i.columns[0] === column.name);
  if (oneToOne && parent !== table && rows > parentRows) {
    throw badInput(`at most one \`${table.name}\` row per \`${fk.table}\` row (\`${column.name}\` is unique and references \`${fk.table}\`)`, `${rows.toLocaleString('en-US')} sample rows of \`${table.name}\` for ${parentRows.toLocaleString('en-US')} of \`${fk.table}\``, `Fix the row counts of \`${table.name}\` and \`${fk.table}\` in the profile.`);
  }
  const key = keyExpression(Math.min(parentRows, distinctAt(context.profile.tables[table.name]?.columns?.[column.name], rows)), rows, salt);
  const value = keyColumnValue(parent, fk.referencedColumns[0]!, parentRows, context.profile, oneToOne ? 'g' : `(1 + ${key} % ${parentRows})`);
  return value ?? refuse(`a foreign key to \`${fk.table}\`'s primary key or a unique column`, `\`${table.name}.${column.name}\` referencing \`${fk.table}.${fk.referencedColumns[0]}\``, 'Open an issue with both tables.');
}

interface SeedContext {
  readonly profile: DataProfile;
  readonly sampleRows: ReadonlyMap<string, number>;
  readonly catalogs: ReadonlyMap<string, TableCatalog>;
}

function selectList(table: TableCatalog, rows: number, context: SeedContext): { columns: string[]; values: string[] } {
  const stats = context.profile.tables[table.name]?.columns ?? {};
  const primary = table.indexes.find((i) => i.primary);
  const columns: string[] = [];
  const values: string[] = [];
  table.columns.forEach((column, position) => {
    if (column.generated) return;
    const salt = position * 104729 + 17;
    const columnStats = stats[column.name];
    let expression: string | undefined;
    if (table.foreignKeys.some((k) => k.columns.includes(column.name))) {
      expression = foreignKeyValue(table, column, rows, context, salt);
    } else if ((expression = keyColumnValue(table, column.name, rows, context.profile, 'g')) === undefined) {
      if (!columnStats && column.hasDefault) return;
      const distinct = distinctAt(columnStats, rows);
      expression = valueExpression(column, keyExpression(distinct, rows, salt), columnStats?.avgWidth, String(Math.max(distinct - 1, 0)).length);
    }
    if (expression === undefined) {
      if (!column.notNull) expression = 'NULL';
      else throw badInput(`a column type the seeder can generate (numbers, text, boolean, uuid, json, dates, bytea, enums)`, `\`${table.name}.${column.name}\` of type \`${column.type}\` NOT NULL`, 'Give the column a default in its migration, or open an issue with the type.');
    }
    const nullFraction = column.notNull || primary?.columns.includes(column.name) ? 0 : (columnStats?.nullFraction ?? 0);
    columns.push(ident(column.name));
    values.push(withNulls(expression, nullFraction, salt));
  });
  return { columns, values };
}

/** The INSERT that seeds `table` with `rows` rows. */
export function seedStatement(table: TableCatalog, rows: number, profile: DataProfile, sampleRows: ReadonlyMap<string, number>, catalogs: ReadonlyMap<string, TableCatalog> = new Map()): string {
  const { columns, values } = selectList(table, rows, { profile, sampleRows, catalogs });
  const identity = table.columns.some((c) => c.hasDefault) ? ' OVERRIDING SYSTEM VALUE' : '';
  return `INSERT INTO ${ident(table.name)} (${columns.join(', ')})${identity} SELECT ${values.join(', ')} FROM generate_series(1, ${rows}) AS g`;
}

/** Seeds the tables of `sampleRows` (table → rows) that exist; returns what it inserted. */
export async function seedTables(client: Client, profile: DataProfile, sampleRows: ReadonlyMap<string, number>): Promise<SeededTable[]> {
  const catalogs: TableCatalog[] = [];
  for (const table of sampleRows.keys()) {
    const catalog = await readTableCatalog(client, table);
    if (catalog) catalogs.push(catalog);
  }
  const byName = new Map(catalogs.map((c) => [c.name, c]));
  const seeded: SeededTable[] = [];
  try {
    await client.query("SET session_replication_role = 'replica'");
  } catch (error) {
    throw badInput('a superuser connection (the seeder sets `session_replication_role` to load parents and children in one pass)', `\`${(error as Error).message}\``, 'Use the embedded server (drop `--database-url`) or a superuser URL on your disposable server.');
  }
  let current = '';
  try {
    for (const table of parentsFirst(catalogs)) {
      const rows = sampleRows.get(table.name) ?? 0;
      if (rows === 0) continue;
      current = table.name;
      const started = performance.now();
      const rebuilt = table.indexes.filter((i) => !i.referenced && (!i.constraint || i.constraintName));
      await client.query('BEGIN');
      for (const index of rebuilt) await client.query(index.constraintName ? `ALTER TABLE ${ident(table.name)} DROP CONSTRAINT ${ident(index.constraintName)}` : `DROP INDEX ${ident(index.name)}`);
      await client.query(seedStatement(table, rows, profile, sampleRows, byName));
      for (const index of rebuilt) await client.query(index.constraintName ? `ALTER TABLE ${ident(table.name)} ADD CONSTRAINT ${ident(index.constraintName)} ${index.constraintDefinition}` : index.definition);
      await client.query('COMMIT');
      for (const column of table.columns) {
        const sequence = (await client.query<{ s: string | null }>('SELECT pg_get_serial_sequence(quote_ident($1), $2) AS s', [table.name, column.name])).rows[0]?.s;
        if (sequence) await client.query(`SELECT setval($1, (SELECT coalesce(max(${ident(column.name)}), 0) + 1 FROM ${ident(table.name)}), false)`, [sequence]);
      }
      seeded.push({ table: table.name, rows, durationMs: performance.now() - started });
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    if (error instanceof ExitError) throw error;
    throw badInput(`\`${current}\` to accept generated rows shaped by the profile`, `\`${(error as Error).message}\``, `Check the profile's statistics for \`${current}\` (a CHECK constraint or a type the seeder cannot satisfy), or open an issue with the table's definition.`);
  } finally {
    await client.query('SET session_replication_role = DEFAULT');
  }
  return seeded;
}
