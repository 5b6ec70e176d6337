/**
 * Each runner's format read as the runner reads it (Up/Down sections, transaction opt-outs,
 * goose's statement splitting), the format detected, and the transaction plan each one implies.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitError } from '../../packages/parity/src/shared/exit-error';
import { dbmateAdapter } from '../../packages/parity/src/migrations/source/dbmate-adapter';
import { flywayAdapter } from '../../packages/parity/src/migrations/source/flyway-adapter';
import { golangMigrateAdapter } from '../../packages/parity/src/migrations/source/golang-migrate-adapter';
import { gooseAdapter, gooseStatements } from '../../packages/parity/src/migrations/source/goose-adapter';
import { chooseAdapter } from '../../packages/parity/src/migrations/source/load';
import { nodePgMigrateAdapter } from '../../packages/parity/src/migrations/source/node-pg-migrate-adapter';
import type { MigrationScript, TransactionMode } from '../../packages/parity/src/migrations/source/migration';
import { splitStatements } from '../../packages/parity/src/migrations/source/statements';
import { planScript } from '../../packages/parity/src/migrations/source/transaction-plan';

const fixtures = join(__dirname, '..', 'fixtures', 'migrations');
const load = async (adapter: typeof gooseAdapter, name: string) => adapter.load(join(fixtures, name), readdirSync(join(fixtures, name)));
const script = (sql: string, transaction: TransactionMode, transactionReason = 'the runner'): MigrationScript => ({
  path: 'm.sql',
  sql,
  lineOffset: 0,
  transaction,
  transactionReason,
});

/** The plan as [unit kind, lines] pairs. */
async function plan(sql: string, mode: TransactionMode) {
  const s = script(sql, mode);
  const p = planScript(s, await splitStatements(s));
  return {
    wrapped: p.wrapped,
    units: p.units.map((u) =>
      u.kind === 'transaction'
        ? ['transaction', u.statements.map((x) => x.statement.line), u.ends]
        : ['autocommit', [u.statement.statement.line]],
    ),
    conflicts: p.conflicts.map((c) => c.message),
  };
}

describe('detection', () => {
  test.each([
    ['goose', 'goose (detected: `NNNN_name.sql` files with `-- +goose Up` and `-- +goose Down`)'],
    ['dbmate', 'dbmate (detected: `VERSION_name.sql` files with `-- migrate:up` and `-- migrate:down`)'],
    ['golang-migrate', 'golang-migrate (detected: `N_name.up.sql` files, optional `N_name.down.sql`)'],
    ['flyway', 'flyway (detected: `V1__name.sql` files, optional undo `U1__name.sql`)'],
    [
      'node-pg-migrate',
      'node-pg-migrate (detected: `.sql` files with `-- Up Migration` and `-- Down Migration`, or `.js` files calling `pgm.sql()`)',
    ],
    [
      'node-pg-migrate-js',
      'node-pg-migrate (detected: `.sql` files with `-- Up Migration` and `-- Down Migration`, or `.js` files calling `pgm.sql()`)',
    ],
    ['knex', 'knex (detected: `.js`, `.cjs` or `.ts` files exporting `up` and `down`)'],
    ['items', 'sql (detected: `NNNN_name.sql`, optional `NNNN_name.down.sql`)'],
  ])('%s', (dir, how) => expect(chooseAdapter(join(fixtures, dir), undefined).how).toBe(how));

  test('--tool wins over detection and says so', () => expect(chooseAdapter(join(fixtures, 'goose'), 'sql').how).toBe('sql (--tool sql)'));

  test('an unknown --tool is exit 2 naming every tool', () => {
    expect(() => chooseAdapter(fixtures, 'liquibase')).toThrow(
      'expected `--tool` one of sql, node-pg-migrate, knex, goose, dbmate, golang-migrate, flyway, found `liquibase`. Run again with ' +
        '`--tool sql`, or leave `--tool` out to detect the format.',
    );
  });

  test('a directory of no known format is exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parity-formats-'));
    writeFileSync(join(dir, 'notes.txt'), 'nothing');
    let error: ExitError | undefined;
    try {
      chooseAdapter(dir, undefined);
    } catch (e) {
      error = e as ExitError;
    }
    expect([error?.code, error?.message.split(' (')[0]]).toEqual([2, `expected migrations of a known tool in \`${dir}\``]);
  });
});

describe('goose', () => {
  test('Up and Down sections, versions as goose stores them, NO TRANSACTION for the whole file', async () => {
    const migrations = await load(gooseAdapter, 'goose');
    expect(migrations.map((m) => [m.id, m.up.transaction, m.down?.transaction, m.up.lineOffset])).toEqual([
      ['1', 'wrap', 'wrap', 1],
      ['2', 'wrap', 'wrap', 1],
      ['3', 'none', 'none', 2],
      ['4', 'wrap', 'wrap', 1],
    ]);
    expect((await splitStatements(migrations[1]!.down!)).map((s) => [s.line, s.sql])).toEqual([
      [14, 'ALTER TABLE accounts DROP COLUMN note'],
      [15, 'DROP FUNCTION touch_account()'],
    ]);
  });

  test('StatementBegin/End keeps a function body whole; other statements end at a line ending in `;`', async () => {
    const [, touch] = await load(gooseAdapter, 'goose');
    expect(gooseStatements(touch!.up).map((c) => c.line)).toEqual([2, 4, 11]);
  });

  test('a body goose would cut at its inner `;` is exit 2 with the line and the fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parity-goose-'));
    writeFileSync(
      join(dir, '00001_fn.sql'),
      '-- +goose Up\nCREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql;\n',
    );
    const error = (await Promise.resolve(gooseAdapter.load(dir, readdirSync(dir))).then(
      () => undefined,
      (e: unknown) => e,
    )) as ExitError;
    expect(error.code).toBe(2);
    expect(error.message).toMatch(
      new RegExp(
        /^expected statements goose can send one by one in .*00001_fn\.sql, found the statement at line 2 cut at a line /.source +
          /ending in `;` \(`.+`\)\. Wrap a statement with `;` inside it \(a function body, a DO block\) in `-- \+goose /.source +
          /StatementBegin` \/ `-- \+goose StatementEnd`\.$/.source,
      ),
    );
  });

  test('a goose file without `-- +goose Up` is exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parity-goose-'));
    writeFileSync(join(dir, '00001_x.sql'), '-- +goose Down\nSELECT 1;\n');
    await expect(Promise.resolve(gooseAdapter.load(dir, readdirSync(dir)))).rejects.toThrow(
      /^expected a `-- \+goose Up` annotation in the goose migration .*00001_x\.sql, found none\./,
    );
  });
});

describe('node-pg-migrate JavaScript migrations', () => {
  test('pgm.sql() recorded, pgm.noTransaction() runs the migration without a transaction', async () => {
    const migrations = await load(nodePgMigrateAdapter, 'node-pg-migrate-js');
    expect(migrations.map((m) => [m.id, m.up.transaction, m.up.sql, m.down?.transaction])).toEqual([
      ['1700000000000_create-accounts', 'wrap', 'CREATE TABLE accounts (id bigint PRIMARY KEY, email text, plan text NOT NULL);', 'wrap'],
      [
        '1700000000001_accounts-email-index',
        'none',
        "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email);",
        'none',
      ],
      [
        '1700000000002_accounts-plan-index',
        'wrap',
        "SET LOCAL lock_timeout = '2s';\nCREATE INDEX accounts_plan_idx ON accounts (plan);",
        undefined,
      ],
    ]);
  });

  test('a builder method the gate does not record is exit 2 naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parity-pgm-'));
    writeFileSync(join(dir, '1700000000000_t.js'), "exports.up = (pgm) => { pgm.createTable('t', { id: 'id' }); };\n");
    const error = (await Promise.resolve(nodePgMigrateAdapter.load(dir, readdirSync(dir))).then(
      () => undefined,
      (e: unknown) => e,
    )) as ExitError;
    expect([error.code, error.message]).toEqual([
      2,
      `expected only \`pgm.sql()\` and \`pgm.noTransaction()\` in the node-pg-migrate migration ${join(dir, '1700000000000_t.js')} ` +
        `(the gate records their SQL), found \`pgm.createTable()\`. Write that step as \`pgm.sql('...')\`, or the migration as a ` +
        `\`.sql\` file with \`-- Up Migration\`.`,
    ]);
  });
});

describe('dbmate', () => {
  test('sections with their own transaction option', async () => {
    const migrations = await load(dbmateAdapter, 'dbmate');
    expect(migrations.map((m) => [m.id, m.up.transaction, m.down?.transaction])).toEqual([
      ['20240101000000', 'wrap', 'wrap'],
      ['20240102000000', 'implicit', 'implicit'],
      ['20240103000000', 'wrap', 'wrap'],
      ['20240104000000', 'implicit', 'wrap'],
    ]);
    expect(migrations[2]!.down!.sql.trim()).toBe('ALTER TABLE accounts DROP COLUMN note;');
  });
});

describe('golang-migrate and Flyway', () => {
  test('golang-migrate pairs N_name.up.sql with its .down.sql and sends the file as one query', async () => {
    const migrations = await load(golangMigrateAdapter, 'golang-migrate');
    expect(migrations.map((m) => [m.id, m.file, m.up.transaction, m.down?.path.endsWith('.down.sql')])).toEqual([
      ['1', '1_create_accounts.up.sql', 'implicit', true],
      ['2', '2_accounts_email_index.up.sql', 'implicit', true],
      ['3', '3_accounts_note.up.sql', 'implicit', true],
    ]);
  });

  test('Flyway orders versions numerically and reads undo scripts as down', async () => {
    const migrations = await load(flywayAdapter, 'flyway');
    expect(migrations.map((m) => [m.id, m.down !== undefined])).toEqual([
      ['1', false],
      ['1.1', false],
      ['2', true],
      ['10', false],
    ]);
  });
});

describe('transaction plans', () => {
  const file = "SET LOCAL lock_timeout = '2s';\nALTER TABLE t ADD COLUMN a int;\nALTER TABLE t ADD COLUMN b int;";
  test('a wrapping runner: one transaction for the file', async () =>
    expect(await plan(file, 'wrap')).toEqual({ wrapped: true, units: [['transaction', [1, 2, 3], 'commit']], conflicts: [] }));
  test('no transaction: each statement on its own', async () =>
    expect((await plan(file, 'none')).units).toEqual([
      ['autocommit', [1]],
      ['autocommit', [2]],
      ['autocommit', [3]],
    ]));
  test('one multi-statement query: an implicit transaction', async () =>
    expect((await plan(file, 'implicit')).units).toEqual([['transaction', [1, 2, 3], 'commit']]));
  test('one statement sent alone: no transaction', async () =>
    expect(await plan('CREATE INDEX CONCURRENTLY i ON t (a);', 'implicit')).toEqual({
      wrapped: false,
      units: [['autocommit', [1]]],
      conflicts: [],
    }));

  test("the file's own BEGIN ... COMMIT is honoured in a file run without a transaction", async () => {
    expect(
      (
        await plan(
          'SET lock_timeout = 1;\nBEGIN;\nALTER TABLE t ADD a int;\nALTER TABLE t ADD b int;\nCOMMIT;\nCREATE INDEX CONCURRENTLY i ' +
            'ON t (a);',
          'none',
        )
      ).units,
    ).toEqual([
      ['autocommit', [1]],
      ['transaction', [3, 4], 'commit'],
      ['autocommit', [6]],
    ]);
  });

  test('a ROLLBACK ends its transaction with a rollback; savepoints stay inside', async () => {
    expect((await plan('BEGIN;\nSAVEPOINT s;\nALTER TABLE t ADD a int;\nROLLBACK;', 'none')).units).toEqual([
      ['transaction', [2, 3], 'rollback'],
    ]);
  });

  test.each([
    [
      'wrap',
      'line 2 cannot run in the transaction the runner opens around the file (the runner): PostgreSQL refuses it there and the ' +
        'deploy fails half way.',
    ],
    [
      'implicit',
      'line 2 cannot run in the implicit transaction of a file sent as one multi-statement query (the runner): PostgreSQL refuses it ' +
        'there and the deploy fails half way.',
    ],
  ] as const)('CONCURRENTLY inside a %s transaction is a conflict, and still runs alone', async (mode, message) => {
    const p = await plan("SET LOCAL lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY i ON t (a);\nALTER TABLE t ADD a int;", mode);
    expect(p).toEqual({
      wrapped: true,
      units: [
        ['transaction', [1], 'commit'],
        ['autocommit', [2]],
        ['transaction', [3], 'commit'],
      ],
      conflicts: [message],
    });
  });

  test("CONCURRENTLY inside the file's BEGIN; a BEGIN never committed", async () => {
    expect((await plan('BEGIN;\nCREATE INDEX CONCURRENTLY i ON t (a);', 'none')).conflicts).toEqual([
      "line 2 cannot run inside the file's BEGIN at line 1: PostgreSQL refuses it there and the deploy fails half way.",
      "the BEGIN at line 1 is never committed: the runner's session ends with the transaction open and PostgreSQL rolls it back.",
    ]);
  });

  test('Flyway: no transaction when every statement needs none; a mixed file is refused', async () => {
    expect(await plan('CREATE INDEX CONCURRENTLY i ON t (a);', 'auto')).toEqual({
      wrapped: false,
      units: [['autocommit', [1]]],
      conflicts: [],
    });
    expect((await plan("SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY i ON t (a);", 'auto')).conflicts).toEqual([
      'Flyway refuses a migration that mixes statements that must run outside a transaction with others (its `mixed` setting is ' +
        'false by default): move the CONCURRENTLY statement into a file of its own.',
    ]);
  });
});
