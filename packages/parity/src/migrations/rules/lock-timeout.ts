/**
 * lock-timeout: a statement that takes a lock blocking writes (SHARE or stronger) on a table that
 * existed before the migration must run with a `lock_timeout` in effect, so that, stuck behind a
 * long query, it gives up instead of queueing every later query behind its request. With one in
 * effect a metadata-only change (ADD COLUMN, NOT VALID constraints) passes.
 */
import { writeBlockingModes } from '../run/lock-tracer';
import { blocksReads, noLockTimeout, shortSql, verdict, type MigrationRule } from '../rule-support/evidence';

export const lockTimeout: MigrationRule = {
  meta: {
    id: 'lock-timeout',
    description:
      'A statement takes SHARE or stronger on an existing table while `lock_timeout` is 0 (`SET LOCAL` counts for the rest of its ' +
      'transaction; in a file run without one it is gone before the next statement).',
    why:
      'A lock request waiting behind a long query queues every other query on the table behind it: ' +
      'a millisecond ALTER becomes an outage as long as that query.',
    docsUrl: 'docs/migration-gate.md#decision-table',
    defaultLevel: 'block',
  },
  check(evidence) {
    const taking = evidence.statements.filter((s) => s.locks.some((l) => writeBlockingModes.includes(l.mode)));
    const problems = taking
      .filter((s) => noLockTimeout(s.lockTimeout))
      .map((s) => {
        const lock = [...s.locks]
          .filter((l) => writeBlockingModes.includes(l.mode))
          .sort((a, b) => Number(blocksReads(b.mode)) - Number(blocksReads(a.mode)))[0]!;
        return (
          `line ${s.line} \`${shortSql(s.sql)}\` takes ${lock.mode} on \`${lock.table}\` with no lock_timeout in effect: ` +
          `behind any long query on \`${lock.table}\` it would wait and queue every later ` +
          `${blocksReads(lock.mode) ? 'read and write' : 'write'} behind it. Safe recipe: \`SET LOCAL lock_timeout = '2s';\` at the ` +
          `top of the migration (in its transaction; \`SET lock_timeout\` when it runs without one), and retry the deploy when it gives up.`
        );
      });
    return verdict(taking.length > 0, problems);
  },
};

export default lockTimeout;
