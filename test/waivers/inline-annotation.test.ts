/**
 * The gate's inline waivers: `-- parity:allow RULE reason="..." owner=... expires=YYYY-MM-DD`, the old forms
 * (deprecated, never expiring) and bad annotations (exit 2, one line naming file:line), through the parser
 * and through the migration adapters (plain SQL, node-pg-migrate's line offset).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode, ExitError } from '../../packages/parity/src/shared/exit-error';
import {
  assertKnownRules,
  deprecationMessage,
  readInlineWaivers,
  warnDeprecatedOnce,
} from '../../packages/parity/src/shared/waivers/inline-annotation';
import { checkAllowAnnotations, gateRuleIds } from '../../packages/parity/src/migrations/judge';
import { adapters, loadMigrations } from '../../packages/parity/src/migrations/source/load';

const at = { file: 'migrations/0004_drop.sql', address: '0004_drop.sql' };
const FIX = 'Write it as `-- parity:allow destructive-change reason="why it is safe" owner=TEAM expires=YYYY-MM-DD`.';

function refusal(text: string, options: Parameters<typeof readInlineWaivers>[1] = at): string {
  try {
    readInlineWaivers(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ExitError);
    expect((error as ExitError).code).toBe(ExitCode.badInput);
    return (error as ExitError).message;
  }
  throw new Error('expected a refusal');
}

describe('the new form', () => {
  test('a waiver of the rule at the migration file, with reason, owner, expiry and its file:line', () => {
    const text =
      'BEGIN;\n-- parity:allow destructive-change reason="copied to the archive in OPS-12" owner=data-team expires=2026-12-31\nALTER ' +
      'TABLE users DROP COLUMN legacy;';
    expect(readInlineWaivers(text, at)).toEqual([
      {
        rule: 'destructive-change',
        address: '0004_drop.sql',
        source: 'migrations/0004_drop.sql:2',
        line: 2,
        reason: 'copied to the archive in OPS-12',
        owner: 'data-team',
        expires: '2026-12-31',
        deprecated: false,
      },
    ]);
  });

  test('`//` in JavaScript, keys in any order, escaped quotes, unquoted values, a line offset', () => {
    const text =
      'exports.up = (pgm) => {\n  // parity:allow lock-budget expires=2027-01-31 owner=dba reason="a \\"quiet\\" hour, agreed"\n};';
    const [w] = readInlineWaivers(text, { file: 'db/1_x.js', lineOffset: 10 });
    expect(w).toMatchObject({
      rule: 'lock-budget',
      address: 'db/1_x.js',
      source: 'db/1_x.js:12',
      reason: 'a "quiet" hour, agreed',
      owner: 'dba',
      expires: '2027-01-31',
      deprecated: false,
    });
  });

  test('text without annotations has none', () => {
    expect(readInlineWaivers('-- parity:no-transaction\nSELECT 1; -- parity allow nothing', at)).toEqual([]);
  });
});

describe('the old forms keep working: no owner, no expiry, deprecated', () => {
  test('`reason: WHY` to the end of the line (any case of the marker)', () => {
    expect(readInlineWaivers('-- PARITY:ALLOW destructive-change reason: labels were archived in OPS-12', at)).toEqual([
      {
        rule: 'destructive-change',
        address: '0004_drop.sql',
        source: 'migrations/0004_drop.sql:1',
        line: 1,
        reason: 'labels were archived in OPS-12',
        deprecated: true,
      },
    ]);
  });

  test('`reason="..."` without owner and expiry', () => {
    expect(readInlineWaivers('-- parity:allow destructive-change reason="labels were archived"', at)[0]).toMatchObject({
      reason: 'labels were archived',
      deprecated: true,
    });
    expect(readInlineWaivers('-- parity:allow destructive-change reason="labels were archived"', at)[0]!.expires).toBeUndefined();
  });

  test('the deprecation says where and what to write instead, on stderr once', () => {
    const [w] = readInlineWaivers('-- parity:allow destructive-change reason: archived', at);
    expect(deprecationMessage(w!)).toBe(
      '`parity:allow destructive-change` at migrations/0004_drop.sql:1 has no owner and no expiry: that form is deprecated; write `-- ' +
        'parity:allow destructive-change reason="why it is safe" owner=TEAM expires=YYYY-MM-DD`',
    );
    const written: string[] = [];
    const stream = { write: (text: string) => written.push(text) };
    warnDeprecatedOnce(w!, stream);
    warnDeprecatedOnce(w!, stream);
    expect(written).toEqual([`parity: warning: ${deprecationMessage(w!)} (further ones are listed in the report)\n`]);
  });
});

describe('bad annotations: exit 2, one line with expected, found, fix and file:line', () => {
  const where = 'in the `parity:allow` annotation at migrations/0004_drop.sql:2';
  test.each([
    [
      'an impossible date',
      'reason="archived in OPS-12" owner=data-team expires=2026-02-30',
      `expected \`expires=\` a real calendar date as \`YYYY-MM-DD\` ${where}, found \`2026-02-30\`. ${FIX}`,
    ],
    [
      'a date in another format',
      'reason="archived in OPS-12" owner=data-team expires=31/12/2026',
      `expected \`expires=\` a real calendar date as \`YYYY-MM-DD\` ${where}, found \`31/12/2026\`. ${FIX}`,
    ],
    ['no reason at all', '', `expected a reason (\`reason="..."\`) ${where}, found none. ${FIX}`],
    [
      'owner and expiry without a reason',
      'owner=data-team expires=2026-12-31',
      `expected a reason (\`reason="..."\`) ${where}, found none. ${FIX}`,
    ],
    [
      'an empty reason',
      'reason="" owner=data-team expires=2026-12-31',
      `expected a reason (\`reason="..."\`) ${where}, found an empty one. ${FIX}`,
    ],
    ['an empty old-form reason', 'reason:   ', `expected a reason after \`reason:\` ${where}, found nothing. ${FIX}`],
    [
      'an owner without an expiry',
      'reason="archived in OPS-12" owner=data-team',
      `expected an expiry (\`expires=YYYY-MM-DD\`) with the owner ${where}, found none. ${FIX}`,
    ],
    [
      'an expiry without an owner',
      'reason="archived in OPS-12" expires=2026-12-31',
      `expected an owner (\`owner=TEAM\`) with the expiry ${where}, found none. ${FIX}`,
    ],
    [
      'an unknown key',
      'reason="archived in OPS-12" until=2026-12-31',
      `expected only the keys reason, owner and expires ${where}, found \`until=\`. ${FIX}`,
    ],
    ['a key twice', 'reason="a" reason="b" owner=x expires=2026-12-31', `expected \`reason=\` once ${where}, found it twice. ${FIX}`],
    [
      'words that are not key=value',
      'because it is fine',
      `expected \`reason="..."\`, \`owner=...\` and \`expires=YYYY-MM-DD\` ${where}, found \`because it is fine\`. ${FIX}`,
    ],
    [
      'the forms mixed',
      'reason: archived owner=data-team expires=2026-12-31',
      `expected \`reason="..."\` (with \`=\` and quotes) beside \`owner=\` and \`expires=\` ${where}, found \`reason:\`. ${FIX}`,
    ],
  ])('%s', (_name, rest, message) => {
    expect(refusal(`SELECT 1;\n-- parity:allow destructive-change ${rest}`.trimEnd())).toBe(message);
  });

  test('no rule id', () => {
    expect(refusal('SELECT 1;\n-- parity:allow')).toBe(
      'expected a rule id in the `parity:allow` annotation at migrations/0004_drop.sql:2, found nothing. Write it as `-- parity:allow ' +
        'RULE reason="why it is safe" owner=TEAM expires=YYYY-MM-DD`.',
    );
  });

  test('an unknown rule id, when the rules are known', () => {
    const rules = ['destructive-change', 'lock-budget'];
    expect(refusal('-- parity:allow destructiv-change reason: x', { ...at, knownRules: rules })).toBe(
      'expected a rule id (destructive-change, lock-budget) in the `parity:allow` annotation at migrations/0004_drop.sql:1, found ' +
        '`destructiv-change`. Write it as `-- parity:allow RULE reason="why it is safe" owner=TEAM expires=YYYY-MM-DD`.',
    );
    const waivers = readInlineWaivers('\n-- parity:allow lock-budgets reason="a quiet hour" owner=dba expires=2026-12-31', at);
    expect(() => assertKnownRules(waivers, rules)).toThrow(
      new ExitError(
        ExitCode.badInput,
        'expected a rule id (destructive-change, lock-budget) in the `parity:allow` annotation at migrations/0004_drop.sql:2, found ' +
          '`lock-budgets`. Write it as `-- parity:allow RULE reason="why it is safe" owner=TEAM expires=YYYY-MM-DD`.',
      ),
    );
  });
});

describe('through the migration adapters', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parity-inline-waivers-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('plain SQL: the waiver names the file; a bad date stops the load at file:line', async () => {
    const sql = join(dir, 'sql');
    mkdirSync(sql);
    writeFileSync(
      join(sql, '0001_drop.sql'),
      'ALTER TABLE t DROP COLUMN c; -- parity:allow destructive-change reason="archived in OPS-1" owner=dba expires=2026-12-31\n',
    );
    const [m] = await loadMigrations(sql, adapters.sql!);
    expect(m!.migration.allows).toEqual([
      {
        rule: 'destructive-change',
        address: '0001_drop.sql',
        source: `${join(sql, '0001_drop.sql')}:1`,
        line: 1,
        reason: 'archived in OPS-1',
        owner: 'dba',
        expires: '2026-12-31',
        deprecated: false,
      },
    ]);
    writeFileSync(
      join(sql, '0002_bad.sql'),
      'SELECT 1;\n\n-- parity:allow destructive-change reason="archived" owner=dba expires=2026-13-01\n',
    );
    await expect(loadMigrations(sql, adapters.sql!)).rejects.toEqual(
      new ExitError(
        ExitCode.badInput,
        `expected \`expires=\` a real calendar date as \`YYYY-MM-DD\` in the \`parity:allow\` annotation ` +
          `at ${join(sql, '0002_bad.sql')}:3, found \`2026-13-01\`. ${FIX}`,
      ),
    );
  });

  test('node-pg-migrate SQL: the line counts from the top of the file', async () => {
    const pgm = join(dir, 'pgm');
    mkdirSync(pgm);
    writeFileSync(
      join(pgm, '1700000000000_x.sql'),
      '-- Up Migration\nSELECT 1;\n-- parity:allow lock-budget reason="a quiet hour" owner=dba expires=2026-12-31\nSELECT 2;\n-- Down ' +
        'Migration\nSELECT 3;\n',
    );
    const [m] = await loadMigrations(pgm, adapters['node-pg-migrate']!);
    expect(m!.migration.allows.map((a) => a.source)).toEqual([`${join(pgm, '1700000000000_x.sql')}:3`]);
  });

  test('the gate refuses a new migration whose annotation names no rule of the gate', async () => {
    const sql = join(dir, 'unknown-rule');
    mkdirSync(sql);
    writeFileSync(join(sql, '0001_x.sql'), '-- parity:allow destructive-changes reason: archived\nSELECT 1;\n');
    const migrations = await loadMigrations(sql, adapters.sql!);
    expect(gateRuleIds).toContain('destructive-change');
    expect(() => checkAllowAnnotations(migrations)).toThrow(
      new ExitError(
        ExitCode.badInput,
        `expected a rule id (${gateRuleIds.join(', ')}) in the \`parity:allow\` annotation at ${join(sql, '0001_x.sql')}:1, ` +
          'found `destructive-changes`. Write it as `-- parity:allow RULE reason="why it is safe" owner=TEAM expires=YYYY-MM-DD`.',
      ),
    );
  });
});
