/**
 * The lock tracer on real PostgreSQL: a polled statement (CREATE INDEX CONCURRENTLY) whose polling
 * connection dies mid-build ends in a handled rejection, never an unhandled one; a transaction's
 * statements report the locks they took, held to COMMIT.
 */
import { connect } from '../../packages/parity/src/migrations/run/database';
import { knownTables, tracePolled, traceTransaction } from '../../packages/parity/src/migrations/run/lock-tracer';
import { startEmbeddedServer, type EmbeddedServer } from '../../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../../packages/parity/src/migrations/server/postgres-binaries';

let server: EmbeddedServer;
beforeAll(async () => {
  server = await startEmbeddedServer(embeddedPostgresBinaries());
  const c = await connect(server.url);
  await c.query(
    'CREATE TABLE t (id int PRIMARY KEY, a text); INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, 300000) g; ANALYZE t',
  );
  await c.end();
});
afterAll(async () => server?.stop());

test('the poll connection killed during CREATE INDEX CONCURRENTLY: a handled rejection, no unhandled one', async () => {
  const [client, observer, killer] = [await connect(server.url), await connect(server.url), await connect(server.url)];
  const unhandled: unknown[] = [];
  const listener = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', listener);
  try {
    const observerPid = (await observer.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const traced = tracePolled(client, observer, 'CREATE INDEX CONCURRENTLY t_a_idx ON t (a)', await knownTables(client), 2);
    const outcome = traced.then(
      () => 'resolved',
      (error: Error) => error.message,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await killer.query('SELECT pg_terminate_backend($1)', [observerPid]);
    expect(await outcome).toMatch(/terminat|Connection/i);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
  } finally {
    process.off('unhandledRejection', listener);
    for (const c of [client, observer, killer]) await c.end().catch(() => undefined);
  }
});

test('in one transaction each statement reports the locks it took, held from it to COMMIT', async () => {
  const client = await connect(server.url);
  try {
    // As in the gate's databases: parallel workers' reads would not be counted in this transaction.
    await client.query('SET max_parallel_workers_per_gather = 0');
    const traced = await traceTransaction(
      client,
      ["SET LOCAL lock_timeout = '2s'", 'ALTER TABLE t ADD COLUMN b int', 'SELECT count(*) FROM t'],
      await knownTables(client),
      true,
    );
    expect(traced.map((s) => [s.lockTimeout, s.locks.map((l) => [l.table, l.mode]), s.heldDuring.map((l) => l.mode)])).toEqual([
      ['0', [], []],
      ['2s', [['t', 'AccessExclusiveLock']], ['AccessExclusiveLock']],
      ['2s', [], ['AccessExclusiveLock']],
    ]);
    expect(traced[1]!.locks[0]!.heldMs).toBeGreaterThanOrEqual(traced[1]!.durationMs + traced[2]!.durationMs);
    expect(traced[2]!.rowsRead.get('t')).toBe(300_000);
  } finally {
    await client.end();
  }
});
