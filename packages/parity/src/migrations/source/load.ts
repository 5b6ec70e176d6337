/** Reads a migrations directory with the chosen adapter and parses every script. */
import { badInput } from '../../shared/exit-error';
import { MIGRATIONS_DIRECTORY, inputDirectoryNames } from '../../shared/input-files';
import type { ParsedMigration } from '../run/apply';
import type { MigrationAdapter } from './migration';
import { dbmateAdapter } from './dbmate-adapter';
import { flywayAdapter } from './flyway-adapter';
import { golangMigrateAdapter } from './golang-migrate-adapter';
import { gooseAdapter } from './goose-adapter';
import { knexAdapter } from './knex-adapter';
import { nodePgMigrateAdapter } from './node-pg-migrate-adapter';
import { plainSqlAdapter } from './plain-sql-adapter';
import { splitStatements } from './statements';

/** The migration tools the gate reads, by `--tool` name, in the order detection tries them. */
export const adapters: Record<string, MigrationAdapter> = {
  [flywayAdapter.name]: flywayAdapter,
  [golangMigrateAdapter.name]: golangMigrateAdapter,
  [gooseAdapter.name]: gooseAdapter,
  [dbmateAdapter.name]: dbmateAdapter,
  [nodePgMigrateAdapter.name]: nodePgMigrateAdapter,
  [knexAdapter.name]: knexAdapter,
  [plainSqlAdapter.name]: plainSqlAdapter,
};

/** The `--tool` names, for usage and messages. */
export const toolNames = ['sql', 'node-pg-migrate', 'knex', 'goose', 'dbmate', 'golang-migrate', 'flyway'] as const;

export function adapterNamed(name: string): MigrationAdapter {
  const adapter = adapters[name];
  if (!adapter)
    throw badInput(
      `\`--tool\` one of ${toolNames.join(', ')}`,
      `\`${name}\``,
      'Run again with `--tool sql`, or leave `--tool` out to detect the format.',
    );
  return adapter;
}

/** The adapter chosen and how: `--tool NAME`, or detected from the directory's files. */
export interface ChosenAdapter {
  readonly adapter: MigrationAdapter;
  /** For the report: `goose (detected: files with \`-- +goose Up\`)` or `flyway (--tool flyway)`. */
  readonly how: string;
}

/** `--tool` when given, else the first adapter whose files the directory holds. */
export function chooseAdapter(dir: string, tool: string | undefined): ChosenAdapter {
  if (tool !== undefined) return { adapter: adapterNamed(tool), how: `${tool} (--tool ${tool})` };
  const files = inputDirectoryNames(dir, MIGRATIONS_DIRECTORY);
  const found = Object.values(adapters).find((a) => a.detect?.(dir, files));
  if (!found) {
    throw badInput(
      `migrations of a known tool in \`${dir}\` (${Object.values(adapters)
        .map((a) => `${a.name}: ${a.description}`)
        .join('; ')})`,
      'none of them',
      'Check `--dir`, or name the tool with `--tool`.',
    );
  }
  return { adapter: found, how: `${found.name} (detected: ${found.description})` };
}

/** Loads and parses every migration of `dir`; exit 2 when the directory is missing or empty. */
export async function loadMigrations(dir: string, adapter: MigrationAdapter): Promise<ParsedMigration[]> {
  const migrations = await adapter.load(dir, inputDirectoryNames(dir, MIGRATIONS_DIRECTORY));
  if (migrations.length === 0) {
    throw badInput(
      `${adapter.name} migrations (${adapter.description}) in \`${dir}\``,
      'none',
      `Check \`--dir\` and \`--tool\` (now \`${adapter.name}\`).`,
    );
  }
  const parsed: ParsedMigration[] = [];
  for (const migration of migrations) {
    parsed.push({
      migration,
      up: await splitStatements(migration.up),
      down: migration.down ? await splitStatements(migration.down) : undefined,
    });
  }
  return parsed;
}
