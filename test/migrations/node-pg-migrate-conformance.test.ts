/**
 * The node-pg-migrate adapter against the real tool: node-pg-migrate (the npm CLI) applies and
 * reverts the fixture migrations on a real server; the gate's preflight reads the tool's own
 * history table and agrees with it.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { runPreflight } from '../../packages/parity/src/migrations/preflight';
import { startEmbeddedServer, type EmbeddedServer } from '../../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../../packages/parity/src/migrations/server/postgres-binaries';
import { prodPreflightEnvironment } from '../support/this-project';

const root = join(__dirname, '..', '..');
const dir = 'test/fixtures/migrations/node-pg-migrate';
let server: EmbeddedServer;

function nodePgMigrate(...args: string[]): string {
  return execFileSync(
    join(root, 'node_modules', '.bin', 'node-pg-migrate'),
    [...args, '-m', dir, '--ignore-pattern', '(\\..*)|(.*\\.json)', '--no-verbose'],
    { cwd: root, env: { ...process.env, DATABASE_URL: server.url }, encoding: 'utf8' },
  );
}

async function relations(): Promise<string[]> {
  const client = new Client({ connectionString: server.url });
  await client.connect();
  try {
    return (
      await client.query<{ name: string }>(
        "SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'i') AND relname LIKE " +
          "'notes%' ORDER BY 1",
      )
    ).rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

const missing = async () =>
  (await runPreflight({ databaseUrl: server.url, dir: join(root, dir), tool: 'node-pg-migrate', environment: prodPreflightEnvironment() }))
    .missing;

beforeAll(async () => {
  server = await startEmbeddedServer(embeddedPostgresBinaries());
});
afterAll(async () => server?.stop());

test('up 1, up, down 1: preflight reads pgmigrations as node-pg-migrate writes it', async () => {
  expect(await missing()).toEqual(['1700000000000_create-notes', '1700000000001_notes-body-index']);
  expect(nodePgMigrate('up', '1')).toContain('MIGRATION 1700000000000_create-notes (UP)');
  expect(await missing()).toEqual(['1700000000001_notes-body-index']);
  expect(await relations()).toEqual(['notes', 'notes_pkey']);
  nodePgMigrate('up');
  expect(await missing()).toEqual([]);
  expect(await relations()).toEqual(['notes', 'notes_body_idx', 'notes_pkey']);
  expect(nodePgMigrate('down', '1')).toContain('MIGRATION 1700000000001_notes-body-index (DOWN)');
  expect(await missing()).toEqual(['1700000000001_notes-body-index']);
  expect(await relations()).toEqual(['notes', 'notes_pkey']);
});
