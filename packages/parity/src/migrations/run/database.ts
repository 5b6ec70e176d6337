/**
 * The PostgreSQL server the gate runs on: an embedded one of prod's major version, or one the user
 * provides with `--database-url` (which must be of prod's major and disposable). The gate works in
 * databases it creates on that server and drops them afterwards.
 */
import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { badInput } from '../../shared/exit-error';
import { connectClient } from './connect-client';
import { registerCleanup } from '../server/cleanup';
import { gateDatabasePrefix, userObjects, visibleDatabases } from './disposable-check';
import { startEmbeddedServer } from '../server/embedded-server';
import { assertSameMajor, embeddedPostgresBinaries, parsePostgresVersion } from '../server/postgres-binaries';

/** Hides the password of a connection URL for messages (also in text that does not parse as one). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/(\/\/[^:@/]*:)[^@]*@/, '$1***@').replace(/(password=)[^&\s]*/gi, '$1***');
  }
}

const urlShape = '`--database-url` as `postgresql://USER:PASSWORD@HOST:PORT/DATABASE`';

/**
 * Checks a connection URL before anything connects (no DNS lookup for a malformed one): scheme
 * `postgres:`/`postgresql:`, a host (or `?host=` for a socket directory), a numeric port.
 */
export function assertDatabaseUrl(url: string): void {
  const refuse = (found: string) => badInput(urlShape, found, 'Fix the URL (percent-encode `@`, `:` and `/` in the password).');
  if (url.trim() === '') throw refuse('an empty value');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refuse(`\`${redactUrl(url)}\`, which is not a URL`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    throw refuse(`the scheme \`${parsed.protocol}\` in \`${redactUrl(url)}\``);
  if (!parsed.hostname && !parsed.searchParams.get('host')) throw refuse(`no host in \`${redactUrl(url)}\``);
  if (parsed.port !== '' && !/^\d+$/.test(parsed.port)) throw refuse(`the port \`${parsed.port}\` in \`${redactUrl(url)}\``);
}

/** Connects; a malformed URL, an unreachable or refusing server is exit 2. */
export async function connect(url: string): Promise<Client> {
  assertDatabaseUrl(url);
  let connected: Awaited<ReturnType<typeof connectClient>>;
  try {
    connected = await connectClient({ connectionString: url, connectionTimeoutMillis: 10_000 });
  } catch (error) {
    // `new Client` parses the URL: a malformed one throws before any connection.
    throw badInput(urlShape, `\`${redactUrl(url)}\` (${(error as Error).message})`, 'Fix the URL.');
  }
  if ('reason' in connected) {
    throw badInput(
      `a reachable PostgreSQL server at \`${redactUrl(url)}\``,
      `\`${connected.reason}\``,
      'Check the host, port and credentials, and that the server is running (`pg_isready -d URL`).',
    );
  }
  return connected.client;
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

/** User objects in every database the role can see (the gate's own left out), `database: kind name`; at most 6. */
async function userObjectsOnServer(admin: Client, adminUrl: string): Promise<string[]> {
  const found: string[] = [];
  for (const database of await visibleDatabases(admin)) {
    let client: Client;
    try {
      client = database === admin.database ? admin : await connect(withDatabase(adminUrl, database));
    } catch {
      // A database that cannot be inspected is not known to be empty.
      found.push(`${database}: a database the gate cannot connect to, to check it`);
      continue;
    }
    try {
      found.push(...(await userObjects(client)).map((o) => `${database}: ${o}`));
    } finally {
      if (client !== admin) await client.end().catch(() => undefined);
    }
    if (found.length >= 6) break;
  }
  return found.slice(0, 6);
}

/** Opens the server the gate runs on. */
export async function openGateServer(options: ServerOptions): Promise<GateServer> {
  let adminUrl: string;
  let stopEmbedded: (() => Promise<void>) | undefined;
  let description: string;
  if (options.databaseUrl !== undefined) {
    assertDatabaseUrl(options.databaseUrl);
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
    assertSameMajor(
      options.declaredVersion,
      { version: parsed.text, major: parsed.major },
      options.databaseUrl ? `the server at ${description}` : description,
    );
    if (options.databaseUrl !== undefined && !options.allowNonEmpty) {
      const objects = await userObjectsOnServer(admin, adminUrl);
      if (objects.length > 0) {
        throw badInput(
          `a disposable database at ${description} (the gate creates, fills and drops its own databases on that server)`,
          `objects the gate did not create: ${objects.join(', ')}${objects.length === 6 ? ' and more' : ''}`,
          'Point `--database-url` at an empty database of a throwaway server, or pass `--allow-non-empty` if that server is ' +
            'disposable anyway.',
        );
      }
    }
    return {
      version: parsed.text,
      description,
      async createDatabase(purpose) {
        const name = `${gateDatabasePrefix}${purpose}_${randomBytes(4).toString('hex')}`;
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
