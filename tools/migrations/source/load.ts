/** Reads a migrations directory with the chosen adapter and parses every script. */
import { badInput } from '../../cli/exit-error';
import { MIGRATIONS_DIRECTORY, inputDirectoryNames } from '../../cli/input-files';
import type { ParsedMigration } from '../run/apply';
import type { MigrationAdapter } from './migration';
import { knexAdapter } from './knex-adapter';
import { nodePgMigrateAdapter } from './node-pg-migrate-adapter';
import { plainSqlAdapter } from './plain-sql-adapter';
import { splitStatements } from './statements';

/** The migration tools the gate reads, by `--tool` name. */
export const adapters: Record<string, MigrationAdapter> = {
  [plainSqlAdapter.name]: plainSqlAdapter,
  [nodePgMigrateAdapter.name]: nodePgMigrateAdapter,
  [knexAdapter.name]: knexAdapter,
};

export function adapterNamed(name: string): MigrationAdapter {
  const adapter = adapters[name];
  if (!adapter) throw badInput(`\`--tool\` one of ${Object.keys(adapters).join(', ')}`, `\`${name}\``, 'Run again with `--tool sql`.');
  return adapter;
}

/** Loads and parses every migration of `dir`; exit 2 when the directory is missing or empty. */
export async function loadMigrations(dir: string, adapter: MigrationAdapter): Promise<ParsedMigration[]> {
  const migrations = await adapter.load(dir, inputDirectoryNames(dir, MIGRATIONS_DIRECTORY));
  if (migrations.length === 0) {
    throw badInput(`${adapter.name} migrations (${adapter.description}) in \`${dir}\``, 'none', `Check \`--dir\` and \`--tool\` (now \`${adapter.name}\`).`);
  }
  const parsed: ParsedMigration[] = [];
  for (const migration of migrations) {
    parsed.push({ migration, up: await splitStatements(migration.up), down: migration.down ? await splitStatements(migration.down) : undefined });
  }
  return parsed;
}
