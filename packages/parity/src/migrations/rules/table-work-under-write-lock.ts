/**
 * table-work-under-write-lock: a statement that holds a lock blocking writes (SHARE or stronger) on
 * a table prod holds rows of, while it does work that grows with that table (rewrite, index build,
 * a scan whose rows read grew with the sample), blocks, whatever the measured time. Decided from
 * the run (relfilenode, pg_index, this transaction's pg_stat_xact_user_tables), never from the SQL.
 */
import { writeBlockingModes } from '../run/lock-tracer';
import { blocksReads, describeWork, shortSql, verdict, type MigrationRule, type StatementEvidence } from '../rule-support/evidence';
import { safeRecipe } from '../rule-support/recipes';

/** "measured 613 ms at 180,000 rows, an estimated 5,344–9,127 ms at prod's", or just the measurement when the sample is prod's size. */
function timing(s: StatementEvidence): string {
  const measured = `measured ${s.durationMs.toLocaleString('en-US')} ms at ${s.sampleRows.toLocaleString('en-US')} rows`;
  const { low, high } = s.estimatedProdMs;
  return low === high
    ? measured
    : `${measured}, an estimated ${Math.round(low).toLocaleString('en-US')}–${Math.round(high).toLocaleString('en-US')} ms at prod's`;
}

export const tableWorkUnderWriteLock: MigrationRule = {
  meta: {
    id: 'table-work-under-write-lock',
    description:
      'A statement does work that grows with a table prod holds rows of while holding SHARE or stronger on it (index build, rewrite, ' +
      'validation scan, `SET NOT NULL` without a validated check, volatile default, unique/primary-key build, foreign-key validation).',
    why:
      'A CREATE INDEX that took 80 ms on staging locked 1.8M orders for 47 minutes: on a quiet server it is a second, ' +
      'in prod every writer (and, behind an ACCESS EXCLUSIVE request, every reader) waits for all of it.',
    docsUrl: 'docs/migration-gate.md#decision-table',
    defaultLevel: 'block',
  },
  check(evidence) {
    const problems: string[] = [];
    let applicable = false;
    for (const s of evidence.statements) {
      for (const lock of s.heldDuring.filter((l) => writeBlockingModes.includes(l.mode))) {
        const prod = evidence.prodRows.get(lock.table) ?? 0;
        if (prod === 0) continue;
        applicable = true;
        const work = s.work.get(lock.table);
        if (!work) continue;
        const blocked = blocksReads(lock.mode) ? 'every read and write' : 'every write';
        problems.push(
          `line ${s.line} \`${shortSql(s.sql)}\` ${describeWork(lock.table, work)} while holding ${lock.mode} on it: ` +
            `that work grows with the table, and prod's ${prod.toLocaleString('en-US')} rows of \`${lock.table}\` would block ` +
            `${blocked} for all of it (${timing(s)} on an idle server; contention makes it longer). Safe recipe: ` +
            `${safeRecipe(s.statement, work)}`,
        );
      }
    }
    return verdict(applicable, problems);
  },
};

export default tableWorkUnderWriteLock;
