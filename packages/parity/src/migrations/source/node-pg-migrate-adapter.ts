/**
 * node-pg-migrate's SQL migrations: one `.sql` file per migration holding `-- Up Migration` and an
 * optional `-- Down Migration` section (the markers node-pg-migrate's sqlMigration reads, with
 * its regular expression `^\s*--[\s-]*up\s+migration`). node-pg-migrate runs each migration in a
 * transaction and records it in `pgmigrations (id, name, run_on)`, `name` being the file name
 * without extension. JavaScript migrations (`.js`/`.cjs`) are read with a recording `pgm`
 * (node-pg-migrate-js.ts): `pgm.sql()` and `pgm.noTransaction()`.
 */
import { MIGRATION_FILE, readInputText } from '../../shared/input-files';
import { join } from 'node:path';
import { readAllowAnnotations, type Migration, type MigrationAdapter, type MigrationScript } from './migration';
import { loadJsMigration } from './node-pg-migrate-js';

const jsFile = /^\d+[_-].*\.c?js$/;
const marker = (direction: 'up' | 'down') => new RegExp(`^\\s*--[\\s-]*${direction}\\s+migration`, 'im');

function section(path: string, content: string, start: number, end: number | undefined): MigrationScript {
  return {
    path,
    sql: content.slice(start, end),
    lineOffset: content.slice(0, start).split('\n').length - 1,
    transaction: 'wrap',
    transactionReason: 'node-pg-migrate: one transaction per migration (`--no-single-transaction`)',
  };
}

export const nodePgMigrateAdapter: MigrationAdapter = {
  name: 'node-pg-migrate',
  description: '`.sql` files with `-- Up Migration` and `-- Down Migration`, or `.js` files calling `pgm.sql()`',
  detect: (dir, files) =>
    files.some(
      (f) =>
        (f.endsWith('.sql') && marker('up').test(readInputText(join(dir, f), MIGRATION_FILE))) ||
        (jsFile.test(f) && /\bpgm\s*\./.test(readInputText(join(dir, f), MIGRATION_FILE))),
    ),
  historyTable: 'pgmigrations',
  async load(dir, files) {
    const sql = files
      .filter((f) => f.endsWith('.sql'))
      .map((file): Migration => {
        const path = join(dir, file);
        const content = readInputText(path, MIGRATION_FILE);
        const at = (direction: 'up' | 'down') => {
          const found = content.search(marker(direction));
          return found < 0 ? found : content.indexOf('--', found);
        };
        const upAt = at('up');
        const downAt = at('down');
        const up =
          upAt >= 0
            ? section(path, content, upAt, downAt > upAt ? downAt : undefined)
            : section(path, content, 0, downAt >= 0 ? downAt : undefined);
        const down = downAt >= 0 ? section(path, content, downAt, upAt > downAt ? upAt : undefined) : undefined;
        return {
          id: file.replace(/\.sql$/, ''),
          file,
          format: 'node-pg-migrate',
          up,
          down,
          allows: readAllowAnnotations(up.sql, { path, file, lineOffset: up.lineOffset }),
        };
      });
    const js = await Promise.all(files.filter((f) => jsFile.test(f)).map((f) => loadJsMigration(join(dir, f), f)));
    // node-pg-migrate runs them in the order of their file names (timestamps), whatever the language.
    return [...sql, ...js].sort((a, b) => a.file.localeCompare(b.file));
  },
  createHistorySql:
    'CREATE TABLE IF NOT EXISTS pgmigrations (id serial PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL)',
  recordAppliedSql: 'INSERT INTO pgmigrations (name, run_on) VALUES ($1, now())',
  listAppliedSql: 'SELECT name AS id FROM pgmigrations ORDER BY run_on, id',
};
