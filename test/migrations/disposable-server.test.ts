/**
 * "Disposable means disposable": a `--database-url` server holding user objects in any database the
 * role can see is refused (exit 2) unless `--allow-non-empty`; an empty or malformed URL is bad
 * input before anything connects.
 */
import { Client } from 'pg';
import { ExitError } from '../../packages/parity/src/shared/exit-error';
import { openGateServer } from '../../packages/parity/src/migrations/run/database';
import { startEmbeddedServer, type EmbeddedServer } from '../../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../../packages/parity/src/migrations/server/postgres-binaries';

let server: EmbeddedServer;
let admin: Client;
const declaredVersion = '16.8';
const redacted = () => server.url.replace(/:[^:@/]+@/, ':***@');
const open = (databaseUrl: string, allowNonEmpty = false) => openGateServer({ databaseUrl, declaredVersion, allowNonEmpty });
const refusal = async (databaseUrl: string) =>
  (await open(databaseUrl).then(
    (s) => s.close().then(() => undefined),
    (e: unknown) => e,
  )) as ExitError | undefined;
const inDatabase = async (database: string, sql: string) => {
  const client = new Client({ connectionString: server.url.replace(/\/postgres$/, `/${database}`) });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

beforeAll(async () => {
  server = await startEmbeddedServer(embeddedPostgresBinaries());
  admin = new Client({ connectionString: server.url });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  await server?.stop();
});

test('an empty server is accepted, and the gate leaves no database of its own', async () => {
  const gate = await open(server.url);
  await gate.createDatabase('probe');
  await gate.close();
  expect((await admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'parity_gate_%'")).rows).toEqual([]);
});

test.each([
  ['a sequence', 'CREATE SEQUENCE counter', 'sequence `public.counter`'],
  ['a function', 'CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS $$ SELECT 42 $$', 'function `public.answer`'],
  ['a type', "CREATE TYPE colour AS ENUM ('red')", 'type `public.colour`'],
  ['a schema', 'CREATE SCHEMA reporting', 'schema `reporting`'],
  ['an extension', 'CREATE EXTENSION pg_trgm', 'extension `pg_trgm`'],
])('%s in another database of the server is refused', async (_name, sql, found) => {
  await admin.query('DROP DATABASE IF EXISTS other WITH (FORCE)');
  await admin.query('CREATE DATABASE other');
  await inDatabase('other', sql);
  const error = await refusal(server.url);
  expect(error).toBeInstanceOf(ExitError);
  expect(error!.code).toBe(2);
  expect(
    error!.message.startsWith(
      `expected a disposable database at ${redacted()} (the gate creates, fills and drops its own databases on that server), found ` +
        `objects the gate did not create: other: ${found}`,
    ),
  ).toBe(true);
  expect(error!.message).toMatch(
    /Point `--database-url` at an empty database of a throwaway server, or pass `--allow-non-empty` if that server is disposable anyway\.$/,
  );
  const allowed = await open(server.url, true);
  await allowed.close();
  await admin.query('DROP DATABASE other WITH (FORCE)');
});

test('a table in the connected database is refused with its name', async () => {
  await admin.query('CREATE TABLE someone_elses (id int)');
  const error = await refusal(server.url);
  await admin.query('DROP TABLE someone_elses');
  expect(error!.message).toBe(
    `expected a disposable database at ${redacted()} (the gate creates, fills and drops its own databases on that server), found ` +
      `objects the gate did not create: postgres: table \`public.someone_elses\`. Point \`--database-url\` at an empty database of a ` +
      `throwaway server, or pass \`--allow-non-empty\` if that server is disposable anyway.`,
  );
});

test('a leftover gate database of a killed run does not count', async () => {
  await admin.query('CREATE DATABASE parity_gate_full_deadbeef');
  await inDatabase('parity_gate_full_deadbeef', 'CREATE TABLE orders (id int)');
  const gate = await open(server.url);
  await gate.close();
  await admin.query('DROP DATABASE parity_gate_full_deadbeef WITH (FORCE)');
});

test.each([
  ['an empty value', '', 'an empty value'],
  ['a bare word (no DNS lookup)', 'base', '`base`, which is not a URL'],
  ['another scheme', 'mysql://u:secret@127.0.0.1/db', 'the scheme `mysql:` in `mysql://u:***@127.0.0.1/db`'],
  ['no host', 'postgresql:///db', 'no host in `postgresql:///db`'],
])('%s as --database-url is bad input before connecting', async (_name, url, found) => {
  const started = performance.now();
  const error = (await refusal(url)) as ExitError;
  expect(error.code).toBe(2);
  expect(error.message).toBe(
    `expected \`--database-url\` as \`postgresql://USER:PASSWORD@HOST:PORT/DATABASE\`, found ${found}. Fix the URL (percent-encode ` +
      `\`@\`, \`:\` and \`/\` in the password).`,
  );
  expect(performance.now() - started).toBeLessThan(500);
});
