/**
 * Fidelity on real PostgreSQL: a migration runs as its runner runs it. SET LOCAL holds for the rest
 * of its transaction, a lock taken by statement N is held until COMMIT, a no-transaction file runs
 * each statement on its own and its own BEGIN ... COMMIT is honoured; every runner format end to end.
 */
import { join } from 'node:path';
import { runMigrationGate } from '../../packages/parity/src/migrations/gate';
import { startEmbeddedServer, type EmbeddedServer } from '../../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../../packages/parity/src/migrations/server/postgres-binaries';
import { blockingRules, gateOnFresh, testGateOptions } from './support/gate-dir';

let server: EmbeddedServer;
beforeAll(async () => {
  server = await startEmbeddedServer(embeddedPostgresBinaries());
});
afterAll(async () => server?.stop());

test('SET LOCAL lock_timeout at the top of a wrapped file holds for the statements after it', async () => {
  const report = await gateOnFresh(server.url, {
    '0002_add.sql': "SET LOCAL lock_timeout = '2s';\nALTER TABLE authors ADD COLUMN meta jsonb;\n",
  });
  const [m] = report.migrations;
  expect(m!.transaction).toBe('plain SQL: one transaction per file');
  expect(m!.statements.map((s) => [s.line, s.lockTimeout, s.inTransaction])).toEqual([
    [1, '0', true],
    [2, '2s', true],
  ]);
  expect(blockingRules(m)).toEqual([]);
});

test('in a no-transaction file SET LOCAL is gone before the next statement: lock-timeout blocks', async () => {
  const report = await gateOnFresh(server.url, {
    '0002_add.sql': "-- parity:no-transaction\nSET LOCAL lock_timeout = '2s';\nALTER TABLE authors ADD COLUMN meta jsonb;\n",
  });
  const [m] = report.migrations;
  expect(m!.transaction).toBe('plain SQL: `-- parity:no-transaction`, each statement on its own');
  expect(m!.statements.map((s) => [s.lockTimeout, s.inTransaction])).toEqual([
    ['0', false],
    ['0', false],
  ]);
  expect(blockingRules(m)).toEqual(['lock-timeout']);
});

test('a lock taken by an early statement is held through the later ones until COMMIT', async () => {
  const report = await gateOnFresh(server.url, {
    '0002_two.sql':
      "SET LOCAL lock_timeout = '2s';\nALTER TABLE authors ADD COLUMN meta jsonb;\nALTER TABLE prices ALTER price SET DATA TYPE bigint;\n",
  });
  const [, addColumn, retype] = report.migrations[0]!.statements;
  expect(addColumn!.locks.map((l) => [l.table, l.mode])).toEqual([['authors', 'AccessExclusiveLock']]);
  expect(addColumn!.locks[0]!.heldMs).toBeGreaterThanOrEqual(retype!.durationMs);
  expect(retype!.work).toEqual([{ table: 'prices', rewrite: true, indexBuild: false }]);
  expect(blockingRules(report.migrations[0])).toEqual(['table-work-under-write-lock', 'lock-held-through-work']);
});

test("a no-transaction file's own BEGIN ... COMMIT runs as one transaction, CONCURRENTLY after it alone", async () => {
  const report = await gateOnFresh(server.url, {
    '0002_mixed.sql':
      "-- parity:no-transaction\nSET lock_timeout = '2s';\nBEGIN;\nALTER TABLE authors ADD COLUMN a int;\nALTER TABLE authors ADD " +
      'COLUMN b int;\nCOMMIT;\nCREATE INDEX CONCURRENTLY authors_name_idx ON authors (name);\n',
  });
  const m = report.migrations[0]!;
  expect(m.statements.map((s) => [s.line, s.inTransaction, s.locks.map((l) => l.mode)])).toEqual([
    [2, false, []],
    [4, true, ['AccessExclusiveLock']],
    [5, true, []],
    [7, false, ['ShareUpdateExclusiveLock']],
  ]);
  expect(blockingRules(m)).toEqual([]);
});

test.each([
  [
    'goose',
    [
      ['00001_create_accounts.sql', []],
      ['00002_accounts_touch_function.sql', []],
      ['00003_accounts_email_index.sql', []],
      ['00004_accounts_plan_index.sql', ['table-work-under-write-lock']],
    ],
  ],
  [
    'dbmate',
    [
      ['20240101000000_create_accounts.sql', []],
      ['20240102000000_accounts_email_index.sql', []],
      ['20240103000000_accounts_note.sql', []],
      ['20240104000000_accounts_plan_index_in_one_query.sql', ['concurrently-in-transaction']],
    ],
  ],
  [
    'node-pg-migrate-js',
    [
      ['1700000000000_create-accounts.js', []],
      ['1700000000001_accounts-email-index.js', []],
      ['1700000000002_accounts-plan-index.js', ['table-work-under-write-lock']],
    ],
  ],
  [
    'golang-migrate',
    [
      ['1_create_accounts.up.sql', []],
      ['2_accounts_email_index.up.sql', []],
      ['3_accounts_note.up.sql', []],
    ],
  ],
  [
    'flyway',
    [
      ['V1__create_accounts.sql', []],
      ['V1_1__accounts_email_index.sql', []],
      ['V2__accounts_note.sql', []],
      ['V10__accounts_mixed.sql', ['concurrently-in-transaction']],
    ],
  ],
])(
  '%s end to end with --all: the table is seeded right after it is created, every migration judged as its runner runs it',
  async (format, expected) => {
    const dir = join(__dirname, '..', 'fixtures', 'migrations', format);
    const report = await runMigrationGate({ ...testGateOptions(dir, server.url, 1), selection: { kind: 'all' } });
    expect(report.tool.startsWith(`${format.replace(/-js$/, '')} (detected: `)).toBe(true);
    expect(report.seeded.map((s) => [s.table, s.prodRows, s.sampleRows, s.afterMigration])).toEqual([
      ['accounts', 600_000, 6000, expected[0]![0]],
    ]);
    expect(report.migrations.map((m) => [m.file, blockingRules(m)])).toEqual(expected);
  },
);

test('goose: the Down section runs in the up, down, up round trip', async () => {
  const dir = join(__dirname, '..', 'fixtures', 'migrations', 'goose');
  const report = await runMigrationGate(testGateOptions(dir, server.url, 3));
  expect(report.migrations.map((m) => [m.file, m.findings.filter((f) => f.rule === 'down-round-trip').length])).toEqual([
    ['00002_accounts_touch_function.sql', 0],
    ['00003_accounts_email_index.sql', 0],
    ['00004_accounts_plan_index.sql', 0],
  ]);
});
