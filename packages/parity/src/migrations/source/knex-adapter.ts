/**
 * knex migrations (`.js`, `.cjs`, `.ts` exporting `up`, `down`, optional `config.transaction`).
 * Their SQL is recorded by running `up` and `down` against a knex whose PostgreSQL client sends
 * nothing to a server: every query is formatted with its bindings and kept, and answers with no
 * rows (so a migration that reads data sees an empty database while being recorded). knex runs
 * each migration in a transaction unless `config.transaction` is false, and records it in
 * `knex_migrations (id, name, batch, migration_time)`, `name` being the file name.
 */
import { MIGRATION_FILE, readInputText } from '../../shared/input-files';
import { join, resolve } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { badInput } from '../../shared/exit-error';
import { readAllowAnnotations, type Migration, type MigrationAdapter, type MigrationScript } from './migration';

interface KnexQuery {
  sql: string;
  bindings?: unknown[];
  response?: unknown;
}
type PgClientClass = new (config: Knex.Config) => object;

// knex's PostgreSQL client and query formatter (the one `toQuery()` uses); knex has no `exports` map.
const PgClient = require('knex/lib/dialects/postgres') as PgClientClass;
const { formatQuery } = require('knex/lib/execution/internal/query-executioner') as {
  formatQuery(sql: string, bindings: unknown[] | undefined, timeZone: undefined, client: object): string;
};

/** A knex instance that records the SQL it would run. */
export function recordingKnex(): { knex: Knex; statements: string[] } {
  const statements: string[] = [];
  class RecordingClient extends PgClient {
    async acquireConnection(): Promise<object> {
      return { __knexUid: 'parity-recorder' };
    }
    async releaseConnection(): Promise<void> {}
    /** Keeps knex's `?` placeholders, which `formatQuery` fills with the bindings. */
    positionBindings(sql: string): string {
      return sql;
    }
    _query(_connection: object, query: KnexQuery): Promise<KnexQuery> {
      statements.push(formatQuery(query.sql, query.bindings, undefined, this));
      query.response = { rows: [], rowCount: 0, command: 'RECORDED' };
      return Promise.resolve(query);
    }
  }
  return {
    knex: knexFactory({ client: RecordingClient as unknown as typeof Knex.Client, connection: {}, pool: { min: 0, max: 1 } }),
    statements,
  };
}

interface KnexMigrationModule {
  up?: (knex: Knex) => unknown;
  down?: (knex: Knex) => unknown;
  config?: { transaction?: boolean };
}

async function record(path: string, run: (knex: Knex) => unknown, transactional: boolean): Promise<MigrationScript> {
  const { knex, statements } = recordingKnex();
  try {
    await run(knex);
  } catch (error) {
    throw badInput(
      `the knex migration ${path} to run while its SQL is recorded`,
      `\`${(error as Error).message}\``,
      'Fix the migration; while recorded, queries that read data get no rows.',
    );
  } finally {
    await knex.destroy();
  }
  return {
    path,
    sql: statements.map((s) => `${s.replace(/;\s*$/, '')};`).join('\n'),
    lineOffset: 0,
    transaction: transactional ? 'wrap' : 'none',
    transactionReason: transactional ? 'knex: one transaction per migration' : 'knex: `config.transaction = false`, each query on its own',
  };
}

const migrationFile = /\.(c?js|ts)$/;

export const knexAdapter: MigrationAdapter = {
  name: 'knex',
  description: '`.js`, `.cjs` or `.ts` files exporting `up` and `down`',
  detect: (dir, files) =>
    files.some(
      (f) =>
        migrationFile.test(f) &&
        !f.endsWith('.d.ts') &&
        /\bexports\.up\b|export\s+(async\s+)?function\s+up\b|module\.exports/.test(readInputText(join(dir, f), MIGRATION_FILE)),
    ),
  historyTable: 'knex_migrations',
  async load(dir, files) {
    const migrations: Migration[] = [];
    for (const file of files.filter((f) => migrationFile.test(f) && !f.endsWith('.d.ts')).sort()) {
      const path = join(dir, file);
      const source = readInputText(path, MIGRATION_FILE);
      const module = require(resolve(path)) as KnexMigrationModule;
      if (typeof module.up !== 'function')
        throw badInput(`an \`up\` function exported by the knex migration ${path}`, 'none', 'Export `up(knex)` (and `down(knex)`).');
      const transactional = module.config?.transaction !== false;
      migrations.push({
        id: file,
        file,
        format: 'knex',
        up: await record(path, module.up, transactional),
        down: typeof module.down === 'function' ? await record(path, module.down, transactional) : undefined,
        allows: readAllowAnnotations(source, { path, file }),
      });
    }
    return migrations;
  },
  createHistorySql:
    'CREATE TABLE IF NOT EXISTS knex_migrations (id serial PRIMARY KEY, name varchar(255), batch integer, migration_time timestamptz); ' +
    'CREATE TABLE IF NOT EXISTS knex_migrations_lock (index serial PRIMARY KEY, is_locked integer)',
  recordAppliedSql: 'INSERT INTO knex_migrations (name, batch, migration_time) VALUES ($1, 1, now())',
  listAppliedSql: 'SELECT name AS id FROM knex_migrations ORDER BY id',
};
