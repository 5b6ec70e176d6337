/**
 * The SELECT list that generates one table's rows from the row number `g`: key columns unique,
 * foreign keys pointing at rows that exist, other columns shaped by the profile. Pure: everything
 * it needs about the database is in the plan the seeder passes in.
 */
import { ExitCode, ExitError, badInput } from '../../shared/exit-error';
import type { ColumnStats, DataProfile } from '../profile';
import { baseOf, type CatalogColumn, type TableCatalog } from './table-catalog';
import { distinctAt, ident, keyExpression, valueExpression, withNulls } from './value-expressions';

/** Integer types whose generated key values can be moved past the largest existing one. */
export const integerTypes = new Set(['int2', 'int4', 'int8', 'oid']);

/** Where a foreign-key column takes its values from. */
export type ForeignKeySource =
  /** The parent was generated from empty by the seeder: its key of row n is an expression of n. */
  | { readonly kind: 'generated'; readonly parentRows: number }
  /** The parent's actual keys, numbered 1..count in a temporary table `(n, k)`. */
  | { readonly kind: 'keys'; readonly keyTable: string; readonly count: number };

export interface TablePlan {
  /** The table. */
  readonly table: TableCatalog;
  /** Rows the table ends with (the row numbers `g` run up to it, and further to fill conflicts). */
  readonly targetRows: number;
  /** Rows it held before (new rows are numbered from here + 1). */
  readonly existingRows: number;
  /** Per integer key column: added to the row number so new keys come after the existing ones. */
  readonly keyOffsets: ReadonlyMap<string, number>;
  /** Per foreign-key column (first column of a single-column key): where its values come from. */
  readonly foreignKeys: ReadonlyMap<string, ForeignKeySource>;
  /** The profile. */
  readonly profile: DataProfile;
  /** Catalogs of the other seeded tables (parents' key expressions). */
  readonly catalogs: ReadonlyMap<string, TableCatalog>;
}

function statsOf(profile: DataProfile, table: string, column: string): ColumnStats | undefined {
  return profile.tables[table]?.columns?.[column];
}

/** Columns generated unique: for each unique index (not the primary key), its first column outside foreign keys. */
export function uniqueColumnsOf(table: TableCatalog): Set<string> {
  const unique = new Set<string>();
  for (const index of table.indexes.filter((i) => i.unique && !i.primary)) {
    const own = index.columns.find((c) => !table.foreignKeys.some((fk) => fk.columns.includes(c)));
    if (own) unique.add(own);
  }
  return unique;
}

/** The single-column primary key, if any. */
export function primaryKeyColumn(table: TableCatalog): string | undefined {
  const primary = table.indexes.find((i) => i.primary);
  return primary?.columns.length === 1 ? primary.columns[0] : undefined;
}

/**
 * How a key column (the single-column primary key, or a column generated unique) gets its value for
 * row number `row` (1-based SQL expression); undefined for other columns. Children whose parent was
 * generated from empty use the same expression, so their foreign keys point at rows that exist.
 */
export function keyColumnValue(
  table: TableCatalog,
  columnName: string,
  rows: number,
  profile: DataProfile,
  row: string,
  offset = 0,
): string | undefined {
  const column = table.columns.find((c) => c.name === columnName);
  if (!column) return undefined;
  const stats = statsOf(profile, table.name, columnName);
  const shifted = offset > 0 ? `(${row} + ${offset})` : row;
  const digits = String(rows + offset).length;
  if (primaryKeyColumn(table) === columnName) return valueExpression(column, shifted, stats, digits);
  if (uniqueColumnsOf(table).has(columnName)) return valueExpression(column, `(${shifted} - 1)`, stats, digits);
  return undefined;
}

function refuseUnlessNullable(column: CatalogColumn, expected: string, found: string, fix: string): string {
  if (!column.notNull) return 'NULL';
  throw badInput(expected, found, fix);
}

function foreignKeyValue(plan: TablePlan, column: CatalogColumn, salt: number): string {
  const { table } = plan;
  const fk = table.foreignKeys.find((k) => k.columns.includes(column.name))!;
  if (fk.columns.length > 1) {
    return refuseUnlessNullable(
      column,
      'single-column foreign keys (the seeder does not generate composite ones)',
      `\`${table.name}.${column.name}\` NOT NULL in a ${fk.columns.length}-column key to \`${fk.table}\``,
      `Make the column nullable in the sample, or give \`${table.name}\` 0 rows in the profile.`,
    );
  }
  const source = plan.foreignKeys.get(column.name);
  const parentCount = source ? (source.kind === 'keys' ? source.count : source.parentRows) : 0;
  if (!source || parentCount === 0) {
    return refuseUnlessNullable(
      column,
      `rows in \`${fk.table}\` (\`${table.name}.${column.name}\` references it and is NOT NULL)`,
      source ? `\`${fk.table}\` empty` : `no \`${fk.table}\` rows (it is not in the data profile)`,
      `Add \`${fk.table}\` with its prod row count to the profile.`,
    );
  }
  const oneToOne = table.indexes.some((i) => i.unique && i.columns.length === 1 && i.columns[0] === column.name);
  const newRows = plan.targetRows - plan.existingRows;
  if (oneToOne && fk.table !== table.name && newRows > parentCount) {
    throw badInput(
      `at most one \`${table.name}\` row per \`${fk.table}\` row (\`${column.name}\` is unique and references \`${fk.table}\`)`,
      `${plan.targetRows.toLocaleString('en-US')} sample rows of \`${table.name}\` for ${parentCount.toLocaleString('en-US')} of ` +
        `\`${fk.table}\` not yet referenced`,
      `Fix the row counts of \`${table.name}\` and \`${fk.table}\` in the profile.`,
    );
  }
  const key = keyExpression(
    Math.min(parentCount, distinctAt(statsOf(plan.profile, table.name, column.name), plan.targetRows)),
    plan.targetRows,
    salt,
  );
  const parentRow = oneToOne ? `(g - ${plan.existingRows})` : `(1 + ${key} % ${parentCount})`;
  if (source.kind === 'keys') return `(SELECT k FROM ${source.keyTable} WHERE n = ${parentRow})`;
  const parent = fk.table === table.name ? table : plan.catalogs.get(fk.table);
  const value = parent && keyColumnValue(parent, fk.referencedColumns[0]!, parentCount, plan.profile, parentRow);
  return (
    value ??
    refuseUnlessNullable(
      column,
      `a foreign key to \`${fk.table}\`'s primary key or a unique column`,
      `\`${table.name}.${column.name}\` referencing \`${fk.table}.${fk.referencedColumns[0]}\``,
      'Open an issue with both tables.',
    )
  );
}

/** `cannot seed `t.c` (type)`: the start of every message about a column the seeder cannot fill. */
export function cannotSeed(table: string, column: CatalogColumn): string {
  return (
    `cannot seed \`${table}.${column.name}\` (${column.type}): give its values in the profile ` +
    `(\`tables.${table}.columns.${column.name}.values\`)`
  );
}

/** Column names and their value expressions, for `INSERT INTO t (columns) SELECT values FROM generate_series(...) g`. */
export function selectList(plan: TablePlan): { columns: string[]; values: string[] } {
  const { table } = plan;
  const primary = table.indexes.find((i) => i.primary);
  const columns: string[] = [];
  const values: string[] = [];
  table.columns.forEach((column, position) => {
    if (column.generated) return;
    const salt = position * 104729 + 17;
    const stats = statsOf(plan.profile, table.name, column.name);
    let expression: string | undefined;
    if (table.foreignKeys.some((k) => k.columns.includes(column.name))) {
      expression = foreignKeyValue(plan, column, salt);
    } else if (
      (expression = keyColumnValue(table, column.name, plan.targetRows, plan.profile, 'g', plan.keyOffsets.get(column.name) ?? 0)) ===
      undefined
    ) {
      if (!stats && column.hasDefault) return;
      const distinct = distinctAt(stats, plan.targetRows);
      expression = valueExpression(column, keyExpression(distinct, plan.targetRows, salt), stats, String(Math.max(distinct - 1, 0)).length);
    }
    if (expression === undefined) {
      if (!column.notNull) expression = 'NULL';
      else
        throw new ExitError(
          ExitCode.badInput,
          `${cannotSeed(table.name, column)}; the seeder generates numbers, text, boolean, uuid, json, dates and times, bytea, inet, ` +
            `enums, domains, arrays and ranges of them, not \`${baseOf(column.typeInfo).name}\`.`,
        );
    }
    const nullFraction = column.notNull || primary?.columns.includes(column.name) ? 0 : (stats?.nullFraction ?? 0);
    columns.push(ident(column.name));
    values.push(withNulls(expression, nullFraction, salt));
  });
  return { columns, values };
}

/** The INSERT that adds rows numbered `from..to` to the plan's table. */
export function insertStatement(plan: TablePlan, from: number | string, to: number | string, onConflictDoNothing: boolean): string {
  const { columns, values } = selectList(plan);
  const identity = plan.table.columns.some((c) => c.hasDefault) ? ' OVERRIDING SYSTEM VALUE' : '';
  const conflict = onConflictDoNothing ? ' ON CONFLICT DO NOTHING' : '';
  return (
    `INSERT INTO ${ident(plan.table.name)} (${columns.join(', ')})${identity} SELECT ${values.join(', ')} FROM ` +
    `generate_series(${from}, ${to}) AS g${conflict}`
  );
}

/** True when an integer key column of `table` (primary or generated unique) needs an offset in append mode. */
export function integerKeyColumns(table: TableCatalog): string[] {
  const keys = [primaryKeyColumn(table), ...uniqueColumnsOf(table)].filter((c): c is string => c !== undefined);
  return keys.filter((name) => {
    const column = table.columns.find((c) => c.name === name);
    return (
      column !== undefined && !table.foreignKeys.some((k) => k.columns.includes(name)) && integerTypes.has(baseOf(column.typeInfo).name)
    );
  });
}
