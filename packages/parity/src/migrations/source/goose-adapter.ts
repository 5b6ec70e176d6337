/**
 * goose SQL migrations (`NNNN_name.sql` with `-- +goose Up` and `-- +goose Down`). goose runs each
 * file in one transaction unless it holds `-- +goose NO TRANSACTION`, and sends the section's
 * statements one by one: a statement ends at a line ending in `;`, except between
 * `-- +goose StatementBegin` and `-- +goose StatementEnd`, which is sent whole. A statement goose
 * would cut in the wrong place (a function body without StatementBegin) is bad input, as goose
 * would fail on it. Applied versions are recorded in `goose_db_version`.
 */
import { MIGRATION_FILE, readInputText } from '../../shared/input-files';
import { join } from 'node:path';
import { parse } from 'libpg-query';
import { badInput } from '../../shared/exit-error';
import { readAllowAnnotations, type Migration, type MigrationAdapter, type MigrationScript } from './migration';
import { anySqlFileContains, markerLines, numericVersion, sectionScript } from './sections';

const gooseFile = /^(\d+)_[A-Za-z0-9_.-]+\.sql$/;
const annotation = /^\s*--\s*\+goose\s+(up|down|statementbegin|statementend|no transaction)\b/i;

/** The statements goose would send for a section, with the line each starts on (in the file). */
export function gooseStatements(script: MigrationScript): { sql: string; line: number }[] {
  const chunks: { sql: string; line: number }[] = [];
  let current: string[] = [];
  let start = 0;
  let inBlock = false;
  script.sql.split('\n').forEach((line, i) => {
    const marker = line.match(annotation)?.[1]?.toLowerCase();
    if (marker === 'statementbegin') {
      inBlock = true;
      return;
    }
    if (marker === 'statementend') {
      inBlock = false;
      if (current.join('').trim()) chunks.push({ sql: current.join('\n'), line: start + script.lineOffset + 1 });
      current = [];
      return;
    }
    if (current.length === 0 || !current.join('').trim()) start = i;
    current.push(line);
    const code = line.replace(/--.*$/, '').trimEnd();
    if (!inBlock && code.endsWith(';')) {
      chunks.push({ sql: current.join('\n'), line: start + script.lineOffset + 1 });
      current = [];
    }
  });
  const rest = current
    .join('\n')
    .replace(/--[^\n]*/g, '')
    .trim();
  if (rest) chunks.push({ sql: current.join('\n'), line: start + script.lineOffset + 1 });
  return chunks;
}

async function checkSplit(script: MigrationScript): Promise<void> {
  for (const chunk of gooseStatements(script)) {
    try {
      await parse(chunk.sql);
    } catch (error) {
      throw badInput(
        `statements goose can send one by one in ${script.path}`,
        `the statement at line ${chunk.line} cut at a line ending in \`;\` (\`${(error as Error).message.replace(/\s+/g, ' ')}\`)`,
        'Wrap a statement with `;` inside it (a function body, a DO block) in `-- +goose StatementBegin` / `-- +goose StatementEnd`.',
      );
    }
  }
}

export const gooseAdapter: MigrationAdapter = {
  name: 'goose',
  description: '`NNNN_name.sql` files with `-- +goose Up` and `-- +goose Down`',
  historyTable: 'goose_db_version',
  detect: (dir, files) => anySqlFileContains(dir, files, /^\s*--\s*\+goose\s+up\b/im),
  async load(dir, files) {
    const migrations: Migration[] = [];
    for (const file of files.filter((f) => gooseFile.test(f)).sort()) {
      const path = join(dir, file);
      const content = readInputText(path, MIGRATION_FILE);
      const markers = markerLines(content, annotation);
      const up = markers.find((m) => m.match[1]!.toLowerCase() === 'up');
      const down = markers.find((m) => m.match[1]!.toLowerCase() === 'down');
      if (!up)
        throw badInput(
          `a \`-- +goose Up\` annotation in the goose migration ${path}`,
          'none',
          'Start the file with `-- +goose Up` (and put its rollback after `-- +goose Down`).',
        );
      const noTransaction = markers.some((m) => m.match[1]!.toLowerCase() === 'no transaction');
      const mode = noTransaction ? 'none' : 'wrap';
      const reason = noTransaction ? 'goose: `-- +goose NO TRANSACTION`, each statement on its own' : 'goose: one transaction per file';
      const upScript = sectionScript(path, content, up.index, down && down.index > up.index ? down.index : undefined, mode, reason);
      const downScript = down
        ? sectionScript(path, content, down.index, up.index > down.index ? up.index : undefined, mode, reason)
        : undefined;
      await checkSplit(upScript);
      if (downScript) await checkSplit(downScript);
      migrations.push({
        id: numericVersion(gooseFile.exec(file)![1]!),
        file,
        format: 'goose',
        up: upScript,
        down: downScript?.sql.replace(/--[^\n]*/g, '').trim() ? downScript : undefined,
        allows: readAllowAnnotations(content, { path, file }),
      });
    }
    return migrations;
  },
  createHistorySql:
    'CREATE TABLE IF NOT EXISTS goose_db_version (id serial PRIMARY KEY, version_id bigint NOT NULL, ' +
    'is_applied boolean NOT NULL, tstamp timestamp DEFAULT now())',
  recordAppliedSql: 'INSERT INTO goose_db_version (version_id, is_applied) VALUES ($1::bigint, true)',
  listAppliedSql: 'SELECT version_id::text AS id FROM goose_db_version WHERE is_applied AND version_id > 0 ORDER BY version_id',
};
