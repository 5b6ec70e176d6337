/**
 * The rehearsal on real PostgreSQL: a plain CREATE INDEX on a populated table makes writes wait, a
 * CREATE INDEX CONCURRENTLY does not; behind an open transaction an ACCESS EXCLUSIVE request stalls
 * every read and write, unless its lock_timeout makes it give up first. No connection is left open.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ExitError } from '../../packages/parity/src/shared/exit-error';
import { describeRehearsal } from '../../packages/parity/src/migrations/rehearsal/describe';
import { rehearseMigration, type RehearsalOptions } from '../../packages/parity/src/migrations/rehearsal/rehearse';
import { defaultWorkload, fileWorkload, readWorkloadFile } from '../../packages/parity/src/migrations/rehearsal/workload';
import { seedTables } from '../../packages/parity/src/migrations/run/seeder';
import { startEmbeddedServer, type EmbeddedServer } from '../../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../../packages/parity/src/migrations/server/postgres-binaries';
import type { DataProfile } from '../../packages/parity/src/migrations/profile';

jest.setTimeout(120_000);

let server: EmbeddedServer;
let client: Client;
const rows = 400_000;
const profile: DataProfile = { tables: { orders: { rows, columns: { status: { distinct: 5 }, note: { avgWidth: 40 } } } } };
const inTransaction = (sql: string) => async (c: Client) => {
  await c.query('BEGIN');
  await c.query(sql);
  await c.query('ROLLBACK');
};
const options = (runMigration: RehearsalOptions['runMigration'], extra: Partial<RehearsalOptions> = {}): RehearsalOptions => ({
  url: server.url,
  tables: ['orders'],
  workload: defaultWorkload(profile, ['orders']),
  runMigration,
  ratePerSecond: 100,
  baselineMs: 500,
  openTransactionMs: 0,
  ...extra,
});
const openRehearsalConnections = async () => {
  await new Promise((r) => setTimeout(r, 200));
  return (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'parity-rehearsal'"))
    .rows[0]!.n;
};

beforeAll(async () => {
  server = await startEmbeddedServer(embeddedPostgresBinaries());
  client = new Client({ connectionString: server.url });
  await client.connect();
  await client.query('CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL, note text, total_cents int NOT NULL)');
  await seedTables(client, profile, new Map([['orders', rows]]));
  await client.query('ANALYZE orders');
});
afterAll(async () => {
  await client?.end();
  await server?.stop();
});

describe('load phase', () => {
  test('a plain CREATE INDEX makes writes wait for the index build; reads do not wait', async () => {
    const outcome = await rehearseMigration(options(inTransaction('CREATE INDEX orders_note_idx ON orders (note, status, total_cents)')));
    const orders = outcome.rehearsal.tables.orders!;
    expect(orders.maxWriteWaitMs).toBeGreaterThan(150);
    expect(orders.maxWriteWaitMs).toBeGreaterThan(orders.p99BeforeMs * 3);
    expect(orders.p99DuringMs).toBeGreaterThan(orders.p99BeforeMs);
    expect(orders.maxReadWaitMs).toBeLessThan(orders.maxWriteWaitMs);
    expect(outcome.rehearsal.lockQueue).toBeNull();
    expect(outcome.migrationErrors).toEqual([]);
    expect(Object.keys(orders).sort()).toEqual(['maxReadWaitMs', 'maxWriteWaitMs', 'p99BeforeMs', 'p99DuringMs', 'statementsOver1s']);
    expect(describeRehearsal(outcome.rehearsal, outcome.writesPerSecond)).toMatch(
      /^Writes to `orders` waited up to \d+(\.\d)? m?s under \d+ writes\/s/,
    );
    expect(await client.query("SELECT 1 FROM pg_indexes WHERE indexname = 'orders_note_idx'").then((r) => r.rowCount)).toBe(0);
  });

  test('a CREATE INDEX CONCURRENTLY makes no statement wait above a small bound', async () => {
    const outcome = await rehearseMigration(
      options(async (c) => void (await c.query('CREATE INDEX CONCURRENTLY orders_note_cic ON orders (note, status, total_cents)'))),
    );
    const orders = outcome.rehearsal.tables.orders!;
    expect(orders.maxWriteWaitMs).toBeLessThan(250);
    expect(orders.maxReadWaitMs).toBeLessThan(250);
    expect(orders.statementsOver1s).toBe(0);
    await client.query('DROP INDEX orders_note_cic');
  });

  test('every connection is closed afterwards', async () => expect(await openRehearsalConnections()).toBe(0));
});

describe('lock-queue phase', () => {
  test('behind an open transaction, an ACCESS EXCLUSIVE request without lock_timeout stalls every read and write', async () => {
    const outcome = await rehearseMigration(
      options(inTransaction('ALTER TABLE orders ADD COLUMN flagged boolean'), { openTransactionMs: 1_500, baselineMs: 200 }),
    );
    const queue = outcome.rehearsal.lockQueue!;
    expect(queue.openTransactionMs).toBe(1_500);
    expect(queue.migrationGaveUp).toBe(false);
    expect(queue.maxReadWaitMs).toBeGreaterThan(1_300);
    expect(queue.maxWriteWaitMs).toBeGreaterThan(1_300);
    expect(describeRehearsal(outcome.rehearsal, outcome.writesPerSecond)).toMatch(
      /; behind a 1\.5 s open transaction every read and write queued for \d\.\d s\.$/,
    );
  });

  test('with a lock_timeout the migration gives up first, and the queue is as short as the timeout', async () => {
    const migration = async (c: Client) => {
      await c.query('BEGIN');
      await c.query("SET LOCAL lock_timeout = '200ms'");
      await c.query('ALTER TABLE orders ADD COLUMN flagged boolean');
      await c.query('ROLLBACK');
    };
    const outcome = await rehearseMigration(options(migration, { openTransactionMs: 1_500, baselineMs: 200 }));
    const queue = outcome.rehearsal.lockQueue!;
    expect(queue.migrationGaveUp).toBe(true);
    expect(queue.maxReadWaitMs).toBeLessThan(900);
    expect(queue.maxWriteWaitMs).toBeLessThan(900);
    expect(outcome.migrationErrors).toEqual([]);
    expect(describeRehearsal(outcome.rehearsal)).toContain('behind a 1.5 s open transaction the migration gave up at its lock_timeout');
    expect(describeRehearsal(outcome.rehearsal)).toContain('the deploy needs a retry, prod was not blocked');
  });

  test(
    'a migration that takes no ACCESS EXCLUSIVE cannot queue behind a reading transaction: the phase is not run, its figures are ' +
      "the load phase's",
    async () => {
      const started = performance.now();
      const outcome = await rehearseMigration(
        options(inTransaction('CREATE INDEX orders_total_idx ON orders (total_cents)'), {
          openTransactionMs: 20_000,
          baselineMs: 200,
          queuesBehindReaders: false,
        }),
      );
      expect(performance.now() - started).toBeLessThan(15_000);
      const orders = outcome.rehearsal.tables.orders!;
      expect(outcome.rehearsal.lockQueue).toEqual({
        openTransactionMs: 20_000,
        maxReadWaitMs: orders.maxReadWaitMs,
        maxWriteWaitMs: orders.maxWriteWaitMs,
        migrationGaveUp: false,
      });
    },
  );

  test('every connection is closed afterwards, the open transaction included', async () =>
    expect(await openRehearsalConnections()).toBe(0));
});

describe('--workload FILE', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'parity-workload-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("the team's statements are classified and run", async () => {
    const file = join(dir, 'workload.sql');
    writeFileSync(
      file,
      "SELECT * FROM orders WHERE id = 42;\nUPDATE orders SET note = 'x' WHERE id = 43;\nSELECT * FROM orders WHERE id = 44 FOR UPDATE;\n",
    );
    const statements = await readWorkloadFile(file);
    expect(statements.map((s) => [s.kind, s.table])).toEqual([
      ['read', 'orders'],
      ['write', 'orders'],
      ['write', 'orders'],
    ]);
    const outcome = await rehearseMigration(
      options(inTransaction('CREATE INDEX orders_status_idx ON orders (status, note)'), { workload: fileWorkload(statements, ['orders']) }),
    );
    expect(outcome.rehearsal.tables.orders!.maxWriteWaitMs).toBeGreaterThan(outcome.rehearsal.tables.orders!.maxReadWaitMs);
  });

  test('a workload that fails on its own measures nothing, and says so instead of "did not wait"', async () => {
    const file = join(dir, 'broken.sql');
    writeFileSync(file, 'SELECT missing_column FROM orders WHERE id = 1;\n');
    const error = (await rehearseMigration(
      options(inTransaction('SELECT 1'), { workload: fileWorkload(await readWorkloadFile(file), ['orders']), baselineMs: 300 }),
    ).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(
      /^\d+ of the workload's \d+ statements failed before the migration started, e\.g\. column "missing_column" does not exist$/,
    );
    expect(await openRehearsalConnections()).toBe(0);
  });

  test('a statement with parameters is bad input', async () => {
    const file = join(dir, 'params.sql');
    writeFileSync(file, 'SELECT * FROM orders WHERE id = $1;\n');
    const error = (await readWorkloadFile(file).catch((e: unknown) => e)) as ExitError;
    expect(error).toBeInstanceOf(ExitError);
    expect(error.message).toBe(
      `expected statements with literal values in \`--workload ${file}\`, found a parameter in \`SELECT * FROM orders WHERE id = ` +
        `$1\` at line 1. Replace \`$1\`, \`$2\`... with values that exist in the seeded data, e.g. \`WHERE id = 42\`.`,
    );
  });

  test('a missing file is bad input', async () => {
    const error = (await readWorkloadFile(join(dir, 'missing.sql')).catch((e: unknown) => e)) as ExitError;
    expect(error.message).toBe(
      `expected a readable SQL file at \`--workload ${join(dir, 'missing.sql')}\`, found \`ENOENT\`. Give the path of a file of SQL ` +
        `statements (e.g. the top queries of pg_stat_statements with literal values).`,
    );
  });
});
