/**
 * Finds the applied-migrations tables of the runners the gate knows, in any user schema, and reads
 * which migrations each records as applied. Each runner keeps its history differently:
 * - node-pg-migrate `pgmigrations (id, name, run_on)`, knex `knex_migrations (id, name, batch, migration_time)`,
 *   the gate's plain SQL `parity_migrations (id, applied_at)` (src/migrations/source/*-adapter.ts): one row per migration;
 * - goose `goose_db_version (id, version_id, is_applied, tstamp)`: one row per apply or rollback, the latest row of a
 *   version wins, version 0 is goose's own;
 * - dbmate `schema_migrations (version)`: one row per migration;
 * - golang-migrate `schema_migrations (version, dirty)`: one row, the current version (dirty when it failed half-way);
 * - Flyway `flyway_schema_history (installed_rank, version, description, type, success, ...)`: successful rows;
 *   repeatable migrations have no version.
 */
import type { Client } from 'pg';
import type { MigrationHistory } from './model';
import { qualified } from './sql-names';

interface Runner {
  readonly runner: string;
  readonly table: string;
  /** Columns that tell this runner's table apart from another runner's table of the same name. */
  readonly columns: readonly string[];
  /** Ids in applied order, in column `id`; `%t` is the qualified table. */
  readonly sql: string;
  readonly currentVersionOnly?: boolean;
}

/** Most specific first: golang-migrate and dbmate share the table name. */
const RUNNERS: readonly Runner[] = [
  { runner: 'sql', table: 'parity_migrations', columns: ['id'], sql: 'SELECT id::text AS id FROM %t ORDER BY id' },
  {
    runner: 'node-pg-migrate',
    table: 'pgmigrations',
    columns: ['name', 'run_on'],
    sql: 'SELECT name::text AS id FROM %t ORDER BY run_on, id',
  },
  { runner: 'knex', table: 'knex_migrations', columns: ['name'], sql: 'SELECT name::text AS id FROM %t ORDER BY id' },
  {
    runner: 'goose',
    table: 'goose_db_version',
    columns: ['version_id', 'is_applied'],
    sql:
      'SELECT version_id::text AS id FROM (SELECT DISTINCT ON (version_id) version_id, is_applied, id AS row_id FROM %t ' +
      'WHERE version_id <> 0 ORDER BY version_id, id DESC) v WHERE is_applied ORDER BY version_id',
  },
  {
    runner: 'golang-migrate',
    table: 'schema_migrations',
    columns: ['version', 'dirty'],
    sql: "SELECT version::text || CASE WHEN dirty THEN ' (dirty)' ELSE '' END AS id FROM %t",
    currentVersionOnly: true,
  },
  { runner: 'dbmate', table: 'schema_migrations', columns: ['version'], sql: 'SELECT version::text AS id FROM %t ORDER BY version' },
  {
    runner: 'flyway',
    table: 'flyway_schema_history',
    columns: ['version', 'description', 'success'],
    sql: "SELECT coalesce(version, 'R ' || description) AS id FROM %t WHERE success AND type <> 'SCHEMA' ORDER BY installed_rank",
  },
];

/** The history tables of the runners the gate supports, by name (for the profile, which leaves them out). */
export const HISTORY_TABLE_NAMES: readonly string[] = [...new Set([...RUNNERS.map((r) => r.table), 'knex_migrations_lock'])];

export async function readMigrationHistories(client: Client): Promise<MigrationHistory[]> {
  const found = await client.query<{ schema: string; table: string; columns: string[] }>(
    `SELECT n.nspname AS schema, c.relname AS table, array_agg(a.attname::text) AS columns
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped

      WHERE c.relkind IN ('r', 'p', 'v') AND c.relname = ANY($1::text[]) AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [RUNNERS.map((r) => r.table)],
  );
  const histories: MigrationHistory[] = [];
  for (const t of found.rows) {
    const runner = RUNNERS.find((r) => r.table === t.table && r.columns.every((c) => t.columns.includes(c)));
    if (!runner) continue;
    const table = qualified(t.schema, t.table);
    const applied = [...new Set((await client.query<{ id: string }>(runner.sql.replace('%t', table))).rows.map((r) => r.id))];
    histories.push({
      table: `${t.schema}.${t.table}`,
      runner: runner.runner,
      applied,
      currentVersionOnly: runner.currentVersionOnly ?? false,
    });
  }
  return histories;
}
