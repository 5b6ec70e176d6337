/**
 * The deploy gate: does the target database have every migration the new application version
 * expects? Reads the migration tool's history table and compares it with the migrations directory.
 */
import { MIGRATIONS_DIRECTORY, inputDirectoryNames } from '../shared/input-files';
import { connect, redactUrl } from './run/database';
import { adapterNamed } from './source/load';

export interface PreflightOptions {
  /** The target database. */
  readonly databaseUrl: string;
  /** Migrations directory of the new application version. */
  readonly dir: string;
  /** Migration tool (`sql`, `node-pg-migrate`). */
  readonly tool: string;
  /** What the target is expected to be: the CLI builds it from the project's configuration or from flags. */
  readonly environment: PreflightEnvironment;
}

/** The environment the target database belongs to, as its configuration describes it. */
export interface PreflightEnvironment {
  /** Its name, e.g. `prod`. */
  readonly name: string;
  /** Where this description comes from, named in the report (e.g. `config/environments.ts, config/platform.ts`). */
  readonly source: string;
  /** The database the configuration names; the report notes a URL that points at another. */
  readonly databaseName?: string;
  /** Prod's PostgreSQL version, when known. */
  readonly engineVersion?: string;
}

export interface PreflightResult {
  /** Version of this JSON shape. */
  readonly schemaVersion: 1;
  /** The environment configuration read. */
  readonly environment: PreflightEnvironment;
  /** The database checked (password hidden) and the database it actually is. */
  readonly target: { readonly url: string; readonly database: string };
  /** The table that records applied migrations. */
  readonly historyTable: string;
  /** Whether that table exists. */
  readonly historyTableExists: boolean;
  /** Migrations the new version expects, in order. */
  readonly expected: readonly string[];
  /** Expected migrations the database does not have. */
  readonly missing: readonly string[];
  /** Migrations the database has that the directory does not (another branch, a renamed file). */
  readonly unknownApplied: readonly string[];
}

export async function runPreflight(options: PreflightOptions): Promise<PreflightResult> {
  const env = options.environment;
  const adapter = adapterNamed(options.tool);
  const expected = (await adapter.load(options.dir, inputDirectoryNames(options.dir, MIGRATIONS_DIRECTORY))).map((m) => m.id);
  const client = await connect(options.databaseUrl);
  try {
    const database = (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
    const exists = Boolean(
      (await client.query<{ oid: number | null }>('SELECT to_regclass($1)::oid AS oid', [adapter.historyTable])).rows[0]?.oid,
    );
    const applied = exists ? (await client.query<{ id: string }>(adapter.listAppliedSql)).rows.map((r) => r.id) : [];
    const appliedSet = new Set(applied);
    const expectedSet = new Set(expected);
    return {
      schemaVersion: 1,
      environment: env,
      target: { url: redactUrl(options.databaseUrl), database },
      historyTable: adapter.historyTable,
      historyTableExists: exists,
      expected,
      missing: expected.filter((id) => !appliedSet.has(id)),
      unknownApplied: applied.filter((id) => !expectedSet.has(id)),
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The message: which migrations are missing, which table was read, which configuration. */
export function renderPreflight(result: PreflightResult): string {
  const env = result.environment;
  const described = [
    env.databaseName === undefined ? '' : `database \`${env.databaseName}\``,
    env.engineVersion === undefined ? '' : `PostgreSQL ${env.engineVersion}`,
  ]
    .filter(Boolean)
    .join(', ');
  const read =
    `Read environment configuration \`${env.name}\` (${env.source}${described ? `: ${described}` : ''}); ` +
    `checked database \`${result.target.database}\` at ${result.target.url}; ` +
    `applied migrations are recorded in table \`${result.historyTable}\`` +
    `${result.historyTableExists ? '' : ' (which does not exist there: no migration was ever applied)'}.`;
  const lines = [
    result.missing.length === 0
      ? `Preflight passed: the database has all ${result.expected.length} migrations the new version expects.`
      : `Preflight FAILED: the database is missing ${result.missing.length} of ${result.expected.length} ` +
        `migrations the new version expects: ${result.missing.join(', ')}. ` +
        `Apply them (run the migrations job for \`${env.name}\`) before deploying.`,
    read,
  ];
  if (result.unknownApplied.length > 0)
    lines.push(`Note: the database has migrations this version does not know: ${result.unknownApplied.join(', ')}.`);
  if (env.databaseName !== undefined && result.target.database !== env.databaseName)
    lines.push(`Note: the configuration names database \`${env.databaseName}\`, the URL points at \`${result.target.database}\`.`);
  return lines.join('\n');
}
