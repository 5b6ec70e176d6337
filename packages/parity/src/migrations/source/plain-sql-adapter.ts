/**
 * Plain SQL migrations: `NNNN_name.sql` with an optional `NNNN_name.down.sql`. Each file is applied
 * in one transaction unless it starts with `-- parity:no-transaction` (needed for
 * `CREATE INDEX CONCURRENTLY`). Applied migrations are recorded in `parity_migrations`.
 */
import { MIGRATION_FILE, readInputText } from '../../shared/input-files';
import { join } from 'node:path';
import { readAllowAnnotations, type Migration, type MigrationAdapter } from './migration';

const upFile = /^(\d+)_[A-Za-z0-9_.-]+(?<!\.down)\.sql$/;
/** The opt-out, on the first line (after blank lines or other comments at the top). */
const noTransaction = /^(?:\s*--[^\n]*\n)*?\s*--\s*parity:no-transaction\b/i;

export const plainSqlAdapter: MigrationAdapter = {
  name: 'sql',
  description: '`NNNN_name.sql`, optional `NNNN_name.down.sql`',
  detect: (_dir, files) => files.some((f) => upFile.test(f)),
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
        const script = (scriptPath: string, text: string) => {
          const opted = noTransaction.test(text);
          return {
            path: scriptPath,
            sql: text,
            lineOffset: 0,
            transaction: opted ? ('none' as const) : ('wrap' as const),
            transactionReason: opted
              ? 'plain SQL: `-- parity:no-transaction`, each statement on its own'
              : 'plain SQL: one transaction per file',
          };
        };
        return {
          id,
          file,
          format: 'sql',
          up: script(path, sql),
          down: names.has(downName) ? script(downPath, readInputText(downPath, MIGRATION_FILE)) : undefined,
          allows: readAllowAnnotations(sql, { path, file }),
        };
      });
  },
  createHistorySql: 'CREATE TABLE IF NOT EXISTS parity_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  recordAppliedSql: 'INSERT INTO parity_migrations (id) VALUES ($1)',
  listAppliedSql: 'SELECT id FROM parity_migrations ORDER BY id',
};
