/**
 * The gate's pack through runPack, and the gate report's findings made from the shared ones: levels in
 * the report's words, unknowns said as such, `-- parity:allow` waiving failures and unknowns (never a
 * budget's warning). Pure: evidence built by hand, no server.
 */
import { gateFindings, judgeEvidence } from '../../packages/parity/src/migrations/judge';
import { migrationRulePack } from '../../packages/parity/src/migrations/rule-pack';
import type { MigrationEvidence, StatementEvidence } from '../../packages/parity/src/migrations/rule-support/evidence';
import { readAllowAnnotations } from '../../packages/parity/src/migrations/source/migration';

const facts = {
  tables: ['users'],
  concurrent: false,
  transactionControl: undefined,
  growth: 'constant',
  droppedColumns: [],
  droppedTables: [],
  retypedColumns: [],
  copiedColumns: [],
  copiedTables: [],
};

function statement(over: Partial<Omit<StatementEvidence, 'facts'>> & { facts?: Partial<StatementEvidence['facts']> }): StatementEvidence {
  return {
    sql: 'ALTER TABLE users DROP COLUMN preferences_json',
    line: 3,
    durationMs: 10,
    sampleRows: 1000,
    prodRows: 1_800_000,
    mainTable: 'users',
    locks: [],
    heldDuring: [],
    rewrites: [],
    work: new Map(),
    unit: 0,
    inTransaction: true,
    estimatedProdMs: { low: 10, high: 20 },
    estimatedUntilCommitMs: { low: 10, high: 20 },
    smallDurationMs: 5,
    smallSampleRows: 100,
    lockTimeout: '2s',
    insideExplicitTransaction: false,
    droppedColumnValues: new Map(),
    droppedTableRows: new Map(),
    lossyCastRows: new Map(),
    copiedBefore: { columns: new Set(), tables: new Set() },
    ...over,
    facts: { ...facts, ...over.facts },
  } as unknown as StatementEvidence;
}

function evidence(statements: StatementEvidence[]): MigrationEvidence {
  return {
    migration: { file: '0004_drop_prefs.sql' } as MigrationEvidence['migration'],
    statements,
    roundTrip: undefined,
    budgets: { lockMs: 2000, totalMs: 30_000 },
    prodRows: new Map([['users', 1_800_000]]),
    plan: { wrapped: true, how: 'sql: one transaction per file', units: [], conflicts: [] },
  } as MigrationEvidence;
}

const uncounted = statement({
  facts: { droppedColumns: [{ table: 'users', column: 'preferences_json' }] },
  droppedColumnValues: new Map([['users.preferences_json', undefined]]),
});
const slow = statement({
  sql: 'UPDATE users SET a = 1',
  estimatedProdMs: { low: 20_000, high: 40_000 },
  estimatedUntilCommitMs: { low: 20_000, high: 40_000 },
});

test('every rule of the pack blocks in the shared vocabulary', () => {
  expect(migrationRulePack.map((e) => `${e.rule.meta.id} ${e.level}`)).toEqual([
    'table-work-under-write-lock block',
    'lock-held-through-work block',
    'lock-timeout block',
    'destructive-change block',
    'concurrently-in-transaction block',
    'down-round-trip block',
    'lock-budget block',
    'total-budget block',
  ]);
});

test('a count that could not be made is an unknown finding at the block level, located at the migration file', () => {
  const run = judgeEvidence(evidence([uncounted]));
  expect(run.findings).toEqual([
    {
      engine: 'migrations',
      rule: 'destructive-change',
      level: 'block',
      address: '0004_drop_prefs.sql',
      message: 'line 3: could not count the values of `users.preferences_json` before dropping it.',
      why: 'Dropping preferences_json before copying it lost the preferences of 535,000 users.',
      docsUrl: 'docs/migration-gate.md#findings',
      unknown: true,
    },
  ]);
  expect(run.outcomes.find((o) => o.ruleId === 'destructive-change')?.status).toBe('unknown');
  expect(gateFindings(run, [])).toEqual([
    {
      rule: 'destructive-change',
      level: 'blocking',
      message: 'could not be determined: line 3: could not count the values of `users.preferences_json` before dropping it.',
    },
  ]);
});

test('`-- parity:allow` turns the rule’s failures and unknowns into `allowed`, with the reason', () => {
  const allows = readAllowAnnotations(
    '-- parity:allow destructive-change reason: copied to the archive in OPS-12\nALTER TABLE users DROP COLUMN preferences_json;',
  );
  expect(gateFindings(judgeEvidence(evidence([uncounted])), allows)).toEqual([
    {
      rule: 'destructive-change',
      level: 'allowed',
      message:
        'could not be determined: line 3: could not count the values of `users.preferences_json` before dropping it. Allowed: copied to ' +
        'the archive in OPS-12',
    },
  ]);
});

test('a total whose range straddles the budget is a warning, and an allow annotation does not take it away', () => {
  const run = judgeEvidence(evidence([slow]));
  expect(run.findings.map((f) => `${f.rule} ${f.level}`)).toEqual(['total-budget warn']);
  expect(run.outcomes.find((o) => o.ruleId === 'total-budget')?.status).toBe('pass');
  const allows = readAllowAnnotations('-- parity:allow total-budget reason: a quiet hour');
  expect(gateFindings(run, allows)).toEqual([
    {
      rule: 'total-budget',
      level: 'warning',
      message: 'estimated 20.0 s–40.0 s in total at prod volume; budget 30.0 s. It may exceed it.',
    },
  ]);
});

test('a total whose whole range is over the budget blocks', () => {
  const over = statement({ sql: 'UPDATE users SET a = 1', estimatedProdMs: { low: 31_000, high: 40_000 } });
  expect(gateFindings(judgeEvidence(evidence([over])), [])).toEqual([
    { rule: 'total-budget', level: 'blocking', message: 'estimated 31.0 s–40.0 s in total at prod volume; budget 30.0 s.' },
  ]);
});
