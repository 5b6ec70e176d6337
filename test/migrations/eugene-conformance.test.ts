/**
 * Conformance on labelled examples nobody here wrote: Eugene's bad/good pairs
 * (../shared/corpus/migrations/kaaveland_eugene_*, used in place; skipped when ../shared is absent),
 * split at their `-- N.sql` lines into Flyway migrations and run with `--all`, every table seeded
 * right after the migration that creates it. Every bad example must block for its real danger,
 * every good one pass. The verdict does not depend on the volume (decided by lock × work × rows),
 * so a small sample serves; bench/migrations-side-by-side.ts runs them at 500,000 rows.
 */
import { runMigrationGate } from '../../packages/parity/src/migrations/gate';
import type { GateReport } from '../../packages/parity/src/migrations/report/gate-report';
import { startEmbeddedServer, type EmbeddedServer } from '../../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../../packages/parity/src/migrations/server/postgres-binaries';
import { eugeneCorpusDir, splitEugeneExamples, type EugeneExample } from './support/eugene-corpus';
import { testGateOptions } from './support/gate-dir';

const corpus = eugeneCorpusDir();
let server: EmbeddedServer;
const reports = new Map<string, GateReport>();
const examples: EugeneExample[] = corpus ? splitEugeneExamples(corpus, 20_000) : [];

/** Per example: the migration that blocks, its blocking rules, and a word of the first finding (the danger). */
const expected: Record<string, [string, string[], RegExp] | 'passes'> = {
  E1_bad: [
    'V2__2.sql',
    ['table-work-under-write-lock'],
    new RegExp(
      /^line 2 `alter table authors add constraint name_not_null check \(name is not null\)` reads 20,000 rows of /.source +
        /`authors`.* while holding AccessExclusiveLock on it/.source,
    ),
  ],
  E1_good: 'passes',
  E2_bad: [
    'V2__2.sql',
    ['table-work-under-write-lock'],
    /^line 2 `alter table authors alter column name set not null` reads 20,000 rows of `authors`/,
  ],
  E2_good: 'passes',
  E5_bad: [
    'V2__2.sql',
    ['table-work-under-write-lock'],
    /^line 2 `alter table prices alter price set data type bigint` rewrites `prices` while holding AccessExclusiveLock/,
  ],
  // Labelled good, but its 4.sql validates the check in the same ALTER TABLE as DROP COLUMN: the
  // validation scan then runs under ACCESS EXCLUSIVE (measured: every row read under that lock).
  E5_good: [
    'V4__4.sql',
    ['table-work-under-write-lock'],
    new RegExp(
      /^line 2 `alter table prices validate constraint check_new_price_not_null, drop column price` reads 20,000 rows of /.source +
        /`prices`.* while holding AccessExclusiveLock on it/.source,
    ),
  ],
  E6_bad: [
    'V2__2.sql',
    ['table-work-under-write-lock'],
    /^line 2 `create index authors_name_idx on authors \(name\)` builds an index on `authors` while holding ShareLock on it/,
  ],
  E6_good: 'passes',
  E7_bad: [
    'V2__2.sql',
    ['table-work-under-write-lock'],
    new RegExp(
      /^line 2 `alter table authors add constraint unique_name unique\(name\)` builds an index on `authors` while holding /.source +
        /AccessExclusiveLock/.source,
    ),
  ],
  E7_good: 'passes',
  E9_bad: [
    'V2__2.sql',
    ['lock-timeout'],
    /^line 1 `alter table authors add column email text` takes AccessExclusiveLock on `authors` with no lock_timeout in effect/,
  ],
  E10_bad: [
    'V2__2.sql',
    ['table-work-under-write-lock', 'lock-held-through-work'],
    /^line 6 `alter table prices alter price set data type bigint` rewrites `prices`/,
  ],
  E11_bad: [
    'V2__2.sql',
    ['table-work-under-write-lock'],
    /^line 2 `alter table prices add column id serial` rewrites `prices` while holding AccessExclusiveLock/,
  ],
  W12_bad: [
    'V2__2.sql',
    ['table-work-under-write-lock', 'table-work-under-write-lock'],
    /^line 2 `alter table authors alter column name set not null` reads 20,000 rows of `authors`/,
  ],
};

(corpus ? describe : describe.skip)("Eugene's examples", () => {
  beforeAll(async () => {
    server = await startEmbeddedServer(embeddedPostgresBinaries());
    for (const example of examples)
      reports.set(
        example.name,
        await runMigrationGate({ ...testGateOptions(example.dir, server.url, 1), selection: { kind: 'all' }, maxRows: 1_000_000 }),
      );
  }, 600_000);
  afterAll(async () => server?.stop());

  test('every example of the corpus is expected here', () =>
    expect(examples.map((e) => e.name).sort()).toEqual(Object.keys(expected).sort()));

  test.each(Object.entries(expected))('%s', (name, want) => {
    const report = reports.get(name)!;
    expect(report.tool).toBe('flyway (detected: `V1__name.sql` files, optional undo `U1__name.sql`)');
    expect(report.seeded.every((s) => s.sampleRows === 20_000 && s.afterMigration === 'V1__1.sql')).toBe(true);
    const blocking = report.migrations
      .map((m) => [m.file, m.findings.filter((f) => f.level === 'blocking')] as const)
      .filter(([, f]) => f.length > 0);
    if (want === 'passes') return expect(blocking.map(([file, f]) => [file, f.map((x) => x.rule)])).toEqual([]);
    const [file, rules, danger] = want;
    expect(blocking.map(([f, findings]) => [f, findings.map((x) => x.rule)])).toEqual([[file, rules]]);
    expect(blocking[0]![1][0]!.message).toMatch(danger);
  });
});
