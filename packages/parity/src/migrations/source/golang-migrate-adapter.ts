/**
 * golang-migrate (`N_name.up.sql` with an optional `N_name.down.sql`). Its PostgreSQL driver opens
 * no transaction: it sends the whole file as one multi-statement query, which PostgreSQL runs as one
 * implicit transaction (so `SET LOCAL` holds to the end of the file, and `CREATE INDEX CONCURRENTLY`
 * works only alone in its file). Recorded in `schema_migrations (version, dirty)`.
 */
import { MIGRATION_FILE, readInputText } from '../../shared/input-files';
import { join } from 'node:path';
import { readAllowAnnotations, type Migration, type MigrationAdapter, type MigrationScript } from './migration';
import { numericVersion } from './sections';

const upFile = /^(\d+)_(.+)\.up\.sql$/;
const reason = 'golang-migrate: the file as one multi-statement query (an implicit transaction)';

function script(path: string): MigrationScript {
  return { path, sql: readInputText(path, MIGRATION_FILE), lineOffset: 0, transaction: 'implicit', transactionReason: reason };
}

export const golangMigrateAdapter: MigrationAdapter = {
  name: 'golang-migrate',
  description: '`N_name.up.sql` files, optional `N_name.down.sql`',
  historyTable: 'schema_migrations',
  detect: (_dir, files) => files.some((f) => upFile.test(f)),
  load(dir, files) {
    const names = new Set(files);
    return files
      .filter((f) => upFile.test(f))
      .sort((a, b) => Number(BigInt(upFile.exec(a)![1]!) - BigInt(upFile.exec(b)![1]!)))
      .map((file): Migration => {
        const path = join(dir, file);
        const downName = file.replace(/\.up\.sql$/, '.down.sql');
        const up = script(path);
        return {
          id: numericVersion(upFile.exec(file)![1]!),
          file,
          format: 'golang-migrate',
          up,
          down: names.has(downName) ? script(join(dir, downName)) : undefined,
          allows: readAllowAnnotations(up.sql, { path, file }),
        };
      });
  },
  createHistorySql: 'CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, dirty boolean NOT NULL)',
  recordAppliedSql: 'INSERT INTO schema_migrations (version, dirty) VALUES ($1::bigint, false) ON CONFLICT (version) DO NOTHING',
  listAppliedSql: 'SELECT version::text AS id FROM schema_migrations WHERE NOT dirty ORDER BY version',
};
