/** `parity data` argument handling: every bad input is exit 2, one line: expected, found, fix; no database is touched. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitError } from '../../packages/parity/src/shared/exit-error';
import { main } from '../../packages/parity/src/cli/main';
import { compareSettings, minimumRows, settingMatches, DEFAULT_VOLUME_POLICY } from '../../packages/parity/src/data/compare-data';
import type { DatabaseSnapshot } from '../../packages/parity/src/data/model';
import { terminalProgress } from '../../packages/parity/src/cli/data';
import { parseEndpoint } from '../../packages/parity/src/data/iam-target';

const dir = mkdtempSync(join(tmpdir(), 'data-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

async function exitOf(argv: string[]): Promise<ExitError> {
  const error = await main(argv).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExitError);
  return error as ExitError;
}

const two = ['--db', 'prod=postgresql://u@127.0.0.1:1/db', '--db', 'staging=postgresql://u@127.0.0.1:1/db'];

test.each([
  [
    ['data'],
    'expected `data check` or `data seed`, found `data` alone. Run `parity data check --db NAME=URL ... [--policy FILE] ' +
      '[--exact-counts] [--format text|markdown|json|html] [--output FILE]`.',
  ],
  [['data', 'compare'], 'expected `data check` or `data seed`, found `data compare`.'],
  [
    ['data', 'check', '--db', 'prod=postgresql://u@h/db'],
    'expected at least two `--db NAME=URL` to compare (prod and the environments held against it), found only `prod`. Add `--db ' +
      'prod=...` and `--db staging=...`.',
  ],
  [['data', 'check'], 'expected at least two `--db NAME=URL` to compare (prod and the environments held against it), found none.'],
  [
    ['data', 'check', '--db', 'prod=postgresql://u@h/db', '--db', 'prod=postgresql://u@h/db2'],
    'expected each environment once in `--db`, found `prod` twice. Pass `--db prod` only once.',
  ],
  [
    ['data', 'check', '--db', 'prod=postgresql://u:hunter2@h/db', '--db', 'qa'],
    'expected `--db qa=URL` (`qa` alone is for an environment of config/environments.ts: dev, staging, prod), found `--db qa`. Give ' +
      'its URL: `--db qa=postgresql://...` or `--db qa=env:VARIABLE`.',
  ],
  [
    ['data', 'check', '--db', 'prod=env:PARITY_NO_SUCH_VARIABLE', '--db', 'staging'],
    'expected environment variable `PARITY_NO_SUCH_VARIABLE` holding the URL of `prod`, found it unset or empty. Export it (`export ' +
      'PARITY_NO_SUCH_VARIABLE=postgresql://...`) or pass the URL itself.',
  ],
  [
    ['data', 'check', '--db', 'prod=https://u:hunter2@h/db', '--db', 'staging'],
    'expected a PostgreSQL URL for `prod` (`--db NAME=postgresql://USER@HOST:PORT/DATABASE`, `--db NAME=env:VARIABLE`, or `--db ' +
      'NAME` for an environment of config/), found `https://u:***@h/db`. Write it as `--db ' +
      'prod=postgresql://parity_reader@HOST:5432/DATABASE?sslmode=require`.',
  ],
  [
    ['data', 'check', ...two, '--format', 'pdf'],
    'expected `--format` one of text, markdown, json, html, found `pdf`. Run again with `--format text`.',
  ],
  [
    ['data', 'check', ...two, '--count'],
    'expected options as in `usage: parity data check --db NAME=URL ... [--policy FILE] [--exact-counts] [--format ' +
      'text|markdown|json|html] [--output FILE]`, found an unknown option `--count`. Fix the command line.',
  ],
])('%j', async (argv, message) => {
  const error = await exitOf(argv);
  expect(error.code).toBe(2);
  expect(error.message.startsWith(message)).toBe(true);
  expect(error.message).not.toContain('hunter2');
});

test.each([
  [
    'volume:\n  fraction: 2\n',
    'expected a policy shaped `{ settings: [NAME], volume: { fraction, rows, tables: { TABLE: { rows | fraction } } } }`, found Too ' +
      'big: expected number to be <=1 at `volume.fraction` in',
  ],
  [
    'volume:\n  tables:\n    orders: { rows: 10, fraction: 0.1 }\n',
    'expected a policy shaped `{ settings: [NAME], volume: { fraction, rows, tables: { TABLE: { rows | fraction } } } }`, found give ' +
      '`rows` or `fraction`, one of them at `volume.tables.orders` in',
  ],
  [
    'settings: [work_mem]\nvolumes: {}\n',
    'expected a policy shaped `{ settings: [NAME], volume: { fraction, rows, tables: { TABLE: { rows | fraction } } } }`, found ' +
      'Unrecognized key: "volumes" at `(root)` in',
  ],
  ['settings: [\n', 'expected a data policy (YAML or JSON) at'],
])('policy %j', async (text, message) => {
  const error = await exitOf(['data', 'check', ...two, '--policy', file('policy.yaml', text)]);
  expect(error.code).toBe(2);
  expect(error.message.startsWith(message)).toBe(true);
});

test('--help of each subcommand', async () => {
  const out: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(String(chunk)), true));
  try {
    expect(await main(['data', 'check', '--help'])).toBe(0);
    expect(await main(['data', 'seed', '--help'])).toBe(0);
  } finally {
    write.mockRestore();
  }
  // Each help starts with its usage line; the options, examples and exit codes follow (test/cli/help.test.ts).
  expect(out.map((text) => text.split('\n')[0])).toEqual([
    'usage: parity data check --db NAME=URL ... [--policy FILE] [--exact-counts] [--format text|markdown|json|html] [--output FILE]',
    'usage: parity data seed --db NAME=URL --profile FILE [--scale F] [--tables a,b] [--dry-run] [--yes]',
  ]);
});

test('the volume rule: 10% of prod or 100,000 rows, whichever is smaller, per table overridable', () => {
  expect(minimumRows(DEFAULT_VOLUME_POLICY, 'public.orders', 50_000_000)).toBe(100_000);
  expect(minimumRows(DEFAULT_VOLUME_POLICY, 'public.orders', 5_000)).toBe(500);
  expect(minimumRows(DEFAULT_VOLUME_POLICY, 'public.orders', 0)).toBe(0);
  const policy = { ...DEFAULT_VOLUME_POLICY, tables: { orders: { rows: 1_000_000 }, 'audit.log': { fraction: 0.01 } } };
  expect(minimumRows(policy, 'public.orders', 50_000_000)).toBe(1_000_000);
  expect(minimumRows(policy, 'audit.log', 1_000_000)).toBe(10_000);
});

test('the SSM endpoint parameter holds host:port', () => {
  expect(parseEndpoint('orders-staging.abc.eu-west-1.rds.amazonaws.com:5432')).toEqual({
    host: 'orders-staging.abc.eu-west-1.rds.amazonaws.com',
    port: 5432,
  });
  expect(parseEndpoint('db.internal')).toEqual({ host: 'db.internal', port: 5432 });
  expect(() => parseEndpoint('value of /orders/staging/DATABASE_ENDPOINT')).toThrow(
    'expected the parameter to hold `host:port`, found `value of /orders/staging/DATABASE_ENDPOINT`',
  );
});

test('seed progress goes to a terminal only, one line per table rewritten in place', () => {
  const written: string[] = [];
  const stream = (isTTY: boolean) => ({ isTTY, write: (s: string) => (written.push(s), true) }) as unknown as NodeJS.WriteStream;
  expect(terminalProgress(stream(false))).toBeUndefined();
  const progress = terminalProgress(stream(true))!;
  progress('users', 200, 5000);
  progress('users', 5000, 5000);
  progress('orders', 150, 20000);
  expect(written.join('')).toBe(
    '\r  seeding users: 200 / 5,000 rows (4%)\r  seeding users: 5,000 / 5,000 rows (100%)\n\r  seeding orders: 150 / 20,000 rows (0%)',
  );
});

test('a setting matches the parameter group as PostgreSQL spells it', () => {
  expect(settingMatches('log_lock_waits', 'on', '1')).toBe(true);
  expect(settingMatches('log_lock_waits', 'off', '1')).toBe(false);
  expect(settingMatches('rds.force_ssl', 'on', '1')).toBe(true);
  expect(settingMatches('deadlock_timeout', '1000', '1000')).toBe(true);
  expect(settingMatches('deadlock_timeout', '2000', '1000')).toBe(false);
  expect(settingMatches('idle_in_transaction_session_timeout', '60000', '60000.0')).toBe(true);
  expect(settingMatches('shared_preload_libraries', 'rdsutils,pg_stat_statements', 'pg_stat_statements')).toBe(true);
  expect(settingMatches('shared_preload_libraries', 'rdsutils', 'pg_stat_statements')).toBe(false);
  expect(settingMatches('pg_stat_statements.track', 'all', 'all')).toBe(true);
  expect(settingMatches('pg_stat_statements.track', null, 'all')).toBe(false);
});

test('a value pending a restart is a finding even where every environment reads the same', () => {
  const snap = (raw: string, pendingRestart: boolean) =>
    ({ settings: { max_connections: { value: raw, raw, pendingRestart } } }) as unknown as DatabaseSnapshot;
  expect(
    compareSettings(
      new Map([
        ['prod', snap('400', false)],
        ['staging', snap('400', true)],
      ]),
      ['max_connections'],
      { max_connections: '400' },
    ),
  ).toEqual([{ name: 'max_connections', expected: '400', values: { prod: '400', staging: '400 (pending restart)' } }]);
  expect(
    compareSettings(
      new Map([
        ['prod', snap('400', false)],
        ['staging', snap('400', false)],
      ]),
      ['max_connections'],
      { max_connections: '400' },
    ),
  ).toEqual([]);
});
