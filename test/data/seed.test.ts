/**
 * `parity data seed` fills staging from prod's profile with the gate's seeder in append mode, and
 * `data check` then reports its volume ok; a second run adds nothing; every refusal is exit 2 with
 * its reason, before anything is written.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { main } from '../../packages/parity/src/cli/main';
import { ExitError } from '../../packages/parity/src/shared/exit-error';
import { runDataCheck } from '../../packages/parity/src/data/run-check';
import { runDataSeed } from '../../packages/parity/src/data/run-seed';
import { DEFAULT_VOLUME_POLICY } from '../../packages/parity/src/data/compare-data';
import { urlTarget } from '../../packages/parity/src/data/targets';
import { collectDataProfile, type DataProfile } from '../../packages/parity/src/migrations/profile';
import { exec, startDriftedDatabases, type DriftedDatabases } from './support/drifted-databases';

let dbs: DriftedDatabases;
let dir: string;
let profileFile: string;
let profile: DataProfile;

async function counts(url: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ users: string; orders: string }>(
      'SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM orders) AS orders',
    );
    return { users: Number(r.rows[0]!.users), orders: Number(r.rows[0]!.orders) };
  } finally {
    await client.end();
  }
}

async function refusal(argv: string[]): Promise<ExitError> {
  const error = await main(['data', 'seed', ...argv]).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExitError);
  return error as ExitError;
}

beforeAll(async () => {
  dbs = await startDriftedDatabases();
  dir = mkdtempSync(join(tmpdir(), 'data-seed-'));
  // A table staging has but never filled: the seeder's bulk path (indexes rebuilt after the load).
  const coupons =
    'CREATE TABLE coupons (code text PRIMARY KEY, user_id bigint REFERENCES users (id), percent integer NOT NULL CHECK (percent ' +
    'BETWEEN 1 AND 90))';
  await exec(dbs.staging.url, coupons);
  await exec(
    dbs.prod.url,
    `${coupons}; INSERT INTO coupons SELECT 'C' || g, 1 + g % 5000, 1 + g % 90 FROM generate_series(1, 3000) g; ANALYZE coupons`,
  );
  const client = new Client({ connectionString: dbs.prod.url });
  await client.connect();
  profile = await collectDataProfile(client);
  await client.end();
  profileFile = join(dir, 'profile.json');
  writeFileSync(profileFile, JSON.stringify(profile));
});
afterAll(async () => {
  await dbs?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('refusals: exit 2 with the reason, nothing written', () => {
  test('an environment config/ marks as production', async () => {
    const error = await refusal(['--db', `prod=${dbs.staging.url}`, '--profile', profileFile, '--yes']);
    expect([error.code, error.message]).toEqual([
      2,
      'expected a non-production environment to seed, found `prod` (config/environments.ts marks it `production: true`). Refusing to ' +
        'write into prod. Seed staging or dev; give prod only beside the target (`--db prod=...`) so their system identifiers are ' +
        'compared.',
    ]);
  });

  test('without --yes, a run that is not --dry-run', async () => {
    const error = await refusal(['--db', `staging=${dbs.staging.url}`, '--profile', profileFile]);
    expect([error.code, error.message]).toEqual([
      2,
      'expected `--yes` to write rows into `staging` (or `--dry-run` to see what would be added), found neither. Run with ' +
        '`--dry-run` first, then again with `--yes`.',
    ]);
  });

  test('a database whose system identifier is that of the --db given as prod', async () => {
    const error = await refusal([
      '--db',
      `staging=${dbs.prod.url}`,
      '--db',
      `prod=${dbs.readerUrl(dbs.prod)}`,
      '--profile',
      profileFile,
      '--yes',
    ]);
    expect(error.code).toBe(2);
    expect(error.message).toMatch(
      new RegExp(
        /^expected `staging` to be another PostgreSQL server than prod, found the same database system identifier \d+ as /.source +
          /`--db prod` \(prod\): it is prod's cluster\. Refusing to write\. Point `--db staging` at the staging database\.$/.source,
      ),
    );
    expect(await counts(dbs.prod.url)).toEqual({ users: 5000, orders: 20000 });
  });

  test.each([
    [
      ['--db', 'staging', '--profile', 'p.json', '--yes'],
      'expected `--db staging=URL` of a role that may insert (`data seed` writes; `--db staging` alone connects read-only), found ' +
        '`--db staging`. Give its URL: `--db staging=env:STAGING_DATABASE_URL`.',
    ],
    [
      ['--db', 'staging=postgresql://u@h/db', '--yes'],
      "expected `--profile FILE`: prod's data profile (`npx parity migrations profile --database-url PROD_URL --output FILE`), found " +
        'none. usage: parity data seed --db NAME=URL --profile FILE [--scale F] [--tables a,b] [--dry-run] [--yes]',
    ],
    [
      ['--db', 'staging=postgresql://u@h/db', '--db', 'dev=postgresql://u@h/db2', '--profile', 'p.json', '--yes'],
      'expected one database to seed (plus any given as prod), found `staging`, `dev`. Seed them one at a time.',
    ],
    [
      ['--db', 'staging=postgresql://u@h/db', '--profile', 'p.json', '--scale', '0', '--yes'],
      "expected `--scale` a positive number (1 = prod's rows), found `0`. Run again with e.g. `--scale 0.1`.",
    ],
    [
      ['--db', 'staging=mysql://u@h/db', '--profile', 'p.json', '--yes'],
      'expected a PostgreSQL URL for `staging` (`--db NAME=postgresql://USER@HOST:PORT/DATABASE`, `--db NAME=env:VARIABLE`, or `--db ' +
        'NAME` for an environment of config/), found `mysql://u@h/db`. Write it as `--db ' +
        'staging=postgresql://parity_reader@HOST:5432/DATABASE?sslmode=require`.',
    ],
  ])('bad input %j', async (argv, message) => {
    const error = await refusal(argv);
    expect([error.code, error.message]).toEqual([2, message]);
  });

  test('--tables naming a table the profile does not have', async () => {
    const error = await refusal([
      '--db',
      `staging=${dbs.staging.url}`,
      '--profile',
      profileFile,
      '--tables',
      'users,invoices',
      '--dry-run',
    ]);
    expect([error.code, error.message]).toEqual([
      2,
      'expected `--tables` naming tables of the profile (coupons, orders, users), found `invoices`. Drop them from `--tables`, or ' +
        'profile prod again.',
    ]);
  });
});

test('a dry run plans and writes nothing', async () => {
  const result = await runDataSeed({
    target: urlTarget('staging', dbs.staging.url),
    production: [urlTarget('prod', dbs.readerUrl(dbs.prod))],
    profile,
    dryRun: true,
    tables: ['users', 'orders'],
  });
  expect(result.tables.map((t) => [t.table, t.before, t.target, t.status])).toEqual([
    ['users', 200, 5000, 'planned'],
    ['orders', 150, 20000, 'planned'],
  ]);
  expect(await counts(dbs.staging.url)).toEqual({ users: 200, orders: 150 });
});

test('seeding brings staging to prod volume, data check then reports volume ok, a second run adds nothing', async () => {
  const progress: [string, number, number][] = [];
  const seedOnce = () =>
    runDataSeed({
      target: urlTarget('staging', dbs.staging.url),
      production: [urlTarget('prod', dbs.readerUrl(dbs.prod))],
      profile,
      tables: ['users', 'orders'],
      dryRun: false,
      batchRows: 5000,
      onProgress: (t, d, n) => progress.push([t, d, n]),
    });
  const first = await seedOnce();
  expect(first.tables.map((t) => [t.table, t.before, t.added, t.status])).toEqual([
    ['users', 200, 4800, 'seeded'],
    ['orders', 150, 19850, 'seeded'],
  ]);
  expect(await counts(dbs.staging.url)).toEqual({ users: 5000, orders: 20000 });
  // Parents before children, in batches, the last report of each table at its target.
  expect(progress[0]).toEqual(['users', 200, 5000]);
  expect(progress.filter(([t]) => t === 'orders').length).toBeGreaterThan(3);
  expect(progress.at(-1)).toEqual(['orders', 20000, 20000]);
  // Every foreign key points at a real row, and the 200 original users are untouched.
  const client = new Client({ connectionString: dbs.staging.url });
  await client.connect();
  const checks = (
    await client.query(
      'SELECT (SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = o.user_id))::int AS orphans, ' +
        "(SELECT count(*) FROM users WHERE id <= 200 AND email = 'user' || id || '@example.com')::int AS originals",
    )
  ).rows[0];
  await client.end();
  expect(checks).toEqual({ orphans: 0, originals: 200 });

  const second = await seedOnce();
  expect(second.tables.map((t) => [t.table, t.added, t.status])).toEqual([
    ['users', 0, 'at target'],
    ['orders', 0, 'at target'],
  ]);
  expect(await counts(dbs.staging.url)).toEqual({ users: 5000, orders: 20000 });

  const report = await runDataCheck({
    databases: [urlTarget('prod', dbs.readerUrl(dbs.prod)), urlTarget('staging', dbs.readerUrl(dbs.staging))],
    reference: 'prod',
    settings: [],
    exactCounts: false,
    volumePolicy: DEFAULT_VOLUME_POLICY,
  });
  expect(report.volume.map((v) => [v.table, v.rows.staging, v.status])).toEqual([
    ['public.coupons', 0, 'low'],
    ['public.orders', 20000, 'ok'],
    ['public.users', 5000, 'ok'],
  ]);
});

test('an empty table is loaded in bulk (the connection may skip triggers), its keys and checks holding', async () => {
  const result = await runDataSeed({
    target: urlTarget('staging', dbs.staging.url),
    production: [urlTarget('prod', dbs.readerUrl(dbs.prod))],
    profile,
    tables: ['coupons'],
    dryRun: false,
  });
  expect([result.emptyTables, result.tables]).toEqual([
    'bulk',
    [{ table: 'coupons', before: 0, target: 3000, added: 3000, status: 'seeded' }],
  ]);
  const client = new Client({ connectionString: dbs.staging.url });
  await client.connect();
  const row = (
    await client.query(
      'SELECT count(DISTINCT code)::int AS codes, count(*) FILTER (WHERE user_id IS NOT NULL AND user_id NOT IN (SELECT id FROM ' +
        "users))::int AS orphans, (SELECT count(*)::int FROM pg_index WHERE indrelid = 'coupons'::regclass AND indisvalid) AS " +
        'indexes FROM coupons',
    )
  ).rows[0];
  await client.end();
  expect(row).toEqual({ codes: 3000, orphans: 0, indexes: 1 });
  const report = await runDataCheck({
    databases: [urlTarget('prod', dbs.readerUrl(dbs.prod)), urlTarget('staging', dbs.readerUrl(dbs.staging))],
    reference: 'prod',
    settings: [],
    exactCounts: false,
    volumePolicy: DEFAULT_VOLUME_POLICY,
  });
  expect(report.volume.map((v) => [v.table, v.status])).toEqual([
    ['public.coupons', 'ok'],
    ['public.orders', 'ok'],
    ['public.users', 'ok'],
  ]);
});

test('the CLI prints the plan and the result', async () => {
  const out: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  try {
    expect(
      await main([
        'data',
        'seed',
        '--db',
        `staging=${dbs.staging.url}`,
        '--db',
        `prod=${dbs.readerUrl(dbs.prod)}`,
        '--profile',
        profileFile,
        '--tables',
        'users',
        '--scale',
        '1.2',
        '--yes',
      ]),
    ).toBe(0);
  } finally {
    write.mockRestore();
  }
  expect(out.join('')).toMatch(
    /^parity data seed: staging, system identifier \d+\n {2}users {2}5,000 → 6,000 rows \(added 1,000\)\nAdded 1,000 rows in [\d.]+ s\.\n$/,
  );
});

test('an interrupted run keeps its committed batches, and the next run adds only the rest', async () => {
  const target = () => urlTarget('staging', dbs.staging.url);
  const admin = new Client({ connectionString: dbs.staging.url });
  await admin.connect();
  let killed: Promise<unknown> | undefined;
  const interrupted = await runDataSeed({
    target: target(),
    production: [],
    profile,
    tables: ['orders'],
    scale: 3,
    dryRun: false,
    batchRows: 1000,
    // After three batches (of the 40 to go), the seeding backend is terminated mid-statement (a lost connection, a killed job).
    onProgress: (_table, done) => {
      if (done >= 23_000 && !killed)
        killed = admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend' " +
            'AND query LIKE \'INSERT INTO "orders"%\'',
        );
    },
  }).then(
    () => undefined,
    (error: unknown) => error,
  );
  await killed;
  expect(interrupted).toBeInstanceOf(ExitError);
  const kept = (await counts(dbs.staging.url)).orders;
  expect(kept).toBeGreaterThanOrEqual(23_000);
  expect(kept).toBeLessThan(60_000);
  const resumed = await runDataSeed({ target: target(), production: [], profile, tables: ['orders'], scale: 3, dryRun: false });
  expect(resumed.tables.map((t) => [t.before, t.added])).toEqual([[kept, 60_000 - kept]]);
  const row = (await admin.query('SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM orders')).rows[0];
  await admin.end();
  expect(row).toEqual({ n: 60_000, ids: 60_000 });
});

test('appending where an integer key makes every unique index conflict-free: keys continue after the existing ones', async () => {
  await exec(
    dbs.staging.url,
    'CREATE TABLE events (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id), kind text NOT NULL, UNIQUE (id, ' +
      "kind)); INSERT INTO events SELECT g * 10, 1 + g, 'seen' FROM generate_series(1, 10) g",
  );
  const eventsProfile: DataProfile = {
    tables: { ...profile.tables, events: { rows: 3000, columns: { kind: { nullFraction: 0, distinct: 4, avgWidth: 5 } } } },
  };
  const result = await runDataSeed({
    target: urlTarget('staging', dbs.staging.url),
    production: [],
    profile: eventsProfile,
    tables: ['events'],
    dryRun: false,
    batchRows: 1000,
  });
  expect(result.tables.map((t) => [t.before, t.added])).toEqual([[10, 2990]]);
  const client = new Client({ connectionString: dbs.staging.url });
  await client.connect();
  const row = (
    await client.query(
      "SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids, min(id) FILTER (WHERE kind <> 'seen')::int AS first_new, count(*) " +
        'FILTER (WHERE user_id NOT IN (SELECT id FROM users))::int AS orphans FROM events',
    )
  ).rows[0];
  await client.end();
  expect(row).toEqual({ n: 3000, ids: 3000, first_new: expect.any(Number), orphans: 0 });
  expect(row.first_new).toBeGreaterThan(100);
});
