/**
 * knex migrations: their SQL is recorded without a server, then measured by the gate; and the real
 * knex migrator, on a real server, writes the history table preflight reads.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import knexFactory from 'knex';
import { Client } from 'pg';
import { runMigrationGate } from '../../packages/parity/src/migrations/gate';
import { runPreflight } from '../../packages/parity/src/migrations/preflight';
import type { GateReport } from '../../packages/parity/src/migrations/report/gate-report';
import { startEmbeddedServer, type EmbeddedServer } from '../../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../../packages/parity/src/migrations/server/postgres-binaries';
import { knexAdapter } from '../../packages/parity/src/migrations/source/knex-adapter';
import { PROD_PG_VERSION, prodPreflightEnvironment } from '../support/this-project';

const dir = join(__dirname, '..', 'fixtures', 'migrations', 'knex');
let server: EmbeddedServer;
let report: GateReport;

beforeAll(async () => {
  server = await startEmbeddedServer(embeddedPostgresBinaries());
  report = await runMigrationGate({
    dir,
    tool: 'knex',
    databaseUrl: server.url,
    allowNonEmpty: false,
    selection: { kind: 'last', count: 2 },
    scale: 1,
    maxRows: 1_000_000,
    lockBudgetMs: 2000,
    totalBudgetMs: 30_000,
    squawk: { exclude: [], block: [] },
    declaredVersion: PROD_PG_VERSION,
  });
});
afterAll(async () => server?.stop());

test.each([
  [
    '20240101000000_create_widgets.js',
    true,
    'create table "widgets" ("id" bigserial primary key, "name" varchar(80) not null, "weight" integer);',
    'drop table "widgets";',
  ],
  [
    '20240102000000_widgets_name_index.js',
    false,
    "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY widgets_name_idx ON widgets (name);",
    'DROP INDEX CONCURRENTLY widgets_name_idx;',
  ],
  [
    '20240103000000_widgets_drop_weight.js',
    true,
    'SET lock_timeout = \'2s\';\ndelete from "widgets" where "weight" < 0;\nalter table "widgets" drop column "weight";',
    'alter table "widgets" add column "weight" integer;',
  ],
])('records %s (transaction %s)', async (file, transactional, up, down) => {
  const migration = (await knexAdapter.load(dir, readdirSync(dir))).find((m) => m.id === file)!;
  expect([migration.up.transaction === 'wrap', migration.up.sql, migration.down?.sql]).toEqual([transactional, up, down]);
});

test('the gate measures recorded knex SQL: concurrent index passes, dropping populated data blocks', () => {
  expect(report.seeded.map((s) => [s.table, s.sampleRows])).toEqual([['widgets', 20000]]);
  expect(report.migrations.map((m) => [m.file, m.findings.filter((f) => f.level === 'blocking').map((f) => f.rule)])).toEqual([
    ['20240102000000_widgets_name_index.js', []],
    ['20240103000000_widgets_drop_weight.js', ['destructive-change']],
  ]);
  expect(report.migrations[0]!.statements[1]!.locks.map((l) => l.mode)).toEqual(['ShareUpdateExclusiveLock']);
});

test('the real knex migrator writes knex_migrations as preflight reads it', async () => {
  const admin = new Client({ connectionString: server.url });
  await admin.connect();
  await admin.query('CREATE DATABASE knex_real');
  await admin.end();
  const url = server.url.replace(/\/postgres$/, '/knex_real');
  const knex = knexFactory({ client: 'pg', connection: url });
  try {
    await knex.migrate.up({ directory: dir });
    expect((await runPreflight({ databaseUrl: url, dir, tool: 'knex', environment: prodPreflightEnvironment() })).missing).toEqual([
      '20240102000000_widgets_name_index.js',
      '20240103000000_widgets_drop_weight.js',
    ]);
    await knex.migrate.latest({ directory: dir });
    const result = await runPreflight({ databaseUrl: url, dir, tool: 'knex', environment: prodPreflightEnvironment() });
    expect([result.historyTable, result.missing, result.unknownApplied]).toEqual(['knex_migrations', [], []]);
  } finally {
    await knex.destroy();
  }
});
