/** The seeder on real PostgreSQL: foreign keys, uniques, nulls, distinct counts and indexes as the profile says. */
import { Client } from 'pg';
import { ExitError } from '../../packages/parity/src/shared/exit-error';
import { seedTables } from '../../packages/parity/src/migrations/run/seeder';
import { startEmbeddedServer, type EmbeddedServer } from '../../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../../packages/parity/src/migrations/server/postgres-binaries';
import type { DataProfile } from '../../packages/parity/src/migrations/profile';

let server: EmbeddedServer;
let client: Client;
const one = async (sql: string) => (await client.query(sql)).rows[0] as Record<string, unknown>;

const profile: DataProfile = {
  tables: {
    accounts: { rows: 2000, columns: { handle: { nullFraction: 0, distinct: -1, avgWidth: 20 } } },
    currencies: { rows: 30, columns: { code: { nullFraction: 0, distinct: -1, avgWidth: 4 } } },
    invoice_notes: { rows: 5000 },
    shipments: { rows: 3000, columns: { account_handle: { nullFraction: 0.1, distinct: 900, avgWidth: 20 } } },
    invoices: {
      rows: 20000,
      columns: {
        account_id: { nullFraction: 0, distinct: 1500, avgWidth: 16 },
        state: { nullFraction: 0, distinct: 3, avgWidth: 4 },
        code: { nullFraction: 0, distinct: -1, avgWidth: 6 },
        memo: { nullFraction: 0.5, distinct: -0.2, avgWidth: 40 },
        amount: { nullFraction: 0, distinct: 700, avgWidth: 8 },
        currency: { nullFraction: 0, distinct: 12, avgWidth: 4 },
      },
    },
  },
};

beforeAll(async () => {
  server = await startEmbeddedServer(embeddedPostgresBinaries());
  client = new Client({ connectionString: server.url });
  await client.connect();
  await client.query(`
    CREATE TYPE invoice_state AS ENUM ('draft', 'sent', 'paid');
    CREATE TABLE currencies (code varchar(8) PRIMARY KEY);
    CREATE TABLE accounts (id uuid PRIMARY KEY, handle text NOT NULL UNIQUE, created_at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE invoices (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts (id),
      state invoice_state NOT NULL,
      code varchar(12) NOT NULL UNIQUE,
      memo text,
      amount numeric(12,2) NOT NULL,
      currency varchar(8) NOT NULL REFERENCES currencies (code),
      doubled numeric GENERATED ALWAYS AS (amount * 2) STORED);
    CREATE INDEX invoices_state_idx ON invoices (state, amount);
    CREATE TABLE invoice_notes (id int PRIMARY KEY, invoice_id bigint NOT NULL UNIQUE REFERENCES invoices (id), body text);
    CREATE TABLE shipments (id int PRIMARY KEY, account_handle text REFERENCES accounts (handle));`);
  await seedTables(
    client,
    profile,
    new Map([
      ['accounts', 2000],
      ['currencies', 30],
      ['invoices', 20000],
      ['invoice_notes', 5000],
      ['shipments', 3000],
    ]),
  );
  await client.query('ANALYZE');
});
afterAll(async () => {
  await client?.end();
  await server?.stop();
});

test.each([
  ['accounts rows', 'SELECT count(*)::int AS v FROM accounts', 2000],
  ['invoices rows', 'SELECT count(*)::int AS v FROM invoices', 20000],
  [
    'no invoice points at a missing account',
    'SELECT count(*)::int AS v FROM invoices i LEFT JOIN accounts a ON a.id = i.account_id WHERE a.id IS NULL',
    0,
  ],
  [
    'no invoice points at a missing currency (text key)',
    'SELECT count(*)::int AS v FROM invoices i LEFT JOIN currencies c ON c.code = i.currency WHERE c.code IS NULL',
    0,
  ],
  ['one note per invoice at most (unique foreign key)', 'SELECT count(DISTINCT invoice_id)::int AS v FROM invoice_notes', 5000],
  [
    'no note points at a missing invoice',
    'SELECT count(*)::int AS v FROM invoice_notes n LEFT JOIN invoices i ON i.id = n.invoice_id WHERE i.id IS NULL',
    0,
  ],
  [
    'no shipment points at a missing handle (unique text column)',
    'SELECT count(*)::int AS v FROM shipments s LEFT JOIN accounts a ON a.handle = s.account_handle WHERE s.account_handle IS NOT ' +
      'NULL AND a.handle IS NULL',
    0,
  ],
  ['distinct handles referenced', 'SELECT count(DISTINCT account_handle)::int AS v FROM shipments', 900],
  ['distinct currencies referenced', 'SELECT count(DISTINCT currency)::int AS v FROM invoices', 12],
  ['distinct accounts referenced', 'SELECT count(DISTINCT account_id)::int AS v FROM invoices', 1500],
  ['enum values used', 'SELECT count(DISTINCT state)::int AS v FROM invoices', 3],
  ['unique codes', 'SELECT count(DISTINCT code)::int AS v FROM invoices', 20000],
  ['varchar(12) respected', 'SELECT (max(length(code)) <= 12)::int AS v FROM invoices', 1],
  ['amount distinct values', 'SELECT count(DISTINCT amount)::int AS v FROM invoices', 700],
  ['generated column computed', 'SELECT count(*)::int AS v FROM invoices WHERE doubled <> amount * 2', 0],
  [
    'primary key and unique constraints rebuilt',
    "SELECT count(*)::int AS v FROM pg_constraint WHERE conrelid IN ('invoices'::regclass, 'accounts'::regclass) AND contype IN ('p', 'u')",
    4,
  ],
  ['foreign keys in place', "SELECT count(*)::int AS v FROM pg_constraint WHERE conrelid = 'invoices'::regclass AND contype = 'f'", 2],
  ['secondary index rebuilt', "SELECT count(*)::int AS v FROM pg_indexes WHERE indexname = 'invoices_state_idx'", 1],
  ['identity continues after the seeded ids', "SELECT (nextval(pg_get_serial_sequence('invoices', 'id')) > 20000)::int AS v", 1],
])('%s', async (_name, sql, expected) => expect((await one(sql)).v).toBe(expected));

test('null fraction and width follow the profile', async () => {
  const stats = (await one(
    "SELECT null_frac::float8 AS n, avg_width AS w FROM pg_stats WHERE tablename = 'invoices' AND attname = 'memo'",
  )) as { n: number; w: number };
  expect(stats.n).toBeGreaterThan(0.45);
  expect(stats.n).toBeLessThan(0.55);
  expect(stats.w).toBeGreaterThanOrEqual(38);
  expect(stats.w).toBeLessThanOrEqual(42);
});

test('a NOT NULL reference to a table missing from the profile is exit 2', async () => {
  await client.query(
    'CREATE TABLE drafts (id int PRIMARY KEY); CREATE TABLE notes (id int PRIMARY KEY, draft_ref int NOT NULL REFERENCES drafts (id))',
  );
  const error = await seedTables(client, { tables: { notes: { rows: 10 } } }, new Map([['notes', 10]])).catch((e: unknown) => e);
  expect((error as ExitError).message).toBe(
    'expected rows in `drafts` (`notes.draft_ref` references it and is NOT NULL), found `drafts` empty. Add `drafts` with its prod ' +
      'row count to the profile.',
  );
});
