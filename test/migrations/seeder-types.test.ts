/**
 * The seeder on real PostgreSQL for every class of column type, and the exact bad-input message
 * when a generated value breaks a constraint the seeder cannot know how to satisfy.
 */
import { Client } from 'pg';
import { ExitError } from '../../packages/parity/src/shared/exit-error';
import { dataProfileSchema, type DataProfile } from '../../packages/parity/src/migrations/profile';
import { seedTables } from '../../packages/parity/src/migrations/run/seeder';
import { startEmbeddedServer, type EmbeddedServer } from '../../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../../packages/parity/src/migrations/server/postgres-binaries';

let server: EmbeddedServer;
let client: Client;
const value = async (sql: string) => (await client.query<{ v: unknown }>(sql)).rows[0]!.v;
const rows = 3000;

const columns: [string, string][] = [
  ['doc_json', 'json'],
  ['doc_jsonb', 'jsonb'],
  ['ref_uuid', 'uuid'],
  ['mood', 'mood'],
  ['tags', 'text[]'],
  ['scores', 'int[]'],
  ['moods', 'mood[]'],
  ['positive', 'positive_int'],
  ['short_code', 'short_code'],
  ['during', 'tstzrange'],
  ['ids', 'int8range'],
  ['days', 'daterange'],
  ['amounts', 'numrange'],
  ['id_sets', 'int4multirange'],
  ['address', 'inet'],
  ['network', 'cidr'],
  ['mac', 'macaddr'],
  ['blob', 'bytea'],
  ['price', 'numeric(5,2)'],
  ['ratio', 'numeric(3,3)'],
  ['big', 'numeric'],
  ['initials', 'varchar(3)'],
  ['country', 'char(2)'],
  ['small', 'smallint'],
  ['wait', 'interval'],
  ['at_time', 'time'],
  ['cost', 'money'],
  ['flags', 'bit(8)'],
  ['mask', 'varbit'],
  ['words', 'tsvector'],
  ['spot', 'point'],
  ['ratio_f', 'real'],
  ['happened', 'timestamptz'],
  ['born', 'date'],
];

beforeAll(async () => {
  server = await startEmbeddedServer(embeddedPostgresBinaries());
  client = new Client({ connectionString: server.url });
  await client.connect();
  await client.query(`
    CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
    CREATE DOMAIN positive_int AS int CHECK (VALUE > 0);
    CREATE DOMAIN short_code AS varchar(6) NOT NULL;
    CREATE TABLE everything (id int PRIMARY KEY, ${columns.map(([name, type]) => `${name} ${type} NOT NULL`).join(', ')},
      CONSTRAINT everything_price_positive CHECK (price > 0));
    CREATE UNIQUE INDEX everything_address_key ON everything (address);
    CREATE UNIQUE INDEX everything_uuid_key ON everything (ref_uuid);`);
  await seedTables(client, { tables: { everything: { rows } } }, new Map([['everything', rows]]));
});
afterAll(async () => {
  await client?.end();
  await server?.stop();
});

test('every row is there', async () => expect(await value('SELECT count(*)::int AS v FROM everything')).toBe(rows));

test.each(columns)('%s (%s) is filled for every row', async (name) => {
  expect(await value(`SELECT count(${name})::int AS v FROM everything`)).toBe(rows);
});

test.each([
  ['unique inet values', 'SELECT count(DISTINCT address)::int AS v FROM everything', rows],
  ['unique uuids', 'SELECT count(DISTINCT ref_uuid)::int AS v FROM everything', rows],
  ['all enum labels used', 'SELECT count(DISTINCT mood)::int AS v FROM everything', 3],
  ['varchar(3) respected', 'SELECT (max(length(initials)) <= 3)::int AS v FROM everything', 1],
  ['numeric(5,2) fits its precision', 'SELECT (max(price) < 1000)::int AS v FROM everything', 1],
  ['numeric(3,3) below 1', 'SELECT (max(ratio) < 1)::int AS v FROM everything', 1],
  ['json is an object', "SELECT count(*)::int AS v FROM everything WHERE json_typeof(doc_json) = 'object'", rows],
  ['arrays have elements', 'SELECT min(cardinality(tags))::int AS v FROM everything', 2],
  [
    'ranges are not empty',
    'SELECT count(*)::int AS v FROM everything WHERE isempty(during) OR isempty(ids) OR isempty(days) OR isempty(amounts)',
    0,
  ],
])('%s', async (_name, sql, expected) => expect(await value(sql)).toBe(expected));

describe('a generated value a constraint refuses is bad input naming the column', () => {
  const seed = (profile: DataProfile, table: string, n = 200) =>
    seedTables(client, profile, new Map([[table, n]])).catch((e: unknown) => e);

  test('a CHECK constraint', async () => {
    await client.query("CREATE TABLE codes (id int PRIMARY KEY, code text NOT NULL CHECK (code ~ '^[A-Z]{3}$'))");
    const error = await seed({ tables: { codes: { rows: 200 } } }, 'codes');
    expect(error).toBeInstanceOf(ExitError);
    expect((error as ExitError).code).toBe(2);
    expect((error as ExitError).message).toBe(
      'cannot seed `codes.code` (text): give its values in the profile (`tables.codes.columns.code.values`); the generated values ' +
        "break `codes_code_check` `CHECK ((code ~ '^[A-Z]{3}$'::text))`.",
    );
    expect(await value('SELECT count(*)::int AS v FROM codes')).toBe(0);
  });

  test('the values given in the profile are used', async () => {
    const profile = dataProfileSchema.parse({ tables: { codes: { rows: 200, columns: { code: { values: ['ABC', 'XYZ'] } } } } });
    expect(await seed(profile, 'codes')).toEqual([expect.objectContaining({ table: 'codes', rows: 200 })]);
    expect(await value("SELECT string_agg(DISTINCT code, ',' ORDER BY code) AS v FROM codes")).toBe('ABC,XYZ');
  });

  test("a domain's CHECK", async () => {
    await client.query('CREATE DOMAIN even_int AS int CHECK (VALUE % 2 = 0); CREATE TABLE evens (id int PRIMARY KEY, n even_int NOT NULL)');
    expect(((await seed({ tables: { evens: { rows: 200 } } }, 'evens')) as ExitError).message).toBe(
      'cannot seed `evens.n` (even_int): give its values in the profile (`tables.evens.columns.n.values`); the server refused the ' +
        'generated values: value for domain even_int violates check constraint "even_int_check".',
    );
  });

  test('a value out of the range of its type', async () => {
    await client.query('CREATE TABLE tiny (id int PRIMARY KEY, n numeric(2,0) NOT NULL CHECK (n < 50))');
    expect(((await seed({ tables: { tiny: { rows: 200 } } }, 'tiny')) as ExitError).message).toBe(
      'cannot seed `tiny.n` (numeric(2,0)): give its values in the profile (`tables.tiny.columns.n.values`); the generated values ' +
        'break `tiny_n_check` `CHECK ((n < (50)::numeric))`.',
    );
  });

  test('more unique values than the type holds', async () => {
    await client.query('CREATE TABLE flags (id int PRIMARY KEY, flag bool NOT NULL UNIQUE)');
    expect(((await seed({ tables: { flags: { rows: 200 } } }, 'flags')) as ExitError).message).toBe(
      'cannot seed `flags.flag` (boolean): give its values in the profile (`tables.flags.columns.flag.values`); the generated values ' +
        'are not unique enough for `flags_flag_key`.',
    );
  });

  test('a type the seeder does not generate, NOT NULL', async () => {
    await client.query('CREATE TABLE shapes (id int PRIMARY KEY, area box NOT NULL)');
    expect(((await seed({ tables: { shapes: { rows: 10 } } }, 'shapes')) as ExitError).message).toBe(
      'cannot seed `shapes.area` (box): give its values in the profile (`tables.shapes.columns.area.values`); the seeder generates ' +
        'numbers, text, boolean, uuid, json, dates and times, bytea, inet, enums, domains, arrays and ranges of them, not `box`.',
    );
  });
});

test('profile column statistics are optional one by one; only rows is required', () => {
  const parsed = dataProfileSchema.safeParse({
    tables: { t: { rows: 5, columns: { a: {}, b: { nullFraction: 0.5 }, c: { distinct: 3 }, d: { avgWidth: 30 } } } },
  });
  expect(parsed.success).toBe(true);
  expect(dataProfileSchema.safeParse({ tables: { t: { columns: {} } } }).success).toBe(false);
});
