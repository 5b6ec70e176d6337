/**
 * squawk as a dependency that cannot fail silently (its options checked before work, its exit status
 * read, told whether the runner wraps the file), and the terminal progress (stderr, TTY only).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExitError } from '../../packages/parity/src/shared/exit-error';
import { terminalProgress } from '../../packages/parity/src/migrations/report/progress';
import { checkSquawkOptions, squawkFindings } from '../../packages/parity/src/migrations/squawk';
import type { MigrationScript } from '../../packages/parity/src/migrations/source/migration';

const options = { exclude: [], block: [], pgVersion: '16.8' };
const script = (sql: string): MigrationScript => ({
  path: 'm.sql',
  sql,
  lineOffset: 0,
  transaction: 'wrap',
  transactionReason: 'plain SQL',
});

function exitOf(run: () => unknown): ExitError {
  try {
    run();
  } catch (error) {
    return error as ExitError;
  }
  throw new Error('expected an exit');
}

describe('squawk', () => {
  test("a malformed --squawk-config is exit 2 before any work, with squawk's message", () => {
    const file = join(mkdtempSync(join(tmpdir(), 'parity-squawk-')), '.squawk.toml');
    writeFileSync(file, 'not toml\n');
    const error = exitOf(() => checkSquawkOptions({ ...options, configFile: file }));
    expect([error.code, error.message]).toEqual([
      2,
      `expected \`--squawk-config\` a \`.squawk.toml\` squawk can read, found \`Configuration error: expected an equals, found an ` +
        `identifier at line 1 column 5\` in ${file}. Fix the file (see https://squawkhq.com/docs/configuration), or leave ` +
        `\`--squawk-config\` out.`,
    ]);
  });

  test('a config squawk accepts, and known rule names, pass the check', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'parity-squawk-')), '.squawk.toml');
    writeFileSync(file, 'excluded_rules = ["ban-drop-column"]\n');
    expect(() =>
      checkSquawkOptions({ ...options, configFile: file, exclude: ['prefer-robust-stmts'], block: ['require-concurrent-index-creation'] }),
    ).not.toThrow();
  });

  test('told the runner wraps the file, squawk reports CONCURRENTLY in a transaction; told it does not, it does not', () => {
    const sql = "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);\n";
    const rules = (wrapped: boolean) => squawkFindings(script(sql), options, wrapped).map((f) => f.rule);
    expect(rules(true)).toContain('squawk/ban-concurrent-index-creation-in-transaction');
    expect(rules(false)).not.toContain('squawk/ban-concurrent-index-creation-in-transaction');
  });

  test('a squawk that fails while linting (its config gone since the check) is exit 2, never "no findings"', () => {
    const error = exitOf(() =>
      squawkFindings(script('ALTER TABLE t DROP COLUMN c;\n'), { ...options, configFile: '/nonexistent/.squawk.toml' }, true),
    );
    expect([error.code, error.message]).toEqual([
      2,
      'expected squawk to lint m.sql and print its JSON report, found exit status 1 and no JSON report: `Configuration error: No ' +
        'such file or directory (os error 2)`. A check that cannot run never passes: fix the cause, or leave squawk out with ' +
        '`--squawk-exclude`.',
    ]);
  });

  test('--squawk-block makes a rule blocking', () => {
    const findings = squawkFindings(script('ALTER TABLE t DROP COLUMN c;\n'), { ...options, block: ['ban-drop-column'] }, true);
    expect(findings.filter((f) => f.rule === 'squawk/ban-drop-column').map((f) => f.level)).toEqual(['blocking']);
  });
});

describe('progress', () => {
  const stream = (isTTY: boolean) => {
    const written: string[] = [];
    return { isTTY, columns: 60, written, write: (text: string) => written.push(text) };
  };

  test('nothing at all when stderr is not a terminal', () => {
    const piped = stream(false);
    const progress = terminalProgress(piped);
    progress.phase('starting PostgreSQL');
    progress.seeding('orders', 0, 10);
    progress.statement('full', '0003_x.sql', 3, 'CREATE INDEX i ON orders (a)');
    progress.done();
    expect(piped.written).toEqual([]);
  });

  test('on a terminal one line, rewritten in place, cut to the width, cleared at the end', () => {
    const tty = stream(true);
    const progress = terminalProgress(tty);
    progress.seeding('orders', 0, 1_800_000);
    progress.statement(
      'full',
      '0003_orders_status_address_index.sql',
      3,
      'CREATE INDEX orders_status_address_idx ON orders (status, shipping_address, created_at)',
    );
    progress.done();
    expect(tty.written).toEqual([
      '\r\u001b[2Kparity: seeding orders: 0 of 1,800,000 rows',
      '\r\u001b[2Kparity: 0003_orders_status_address_index.sql:3 (full sample',
      '\r\u001b[2K',
    ]);
  });
});
