/**
 * Plain SQL migrations: `NNNN_name.sql` with an optional `NNNN_name.down.sql`. Each file is applied
 * in one transaction unless it starts with `-- parity:no-transaction` (needed for
 * `CREATE INDEX CONCURRENTLY`). Applied migrations are recorded in `parity_migrations`.
 */
import { MIGRATION_FILE, readInputText } from '../../cli/input-files';
import { join } from 'node:path';
import { readAllowAnnotations, type Migration, type MigrationAdapter } from './migration';

const upFile = /^(\d+)_[A-Za-z0-9_.-]+(?<!\.down)\.sql$/;

export const plainSqlAdapter: MigrationAdapter = {
  name: 'sql',
  description: '`NNNN_name.sql`, optional `NNNN_name.down.sql`',
  historyTable: 'parity_migrations',
  load(dir, files) {
    const names = new Set(files);
    return files
      .filter((f) => upFile.test(f))
      .sort()
      .map((file): Migration => {
        const id = file.replace(/\.sql$/, '');
        const path = join(dir, file);
        const sql = readInputText(path, MIGRATION_FILE);
        const downName = `${id}.down.sql`;
        const downPath = join(dir, downName);
        return {
          id,
          file,
          up: { path, sql, lineOffset: 0 },
          down: names.has(downName) ? { path: downPath, sql: readInputText(downPath, MIGRATION_FILE), lineOffset: 0 } : undefined,
          transactional: !/^\s*--\s*parity:no-transaction\b/i.test(sql),
          allows: readAllowAnnotations(sql),
        };
      });
  },
  createHistorySql: 'CREATE TABLE IF NOT EXISTS parity_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  recordAppliedSql: 'INSERT INTO parity_migrations (id) VALUES ($1)',
  listAppliedSql: 'SELECT id FROM parity_migrations ORDER BY id',
};
