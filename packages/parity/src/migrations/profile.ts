/**
 * The data profile: prod's row count and column statistics per table, no row data. Read from a
 * real database's `pg_class` and `pg_stats`, or from a JSON file.
 */
import { readInputText } from '../shared/input-files';
import type { Client } from 'pg';
import { z } from 'zod';
import { ExitError, badInput } from '../shared/exit-error';

/** A value the seeder may write into a column: a JSON scalar (cast to the column's type), or an object/array for json columns. */
const profileValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.record(z.string(), z.unknown()),
  z.array(z.unknown()),
]);

/**
 * Statistics of one column, every field optional: what is missing defaults in the seeder
 * (`columnDefaults` in run/value-expressions.ts): no NULLs, every value distinct, a width by type.
 */
const columnStatsSchema = z
  .object({
    /** Fraction of rows where the column is NULL (pg_stats.null_frac). @default 0 */
    nullFraction: z.number().min(0).max(1).optional(),
    /**
     * pg_stats.n_distinct: a count when positive, minus a fraction of the rows when negative (-1 = unique).
     * @default -1, or the number of `values`
     */

    distinct: z.number().min(-1).optional(),
    /** Average width in bytes (pg_stats.avg_width). @default by type (12 for text) */
    avgWidth: z.number().int().min(0).optional(),
    /**
     * The values the column takes, for a column whose type or CHECK constraint the seeder cannot
     * satisfy by itself; rows cycle through them.
     */
    values: z.array(profileValueSchema).min(1).optional(),
  })
  .strict();

export const dataProfileSchema = z
  .object({
    tables: z.record(
      z.string(),
      z
        .object({
          /** Row count in prod. */
          rows: z.number().int().min(0),
          /** Per-column statistics; optional. */
          columns: z.record(z.string(), columnStatsSchema).optional(),
        })
        .strict(),
    ),
  })
  .strict();

export type DataProfile = z.infer<typeof dataProfileSchema>;
export type ColumnStats = z.infer<typeof columnStatsSchema>;

/** Reads and validates a profile file; exit 2 with the first problem. */
export function readDataProfile(file: string): DataProfile {
  let raw: unknown;
  try {
    raw = JSON.parse(
      readInputText(file, {
        what: 'a data profile JSON file',
        fix: 'Check `--profile`, or write one with `npx parity migrations profile --database-url URL --output FILE`.',
      }),
    );
  } catch (error) {
    if (error instanceof ExitError) throw error;
    throw badInput(
      `a data profile JSON file at \`${file}\``,
      `\`${(error as Error).message}\``,
      'Write one with `npx parity migrations profile --database-url URL --output FILE`.',
    );
  }
  const parsed = dataProfileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badInput(
      `a profile shaped \`{ "tables": { "<table>": { "rows": N, "columns": { ... } } } }\` in \`${file}\``,
      `${issue.message} at \`${issue.path.join('.') || '(root)'}\``,
      'Fix the file or write it again with `npx parity migrations profile`.',
    );
  }
  return parsed.data;
}

/** Tables the migration tools keep for themselves: never profiled. */
export const historyTables = ['parity_migrations', 'pgmigrations', 'knex_migrations', 'knex_migrations_lock'];

/**
 * Reads the profile of a live database: `pg_class.reltuples` for rows and `pg_stats` for columns,
 * for the ordinary tables of non-system schemas. A table never analysed (reltuples -1) is an
 * error, not a guess.
 */
export async function collectDataProfile(client: Client): Promise<DataProfile> {
  const tables = await client.query<{ name: string; rows: number }>(
    `SELECT c.relname AS name, c.reltuples::float8 AS rows
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
        AND NOT c.relispartition AND c.relname <> ALL ($1::text[])
      ORDER BY c.relname`,
    [historyTables],
  );
  const unanalysed = tables.rows.filter((t) => t.rows < 0).map((t) => t.name);
  if (unanalysed.length > 0) {
    throw badInput(
      'row estimates in pg_class for every table',
      `never-analysed tables ${unanalysed.map((t) => `\`${t}\``).join(', ')} (reltuples = -1)`,
      `Run \`ANALYZE ${unanalysed.join(', ')};\` on that database, then profile again.`,
    );
  }
  const stats = await client.query<{ table: string; column: string; null_frac: number; n_distinct: number; avg_width: number }>(
    `SELECT tablename AS table, attname AS column, null_frac::float8, n_distinct::float8, avg_width
       FROM pg_stats WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY tablename, attname`,
  );
  const profile: DataProfile = { tables: {} };
  for (const t of tables.rows) profile.tables[t.name] = { rows: Math.round(t.rows) };
  for (const s of stats.rows) {
    const table = profile.tables[s.table];
    if (!table) continue;
    table.columns ??= {};
    table.columns[s.column] = { nullFraction: round(s.null_frac), distinct: round(s.n_distinct), avgWidth: s.avg_width };
  }
  return profile;
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
