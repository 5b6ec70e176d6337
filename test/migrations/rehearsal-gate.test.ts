/**
 * The rehearsal inside the gate, on real PostgreSQL: the report's `rehearsal` object per migration
 * (exactly the issue's keys), the sentence in text and markdown, the lock-queue warning when a
 * lock_timeout gives up, nothing for a migration that only creates a table; and the CLI's flags.
 */
import { join } from 'node:path';
import type { ExitError } from '../../packages/parity/src/shared/exit-error';
import { run as migrations } from '../../packages/parity/src/cli/migrations-check';
import { runMigrationGate, type GateOptions } from '../../packages/parity/src/migrations/gate';
import type { GateReport, MigrationReport } from '../../packages/parity/src/migrations/report/gate-report';
import { renderReport } from '../../packages/parity/src/migrations/report/render';
import { PROD_PG_VERSION } from '../support/this-project';
import { itemsDeprecationWarning, withCapturedStderr } from './support/captured-stderr';

jest.setTimeout(240_000);

const fixtures = join(__dirname, '..', 'fixtures', 'migrations');
const options: GateOptions = {
  dir: join(fixtures, 'items'),
  allowNonEmpty: false,
  selection: { kind: 'last', count: 5 },
  scale: 1,
  maxRows: 1_000_000,
  lockBudgetMs: 2000,
  totalBudgetMs: 30_000,
  squawk: { exclude: [], block: [] },
  declaredVersion: PROD_PG_VERSION,
  rehearsal: { enabled: true, openTransactionMs: 2_500, ratePerSecond: 100 },
};

let report: GateReport;
let gateStderr: string[];
const migration = (file: string): MigrationReport => report.migrations.find((m) => m.file === file)!;

beforeAll(async () => {
  ({ result: report, written: gateStderr } = await withCapturedStderr(() => runMigrationGate(options)));
});

test("the only thing the gate says on stderr is the old annotation form's deprecation (the report carries the rest)", () => {
  expect(gateStderr).toEqual([itemsDeprecationWarning(options.dir)]);
});

test("every migration touching a populated table has the issue's rehearsal object, exactly those keys", () => {
  for (const file of [
    '0002_items_price_to_integer.sql',
    '0003_items_label_index.sql',
    '0004_items_drop_label.sql',
    '0005_items_add_note.sql',
  ]) {
    const rehearsal = migration(file).rehearsal!;
    expect(Object.keys(rehearsal)).toEqual(['tables', 'lockQueue']);
    expect(Object.keys(rehearsal.tables)).toEqual(['items']);
    expect(Object.keys(rehearsal.tables.items!)).toEqual([
      'maxReadWaitMs',
      'maxWriteWaitMs',
      'statementsOver1s',
      'p99BeforeMs',
      'p99DuringMs',
    ]);
    expect(Object.keys(rehearsal.lockQueue!)).toEqual(['openTransactionMs', 'maxReadWaitMs', 'maxWriteWaitMs', 'migrationGaveUp']);
    expect(rehearsal.lockQueue!.openTransactionMs).toBe(2_500);
  }
});

test('an ACCESS EXCLUSIVE rewrite with lock_timeout 1s gives up behind the open transaction: a retry warning, not a block', () => {
  const m = migration('0002_items_price_to_integer.sql');
  expect(m.rehearsal!.lockQueue!.migrationGaveUp).toBe(true);
  expect(m.rehearsal!.lockQueue!.maxWriteWaitMs).toBeLessThan(2_000);
  const warning = m.findings.find((f) => f.rule === 'rehearsal/lock-queue')!;
  expect(warning.level).toBe('warning');
  expect(warning.message).toMatch(
    new RegExp(
      /^behind a 2500 ms open transaction the migration's lock_timeout made it give up \(reads waited up to \d+ ms, writes /.source +
        /\d+ ms\): prod was not blocked, but the deploy needs a retry\./.source,
    ),
  );
  expect(m.rehearsalSummary).toContain('behind a 2.5 s open transaction the migration gave up at its lock_timeout');
});

test('a CREATE INDEX CONCURRENTLY (replayed from its traced locks) makes nothing wait', () => {
  const m = migration('0003_items_label_index.sql');
  expect(m.rehearsal!.tables.items!.maxWriteWaitMs).toBeLessThan(300);
  expect(m.rehearsal!.lockQueue!.migrationGaveUp).toBe(false);
  expect(m.rehearsal!.lockQueue!.maxWriteWaitMs).toBeLessThan(300);
});

test('a migration that only creates a table is not rehearsed, and says so', () => {
  const m = migration('0006_create_tags.sql');
  expect(m.rehearsal).toBeNull();
  expect(m.rehearsalSummary).toBe('Not rehearsed: the migration touches no table that holds rows.');
});

test('the measurement after the rehearsal sees the database unchanged (the index of 0003 is built once, by the gate)', () => {
  expect(migration('0003_items_label_index.sql').statements[0]!.work.some((w) => w.indexBuild)).toBe(true);
  expect(migration('0004_items_drop_label.sql').findings.some((f) => f.rule === 'rehearsal/failed-under-load')).toBe(false);
});

test('text and markdown say it in a sentence; JSON carries the object', () => {
  const text = renderReport(report, 'text', false);
  expect(text).toContain(`  under load: ${migration('0003_items_label_index.sql').rehearsalSummary}`);
  expect(renderReport(report, 'markdown', false)).toContain(`Under load: ${migration('0002_items_price_to_integer.sql').rehearsalSummary}`);
  const json = JSON.parse(renderReport(report, 'json', false)) as GateReport;
  expect(json.migrations[0]!.rehearsal).toEqual(migration(json.migrations[0]!.file).rehearsal);
});

describe('CLI flags', () => {
  const exitOf = async (argv: string[]) =>
    (await migrations(argv).then(
      () => undefined,
      (e: unknown) => e,
    )) as ExitError;

  test.each([
    [
      ['check', '--all', '--no-rehearsal', '--workload', 'w.sql'],
      'expected either `--workload FILE` or `--no-rehearsal`, found both. Keep one of them.',
    ],
    [
      ['check', '--all', '--open-transaction-ms', 'soon'],
      'expected `--open-transaction-ms` a whole number of milliseconds from 0 to 600000, found `soon`. Run again with e.g. ' +
        '`--open-transaction-ms 5000` (0 skips the lock-queue rehearsal).',
    ],
    [
      ['check', '--all', '--workload', 'no/such/workload.sql'],
      'expected a readable SQL file at `--workload no/such/workload.sql`, found `ENOENT`. Give the path of a file of SQL statements ' +
        '(e.g. the top queries of pg_stat_statements with literal values).',
    ],
  ])('%j is bad input before any work', async (argv, message) => {
    const error = await exitOf(argv);
    expect(error.code).toBe(2);
    expect(error.message).toBe(message);
  });

  test('--help describes the rehearsal flags', async () => {
    let out = '';
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
    try {
      expect(await migrations(['check', '--help'])).toBe(0);
    } finally {
      write.mockRestore();
    }
    expect(out).toContain('--workload FILE');
    expect(out).toContain('--no-rehearsal               skip the rehearsal');
    expect(out).toContain('--open-transaction-ms N');
  });
});
