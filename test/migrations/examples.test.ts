/**
 * The example set shipped in migrations/ (the incidents, and their safe versions) through the
 * real gate, at a tenth of prod's rows (the default scale is benchmarked in bench/).
 */
import { join } from 'node:path';
import { runMigrationGate } from '../../packages/parity/src/migrations/gate';
import type { GateReport } from '../../packages/parity/src/migrations/report/gate-report';

let report: GateReport;
const find = (prefix: string) => report.migrations.find((m) => m.file.startsWith(prefix))!;
const blocking = (prefix: string) => find(prefix).findings.filter((f) => f.level === 'blocking');

beforeAll(async () => {
  report = await runMigrationGate({
    dir: join(__dirname, '..', '..', 'migrations'),
    allowNonEmpty: false,
    selection: { kind: 'last', count: 7 },
    scale: 0.1,
    maxRows: 1_000_000,
    lockBudgetMs: 2000,
    // The duration budgets are timings (tested in parsing-and-estimates.test.ts, measured in bench/):
    // on a loaded machine 0007's copy can straddle 30 s. Here: the verdicts that do not depend on time.
    totalBudgetMs: 600_000,
    squawk: { exclude: [], block: [] },
  });
});

test('seeds users and orders to a tenth of the profile', () => {
  expect(report.seeded.map((s) => [s.table, s.prodRows, s.sampleRows])).toEqual([
    ['users', 847000, 84700],
    ['orders', 1800000, 180000],
  ]);
});

test.each([
  ['0003', ['table-work-under-write-lock', 'lock-timeout']],
  ['0004', []],
  ['0005', ['destructive-change']],
  ['0006', []],
  ['0007', []],
  ['0008', []],
  ['0009', []],
])('%s blocks on %j', (prefix, rules) => expect(blocking(prefix).map((f) => f.rule)).toEqual(rules));

test('the plain index build: SHARE lock on orders while it builds an index (every row read), blocked whatever the time', () => {
  const [statement] = find('0003').statements;
  expect(statement!.locks.map((l) => [l.table, l.mode])).toEqual([['orders', 'ShareLock']]);
  expect(statement!.sampleRows).toBe(180000);
  expect(statement!.estimatedProdMs.high).toBeGreaterThan(2000);
  expect(statement!.estimatedProdMs.low).toBeGreaterThan(statement!.durationMs);
  expect(blocking('0003')[0]!.message).toMatch(
    new RegExp(
      /^line 3 `CREATE INDEX orders_status_address_idx ON orders \(status, shipping_address, created_at\)` builds an index /.source +
        /on `orders` while holding ShareLock on it: that work grows with the table, and prod's 1,800,000 rows of `orders` /.source +
        /would block every write for all of it \(measured [\d,.]+ ms at 180,000 rows, an estimated [\d,]+–[\d,]+ ms at /.source +
        /prod's on an idle server; contention makes it longer\)\. Safe recipe: build it with `CREATE INDEX CONCURRENTLY` /.source +
        /in a migration that runs outside a transaction/.source,
    ),
  );
  expect(find('0003').statements[0]!.work).toEqual([{ table: 'orders', rewrite: false, indexBuild: true }]);
});

test('the concurrent build holds only SHARE UPDATE EXCLUSIVE', () => {
  expect(find('0004').statements[1]!.locks.map((l) => l.mode)).toEqual(['ShareUpdateExclusiveLock']);
});

test('dropping preferences_json before copying it is data loss; the copied settings_json is not', () => {
  expect(blocking('0005')[0]!.message).toMatch(
    /drops `users\.preferences_json`, which holds [\d,]+ values in the sample, and no earlier statement copies it/,
  );
  expect(find('0009').statements[1]!.locks.map((l) => l.mode)).toEqual(['AccessExclusiveLock']);
  expect(find('0009').findings.filter((f) => f.rule === 'destructive-change')).toEqual([]);
});
