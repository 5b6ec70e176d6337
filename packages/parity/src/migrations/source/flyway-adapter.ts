/**
 * Flyway SQL migrations (`V1__name.sql`, `V1.2__name.sql`; undo scripts `U1__name.sql` as down).
 * Flyway runs each file in one transaction, unless every statement in it must run outside one
 * (`CREATE INDEX CONCURRENTLY`, `VACUUM`...): then the file runs without a transaction. A file mixing
 * both is refused by Flyway (`mixed` is false by default); the gate reports it as blocking.
 * Repeatable migrations (`R__name.sql`) are not read. Recorded in `flyway_schema_history`.
 */
import { MIGRATION_FILE, readInputText } from '../../shared/input-files';
import { join } from 'node:path';
import { readAllowAnnotations, type Migration, type MigrationAdapter, type MigrationScript } from './migration';

const versioned = /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/;
const reason = 'Flyway: one transaction per file';

function version(file: string): number[] {
  return versioned.exec(file)![2]!.split(/[._]/).map(Number);
}

function compare(a: string, b: string): number {
  const [x, y] = [version(a), version(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

function script(path: string): MigrationScript {
  return { path, sql: readInputText(path, MIGRATION_FILE), lineOffset: 0, transaction: 'auto', transactionReason: reason };
}

export const flywayAdapter: MigrationAdapter = {
  name: 'flyway',
  description: '`V1__name.sql` files, optional undo `U1__name.sql`',
  historyTable: 'flyway_schema_history',
  detect: (_dir, files) => files.some((f) => versioned.test(f) && f.startsWith('V')),
  load(dir, files) {
    const undo = new Map(files.filter((f) => versioned.exec(f)?.[1] === 'U').map((f) => [version(f).join('.'), f]));
    return files
      .filter((f) => versioned.exec(f)?.[1] === 'V')
      .sort(compare)
      .map((file): Migration => {
        const id = version(file).join('.');
        const up = script(join(dir, file));
        const down = undo.get(id);
        return {
          id,
          file,
          format: 'flyway',
          up,
          down: down ? script(join(dir, down)) : undefined,
          allows: readAllowAnnotations(up.sql, { path: up.path, file }),
        };
      });
  },
  createHistorySql:
    'CREATE TABLE IF NOT EXISTS flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50), ' +
    'description varchar(200) NOT NULL, type varchar(20) NOT NULL, script varchar(1000) NOT NULL, ' +
    'checksum int, installed_by varchar(100) NOT NULL, installed_on timestamp NOT NULL DEFAULT now(), ' +
    'execution_time int NOT NULL, success boolean NOT NULL)',
  recordAppliedSql:
    'INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, installed_by, execution_time, success) ' +
    "SELECT coalesce(max(installed_rank), 0) + 1, $1, '', 'SQL', '', current_user, 0, true FROM flyway_schema_history",
  listAppliedSql: 'SELECT version AS id FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank',
};
