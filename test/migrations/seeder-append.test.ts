/** The seeder's append mode on real PostgreSQL: existing rows kept, keys after theirs, batches reported, indexes untouched. */
import { Client } from 'pg';
import { seedTables } from '../../packages/parity/src/migrations/run/seeder';
import { startEmbeddedServer, type EmbeddedServer } from '../../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../../packages/parity/src/migrations/server/postgres-binaries';

let server: EmbeddedServer;
let client: Client;
const value = async (sql: string) => (await client.query<{ v: unknown }>(sql)).rows[0]!.v;
const progress: [string, number, number][] = [];
let fingerprintBefore: unknown;
let indexOidsBefore: unknown;
let seeded: Awaited<ReturnType<typeof seedTables>>;

beforeAll(async () => {
  server = await startEmbeddedServer(embeddedPostgresBinaries());
  client = new Client({ connectionString: server.url });
  await client.connect();
  await client.query(`
    CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL UNIQUE, tier text);
    CREATE TABLE tickets (id bigserial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers (id),
      code uuid NOT NULL UNIQUE, body text);
    CREATE INDEX tickets_customer_idx ON tickets (customer_id);
    INSERT INTO customers SELECT g * 1000000, 'person' || g || '@example.com', 'gold' FROM generate_series(1, 3) g;
    INSERT INTO customers VALUES (7, '1x', 'x'), (8, '10xxxxxxx', 'clashes with a generated email');
    INSERT INTO tickets (customer_id, code, body) SELECT 7, md5(g::text)::uuid, 'existing' FROM generate_series(1, 5) g;`);
  fingerprintBefore = await value("SELECT md5(string_agg(t::text, ',' ORDER BY id)) AS v FROM customers t");
  indexOidsBefore = await value(
    "SELECT string_agg(indexrelid::text, ',' ORDER BY indexrelid) AS v FROM pg_index WHERE indrelid IN ('customers'::regclass, " +
      "'tickets'::regclass)",
  );
  seeded = await seedTables(
    client,
    { tables: { customers: { rows: 2500 }, tickets: { rows: 4000 } } },
    new Map([
      ['customers', 2500],
      ['tickets', 4000],
    ]),
    {
      mode: 'append',
      batchRows: 1000,
      onProgress: (table, done, target) => progress.push([table, done, target]),
    },
  );
});
afterAll(async () => {
  await client?.end();
  await server?.stop();
});

test('each table ends with its target total, counting what was there', async () => {
  expect(await value('SELECT count(*)::int AS v FROM customers')).toBe(2500);
  expect(await value('SELECT count(*)::int AS v FROM tickets')).toBe(4000);
  expect(seeded.map((s) => [s.table, s.rows])).toEqual([
    ['customers', 2495],
    ['tickets', 3995],
  ]);
});

test('existing rows are neither updated nor deleted', async () => {
  const kept = await value(
    "SELECT md5(string_agg(t::text, ',' ORDER BY id)) AS v FROM customers t WHERE id IN (7, 8, 1000000, 2000000, 3000000)",
  );
  expect(kept).toBe(fingerprintBefore);
  expect(await value("SELECT count(*)::int AS v FROM tickets WHERE body = 'existing' AND customer_id = 7")).toBe(5);
});

test('integer primary keys are generated after the largest existing one', async () => {
  expect(await value('SELECT (min(id) > 3000000)::int AS v FROM customers WHERE id NOT IN (7, 8, 1000000, 2000000, 3000000)')).toBe(1);
});

test('unique values are unique across old and new rows (a clash with an existing value is skipped)', async () => {
  expect(await value('SELECT count(DISTINCT email)::int AS v FROM customers')).toBe(2500);
  expect(await value("SELECT count(*)::int AS v FROM customers WHERE email = '10xxxxxxx'")).toBe(1);
  expect(await value('SELECT count(DISTINCT code)::int AS v FROM tickets')).toBe(4000);
});

test('new children point at real parents, old and new', async () => {
  expect(await value('SELECT count(*)::int AS v FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id WHERE c.id IS NULL')).toBe(0);
  expect(await value('SELECT count(DISTINCT customer_id)::int AS v FROM tickets')).toBeGreaterThan(2000);
});

test('indexes and constraints are never dropped (same index oids)', async () => {
  expect(
    await value(
      "SELECT string_agg(indexrelid::text, ',' ORDER BY indexrelid) AS v FROM pg_index WHERE indrelid IN ('customers'::regclass, " +
        "'tickets'::regclass)",
    ),
  ).toBe(indexOidsBefore);
});

test('the serial sequence moves past the new keys', async () => {
  expect(await value("SELECT (nextval(pg_get_serial_sequence('tickets', 'id')) > (SELECT max(id) FROM tickets))::int AS v")).toBe(1);
});

test('progress is reported per batch, from the rows already there to the target', () => {
  const customers = progress.filter(([t]) => t === 'customers').map(([, done, target]) => [done, target]);
  expect(customers[0]).toEqual([5, 2500]);
  expect(customers.at(-1)).toEqual([2500, 2500]);
  expect(customers.length).toBeGreaterThanOrEqual(4);
  expect(customers.every(([done], i) => i === 0 || done! >= customers[i - 1]![0]!)).toBe(true);
  expect(progress.filter(([t]) => t === 'tickets').at(-1)).toEqual(['tickets', 4000, 4000]);
});

test('a table already at its target is left alone', async () => {
  const again = await seedTables(client, { tables: { customers: { rows: 2500 } } }, new Map([['customers', 2500]]), { mode: 'append' });
  expect(again).toEqual([]);
  expect(await value('SELECT count(*)::int AS v FROM customers')).toBe(2500);
});
