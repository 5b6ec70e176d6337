/**
 * The deterministic verdict on real PostgreSQL: lock class × work that grows with the table (seen in
 * the run) × rows in prod × lock_timeout. Exact messages of each finding, the safe recipes passing,
 * and the same verdict on every run.
 */
import { startEmbeddedServer, type EmbeddedServer } from '../../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../../packages/parity/src/migrations/server/postgres-binaries';
import { baseSchema, blockingRules, gateOnFresh, messageOf } from './support/gate-dir';

let server: EmbeddedServer;
beforeAll(async () => {
  server = await startEmbeddedServer(embeddedPostgresBinaries());
});
afterAll(async () => server?.stop());

const timeout = "SET LOCAL lock_timeout = '2s';\n";
/** Numbers in messages are measurements: masked. */
const masked = (text: string | undefined) => text?.replace(/\d[\d,.]*/g, 'N');

describe('blocked whatever the measured time, with why and the safe recipe', () => {
  test.each([
    [
      'CREATE INDEX: index build under SHARE',
      'CREATE INDEX authors_name_idx ON authors (name);',
      'line N `CREATE INDEX authors_name_idx ON authors (name)` builds an index on `authors` while holding ShareLock on it: that ' +
        "work grows with the table, and prod's N rows of `authors` would block every write for all of it (measured N ms at N rows, " +
        "an estimated N–N ms at prod's on an idle server; contention makes it longer). Safe recipe: build it with `CREATE INDEX " +
        'CONCURRENTLY` in a migration that runs outside a transaction (`-- parity:no-transaction`, `-- +goose NO TRANSACTION`, ' +
        '`transaction:false`...).',
    ],
    [
      'SET NOT NULL without a validated check: a scan under ACCESS EXCLUSIVE',
      'ALTER TABLE authors ALTER COLUMN name SET NOT NULL;',
      'line N `ALTER TABLE authors ALTER COLUMN name SET NOT NULL` reads N rows of `authors` (N at the small sample) while holding ' +
        "AccessExclusiveLock on it: that work grows with the table, and prod's N rows of `authors` would block every read and write " +
        "for all of it (measured N ms at N rows, an estimated N–N ms at prod's on an idle server; contention makes it longer). Safe " +
        'recipe: add `CHECK (col IS NOT NULL) NOT VALID`, `VALIDATE CONSTRAINT` it in a later migration, then `SET NOT NULL` ' +
        '(PostgreSQL N+ skips the scan when a validated check proves it), and drop the check.',
    ],
    [
      'a volatile default rewrites the table',
      'ALTER TABLE prices ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp();',
      'line N `ALTER TABLE prices ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp()` rewrites `prices` while holding ' +
        "AccessExclusiveLock on it: that work grows with the table, and prod's N rows of `prices` would block every read and write " +
        "for all of it (measured N ms at N rows, an estimated N–N ms at prod's on an idle server; contention makes it longer). Safe " +
        'recipe: add the column without the volatile default (or serial), set the default in a second statement, and backfill ' +
        'existing rows in batches.',
    ],
    [
      'a UNIQUE constraint builds its index under ACCESS EXCLUSIVE',
      'ALTER TABLE prices ADD CONSTRAINT prices_price_key UNIQUE (id, price);',
      'line N `ALTER TABLE prices ADD CONSTRAINT prices_price_key UNIQUE (id, price)` builds an index on `prices` while holding ' +
        "AccessExclusiveLock on it: that work grows with the table, and prod's N rows of `prices` would block every read and write " +
        "for all of it (measured N ms at N rows, an estimated N–N ms at prod's on an idle server; contention makes it longer). Safe " +
        'recipe: `CREATE UNIQUE INDEX CONCURRENTLY` first (its own migration, outside a transaction), then `ADD CONSTRAINT ... ' +
        'UNIQUE USING INDEX` (or `PRIMARY KEY USING INDEX`), which only takes a brief lock.',
    ],
  ])('%s', async (_name, sql, message) => {
    const report = await gateOnFresh(server.url, { '0002_change.sql': `${timeout}${sql}\n` });
    expect(blockingRules(report.migrations[0])).toEqual(['table-work-under-write-lock']);
    expect(masked(messageOf(report.migrations[0], 'table-work-under-write-lock'))).toBe(message);
  });

  test('a foreign key validates under SHARE ROW EXCLUSIVE (not ACCESS EXCLUSIVE): blocked for the scan', async () => {
    const base = `${baseSchema}ALTER TABLE prices ADD COLUMN author_id int;\n`;
    const report = await gateOnFresh(
      server.url,
      {
        '0002_clear.sql': 'UPDATE prices SET author_id = NULL;\n',
        '0003_fk.sql': `${timeout}ALTER TABLE prices ADD CONSTRAINT prices_author_fk FOREIGN KEY (author_id) REFERENCES authors (id);\n`,
      },
      undefined,
      base,
    );
    expect(blockingRules(report.migrations[0])).toEqual([]);
    const fk = report.migrations[1]!.statements[1]!;
    expect(fk.locks.map((l) => [l.table, l.mode])).toEqual([
      ['authors', 'ShareRowExclusiveLock'],
      ['prices', 'ShareRowExclusiveLock'],
    ]);
    expect(masked(messageOf(report.migrations[1], 'table-work-under-write-lock'))).toMatch(
      new RegExp(
        /^line N `ALTER TABLE prices ADD CONSTRAINT prices_author_fk FOREIGN KEY \(author_id\) REFERENCES a\.\.\.` reads N /.source +
          /rows of `prices` \(N at the small sample\) while holding ShareRowExclusiveLock on it: .* Safe recipe: add it /.source +
          /`NOT VALID` \(no scan\), then `VALIDATE CONSTRAINT` in a later migration \(SHARE UPDATE EXCLUSIVE: writes go /.source +
          /on\)\.$/.source,
      ),
    );
  });

  test('lock-held-through-work: a quick ALTER on one table keeps it locked through the rewrite of another', async () => {
    const report = await gateOnFresh(server.url, {
      '0002_two.sql': `${timeout}ALTER TABLE authors ADD COLUMN meta jsonb;\nALTER TABLE prices ALTER price SET DATA TYPE bigint;\n`,
    });
    expect(messageOf(report.migrations[0], 'lock-held-through-work')).toBe(
      'line 3 `ALTER TABLE prices ALTER price SET DATA TYPE bigint` rewrites `prices` while the same transaction still holds ' +
        'AccessExclusiveLock on `authors` (taken at line 2): reads and writes of `authors` (300,000 rows in prod) wait for all of ' +
        'it. Safe recipe: put the statements in separate migrations (each its own transaction), or take the lock last.',
    );
  });

  test('lock-timeout: a metadata-only change under ACCESS EXCLUSIVE without one', async () => {
    const report = await gateOnFresh(server.url, { '0002_add.sql': 'ALTER TABLE authors ADD COLUMN email2 text;\n' });
    expect(blockingRules(report.migrations[0])).toEqual(['lock-timeout']);
    expect(messageOf(report.migrations[0], 'lock-timeout')).toBe(
      'line 1 `ALTER TABLE authors ADD COLUMN email2 text` takes AccessExclusiveLock on `authors` with no lock_timeout in effect: ' +
        'behind any long query on `authors` it would wait and queue every later read and write behind it. Safe recipe: `SET LOCAL ' +
        "lock_timeout = '2s';` at the top of the migration (in its transaction; `SET lock_timeout` when it runs without one), and " +
        'retry the deploy when it gives up.',
    );
  });

  test('concurrently-in-transaction names where the runner puts the statement and the fix', async () => {
    const report = await gateOnFresh(server.url, { '0002_cic.sql': 'CREATE INDEX CONCURRENTLY authors_name_idx ON authors (name);\n' });
    expect(messageOf(report.migrations[0], 'concurrently-in-transaction')).toBe(
      '`CREATE INDEX CONCURRENTLY authors_name_idx ON authors (name)`: line 1 cannot run in the transaction the runner opens around ' +
        'the file (plain SQL: one transaction per file): PostgreSQL refuses it there and the deploy fails half way. Start the file ' +
        'with `-- parity:no-transaction`.',
    );
  });
});

test('a copy in the transaction of the ALTER that locked the table is blocked: the lock is held through it', async () => {
  const report = await gateOnFresh(server.url, {
    '0002_a.sql': `${timeout}ALTER TABLE authors ADD COLUMN contact text;\nUPDATE authors SET contact = email;`,
  });
  expect(blockingRules(report.migrations[0])).toEqual(['table-work-under-write-lock']);
  expect(masked(messageOf(report.migrations[0], 'table-work-under-write-lock'))).toMatch(
    new RegExp(
      /^line N `UPDATE authors SET contact = email` reads N rows of `authors` \(N at the small sample\) while holding /.source +
        /AccessExclusiveLock on it: /.source,
    ),
  );
});

describe('the safe recipes pass', () => {
  test.each([
    ['metadata-only ADD COLUMN with lock_timeout', { '0002_a.sql': `${timeout}ALTER TABLE authors ADD COLUMN meta jsonb;` }],
    [
      'CHECK NOT VALID, then VALIDATE, then SET NOT NULL (no scan after a validated check)',
      {
        '0002_a.sql': `${timeout}ALTER TABLE authors ADD CONSTRAINT name_nn CHECK (name IS NOT NULL) NOT VALID;`,
        '0003_b.sql': `${timeout}ALTER TABLE authors VALIDATE CONSTRAINT name_nn;`,
        '0004_c.sql': `${timeout}ALTER TABLE authors ALTER COLUMN name SET NOT NULL;`,
      },
    ],
    [
      'CREATE UNIQUE INDEX CONCURRENTLY, then UNIQUE USING INDEX',
      {
        '0002_a.sql': '-- parity:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY prices_key ON prices (id, price);',
        '0003_b.sql': `${timeout}ALTER TABLE prices ADD CONSTRAINT prices_key UNIQUE USING INDEX prices_key;`,
      },
    ],
    [
      'a foreign key NOT VALID, then VALIDATE',
      {
        '0002_a.sql':
          `${timeout}ALTER TABLE prices ADD COLUMN author_id int;\n` +
          'ALTER TABLE prices ADD CONSTRAINT fk FOREIGN KEY (author_id) REFERENCES authors (id) NOT VALID;',
        '0003_b.sql': `${timeout}ALTER TABLE prices VALIDATE CONSTRAINT fk;`,
      },
    ],
    [
      'expand, copy (no lock that blocks writes), contract: DROP COLUMN after the copy loses nothing',
      {
        '0002_a.sql': `${timeout}ALTER TABLE authors ADD COLUMN contact text;`,
        '0003_b.sql': 'UPDATE authors SET contact = email;',
        '0004_c.sql': `${timeout}ALTER TABLE authors DROP COLUMN email;`,
      },
    ],
  ])('%s', async (_name, files) => {
    const report = await gateOnFresh(server.url, files);
    expect(report.migrations.map((m) => [m.file, blockingRules(m)])).toEqual(Object.keys(files).map((f) => [f, []]));
  });

  test('a table prod holds no rows of: an index build there does not block', async () => {
    const report = await gateOnFresh(
      server.url,
      { '0002_a.sql': `${timeout}CREATE INDEX authors_name_idx ON authors (name);` },
      { authors: 0, prices: 300_000 },
    );
    expect(blockingRules(report.migrations[0])).toEqual([]);
  });
});

test('the same migration five times: the same verdict and the same findings', async () => {
  const runs: string[] = [];
  for (let i = 0; i < 5; i++) {
    const report = await gateOnFresh(server.url, {
      '0002_a.sql': `${timeout}CREATE INDEX authors_name_idx ON authors (name);\nALTER TABLE authors ADD COLUMN x int;`,
    });
    runs.push(JSON.stringify(report.migrations.map((m) => [m.file, blockingRules(m), m.statements.map((s) => s.work)])));
  }
  expect([...new Set(runs)]).toEqual([runs[0]]);
  expect(JSON.parse(runs[0]!)).toEqual([
    ['0002_a.sql', ['table-work-under-write-lock'], [[], [{ table: 'authors', rewrite: false, indexBuild: true }], []]],
  ]);
}, 400_000);
