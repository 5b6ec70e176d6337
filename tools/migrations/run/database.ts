/**
 * The PostgreSQL server the gate runs on: an embedded one of prod's major version, or one the user
 * provides with `--database-url` (which must be of prod's major and disposable). The gate works in
 * databases it creates on that server and drops them afterwards.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { badInput } from '../../cli/exit-error';
import { registerCleanup } from '../server/cleanup';
import { startEmbeddedServer } from '../server/embedded-server';
import { assertSameMajor, embeddedPostgresBinaries, parsePostgresVersion } from '../server/postgres-binaries';

/** Hides the password of a connection URL for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

/** Connects; an unreachable or refusing server is exit 2. */
export async function connect(url: string): Promise<Client> {
  let client: Client;
  try {
    client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  } catch (error) {
    throw badInput('`--database-url` as `postgresql://USER:PASSWORD@HOST:PORT/DATABASE`', `\`${redactUrl(url)}\` (${(error as Error).message})`, 'Fix the URL.');
  }
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    const reason = (error as Error).message || (error as { code?: string }).code || String(error);
    throw badInput(`a reachable PostgreSQL server at \`${redactUrl(url)}\``, `\`${reason}\``, 'Check the host, port and credentials, and that the server is running (`pg_isready -d URL`).');
  }
  return client;
}

export interface GateServer {
  /** `server_version`, e.g. `16.14`. */
  readonly version: string;
  /** Where it came from, for the report: `embedded (…)` or the redacted URL. */
  readonly description: string;
  /** Creates a fresh database; returns its URL. */
  createDatabase(purpose: string): Promise<string>;
  /** Drops the gate's databases and stops an embedded server. */
  close(): Promise<void>;
}

export interface ServerOptions {
  /** `--database-url`: a disposable server the user provides. */
  readonly databaseUrl?: string;
  /** Prod's PostgreSQL version (config/platform.ts). */
  readonly declaredVersion: string;
  /** `--allow-non-empty`: accept a `--database-url` database that already holds tables. */
  readonly allowNonEmpty: boolean;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function userTableNames(client: Client): Promise<string[]> {
  const r = await client.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1 LIMIT 6`,
  );
  return r.rows.map((row) => row.name);
}

/** Opens the server the gate runs on. */
export async function openGateServer(options: ServerOptions): Promise<GateServer> {
  let adminUrl: string;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let description: string;
  if (options.databaseUrl) {
    adminUrl = options.databaseUrl;
    description = redactUrl(adminUrl);
  } else {
    const binaries = embeddedPostgresBinaries();
    assertSameMajor(options.declaredVersion, binaries, binaries.source);
    const server = await startEmbeddedServer(binaries);
    adminUrl = server.url;
    stopEmbedded = server.stop;
    description = `embedded ${binaries.source}`;
  }
  const created: string[] = [];
  const admin = await connect(adminUrl).catch(async (error: unknown) => {
    await stopEmbedded?.();
    throw error;
  });
  const close = registerCleanup(async () => {
    for (const name of created) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
    await stopEmbedded?.();
  });
  try {
    const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
    const parsed = parsePostgresVersion(version);
    if (!parsed) throw badInput('a PostgreSQL `server_version` of the form `MAJOR.MINOR`', `\`${version}\``, 'Use a PostgreSQL server.');
    assertSameMajor(options.declaredVersion, { version: parsed.text, major: parsed.major }, options.databaseUrl ? `the server at ${description}` : description);
    if (options.databaseUrl && !options.allowNonEmpty) {
      const tables = await userTableNames(admin);
      if (tables.length > 0) {
        throw badInput(
          `a disposable database at ${description} (the gate creates, fills and drops its own databases on that server)`,
          `tables the gate did not create: ${tables.map((t) => `\`${t}\``).join(', ')}${tables.length === 6 ? ' and more' : ''}`,
          'Point `--database-url` at an empty database of a throwaway server, or pass `--allow-non-empty` if that server is disposable anyway.',
        );
      }
    }
    return {
      version: parsed.text,
      description,
      async createDatabase(purpose) {
        const name = `parity_gate_${purpose}_${randomBytes(4).toString('hex')}`;
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0`);
        created.push(name);
        return withDatabase(adminUrl, name);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
