/**
 * dbmate migrations (`VERSION_name.sql` with `-- migrate:up` and `-- migrate:down`). dbmate sends
 * each section as one query inside a transaction; `-- migrate:up transaction:false` leaves the
 * transaction out, and the section, sent as one multi-statement query, then runs as PostgreSQL's
 * implicit transaction (unless it is a single statement). Recorded in `schema_migrations (version)`.
 */
import { MIGRATION_FILE, readInputText } from '../../shared/input-files';
import { join } from 'node:path';
import { badInput } from '../../shared/exit-error';
import { readAllowAnnotations, type Migration, type MigrationAdapter, type MigrationScript } from './migration';
import { anySqlFileContains, markerLines, sectionScript, type MarkerLine } from './sections';

const dbmateFile = /^(\d+)_[A-Za-z0-9_.-]*\.sql$/;
const marker = /^\s*--\s*migrate:(up|down)\b(.*)$/i;

function script(path: string, content: string, at: MarkerLine, end: number | undefined): MigrationScript {
  const off = /\btransaction:false\b/i.test(at.match[2] ?? '');
  return sectionScript(
    path,
    content,
    at.index,
    end,
    off ? 'implicit' : 'wrap',
    off
      ? `dbmate: \`-- migrate:${at.match[1]!.toLowerCase()} transaction:false\`, the section as one multi-statement query`
      : 'dbmate: one transaction per section',
  );
}

export const dbmateAdapter: MigrationAdapter = {
  name: 'dbmate',
  description: '`VERSION_name.sql` files with `-- migrate:up` and `-- migrate:down`',
  historyTable: 'schema_migrations',
  detect: (dir, files) => anySqlFileContains(dir, files, /^\s*--\s*migrate:up\b/im),
  load(dir, files) {
    return files
      .filter((f) => dbmateFile.test(f))
      .sort()
      .map((file): Migration => {
        const path = join(dir, file);
        const content = readInputText(path, MIGRATION_FILE);
        const markers = markerLines(content, marker);
        const up = markers.find((m) => m.match[1]!.toLowerCase() === 'up');
        const down = markers.find((m) => m.match[1]!.toLowerCase() === 'down');
        if (!up)
          throw badInput(
            `a \`-- migrate:up\` line in the dbmate migration ${path}`,
            'none',
            'Start the file with `-- migrate:up` (and its rollback after `-- migrate:down`).',
          );
        const upScript = script(path, content, up, down && down.index > up.index ? down.index : undefined);
        const downScript = down ? script(path, content, down, up.index > down.index ? up.index : undefined) : undefined;
        return {
          id: dbmateFile.exec(file)![1]!,
          file,
          format: 'dbmate',
          up: upScript,
          down: downScript?.sql.replace(/--[^\n]*/g, '').trim() ? downScript : undefined,
          allows: readAllowAnnotations(content, { path, file }),
        };
      });
  },
  createHistorySql: 'CREATE TABLE IF NOT EXISTS schema_migrations (version varchar(128) PRIMARY KEY)',
  recordAppliedSql: 'INSERT INTO schema_migrations (version) VALUES ($1)',
  listAppliedSql: 'SELECT version AS id FROM schema_migrations ORDER BY version',
};
