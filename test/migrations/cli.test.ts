/** The command modules' argument handling: bad input is exit 2 with what was expected, found, and the fix. */
import { join } from 'node:path';
import { ExitError } from '../../packages/parity/src/shared/exit-error';
import { run as migrations } from '../../packages/parity/src/cli/migrations-check';
import { run as preflight } from '../../packages/parity/src/cli/preflight';
import { selectNew } from '../../packages/parity/src/migrations/source/select-new';
import { loadMigrations } from '../../packages/parity/src/migrations/source/load';
import { plainSqlAdapter } from '../../packages/parity/src/migrations/source/plain-sql-adapter';

async function exitOf(promise: Promise<unknown>): Promise<ExitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExitError);
  return error as ExitError;
}

test.each([
  [['nope'], 'expected a subcommand `check` or `profile`, found `nope`.'],
  [['check', '--all', '--new', '2'], 'expected one of `--all`, `--new N`, `--base REF`, found `--all` and `--new`. Keep only one.'],
  [['check', '--scale', '2'], "expected `--scale` a fraction of prod's rows in (0, 1], found `2`. Run again with e.g. `--scale 0.1`."],
  [['check', '--new', 'x'], 'expected `--new` a positive whole number, found `x`. Run again with e.g. `--new 1`.'],
  [['check', '--format', 'html'], 'expected `--format` one of text, markdown, json, found `html`. Run again with `--format text`.'],
  [
    ['check', '--dir', 'no/such/dir', '--all'],
    'expected a migrations directory at `no/such/dir`, found nothing: no such file or directory. Pass `--dir PATH` (default `migrations`).',
  ],
  [
    ['check', '--tool', 'liquibase', '--all'],
    'expected `--tool` one of sql, node-pg-migrate, knex, goose, dbmate, golang-migrate, flyway, found `liquibase`. Run again with ' +
      '`--tool sql`, or leave `--tool` out to detect the format.',
  ],
  [
    ['check', '--all', '--squawk-exclude', 'no-such-rule'],
    'expected `--squawk-exclude` rule names squawk knows (https://squawkhq.com/docs/rules), found `no-such-rule` in `no-such-rule`. ' +
      'Fix the rule name (e.g. `require-concurrent-index-creation`), then run the check again.',
  ],
  [
    ['check', '--all', '--squawk-block', 'ban-drop-column,not-a-rule'],
    'expected `--squawk-block` rule names squawk knows (https://squawkhq.com/docs/rules), found `not-a-rule` in ' +
      '`ban-drop-column,not-a-rule`. Fix the rule name (e.g. `require-concurrent-index-creation`), then run the check again.',
  ],
  [
    ['check', '--all', '--squawk-config', 'no/such/.squawk.toml'],
    'expected `--squawk-config` a squawk configuration file (`.squawk.toml`), found `no/such/.squawk.toml`: no such file. Pass the ' +
      'path of an existing `.squawk.toml`, or leave `--squawk-config` out.',
  ],
  [['profile', '--output', 'p.json'], 'expected `--database-url URL` of the database to profile (prod or a restored copy), found none.'],
])('migrations %j', async (argv, message) => {
  const error = await exitOf(migrations(argv));
  expect(error.code).toBe(2);
  expect(error.message.startsWith(message)).toBe(true);
});

test('preflight needs a database URL', async () => {
  const error = await exitOf(preflight([]));
  expect([error.code, error.message.split('.')[0]]).toEqual([
    2,
    'expected `--database-url URL` of the database the new version will use, found none',
  ]);
});

test('without the base ref (a fresh CI clone) it says so and how to fix it', async () => {
  const dir = join(__dirname, '..', 'fixtures', 'migrations', 'items');
  const all = await loadMigrations(dir, plainSqlAdapter);
  expect(() => selectNew(all, dir, { kind: 'since', base: 'origin/no-such-branch' })).toThrow(
    'expected the git ref `origin/no-such-branch` to compare with (new migrations are the files added since it), found no such ref ' +
      'in this clone (a fresh CI clone may only have `main`). Fetch it (`git fetch origin main`, or `fetch-depth: 0` in ' +
      'actions/checkout), pass `--base REF`, or choose the migrations with `--all` or `--new N`.',
  );
  expect(selectNew(all, dir, { kind: 'last', count: 2 }).fresh.map((m) => m.migration.id)).toEqual([
    '0005_items_add_note',
    '0006_create_tags',
  ]);
});
