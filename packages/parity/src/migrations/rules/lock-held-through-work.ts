/**
 * lock-held-through-work: a lock blocking writes, taken by an earlier statement of a transaction on
 * a table prod holds rows of, stays on until COMMIT; a later statement of that transaction that does
 * work growing with another populated table keeps the first table blocked for all of it.
 */
import { writeBlockingModes } from '../run/lock-tracer';
import { blocksReads, describeWork, shortSql, verdict, type MigrationRule } from '../rule-support/evidence';

export const lockHeldThroughWork: MigrationRule = {
  meta: {
    id: 'lock-held-through-work',
    description:
      'A write-blocking lock on a populated table, taken earlier in the transaction, is still held while a later statement does ' +
      "growing work on another populated table (Eugene's E10).",
    why:
      'A lock is released at the end of the transaction, not of the statement: a quick ALTER on `authors` followed by a rewrite ' +
      'of `prices` blocks `authors` for the whole rewrite.',
    docsUrl: 'docs/migration-gate.md#decision-table',
    defaultLevel: 'block',
  },
  check(evidence) {
    const problems: string[] = [];
    let applicable = false;
    for (const s of evidence.statements) {
      for (const lock of s.heldDuring.filter((l) => writeBlockingModes.includes(l.mode) && !s.locks.some((own) => own.table === l.table))) {
        const prod = evidence.prodRows.get(lock.table) ?? 0;
        if (prod === 0) continue;
        applicable = true;
        const taker = evidence.statements.find(
          (t) => t.unit === s.unit && t.locks.some((own) => own.table === lock.table && writeBlockingModes.includes(own.mode)),
        );
        for (const [table, work] of s.work) {
          if (table === lock.table || (evidence.prodRows.get(table) ?? 0) === 0) continue;
          problems.push(
            `line ${s.line} \`${shortSql(s.sql)}\` ${describeWork(table, work)} while the same transaction still holds ${lock.mode} ` +
              `on \`${lock.table}\`${taker ? ` (taken at line ${taker.line})` : ''}: ` +
              `${blocksReads(lock.mode) ? 'reads and writes' : 'writes'} of \`${lock.table}\` (${prod.toLocaleString('en-US')} rows in ` +
              `prod) wait for all of it. Safe recipe: put the statements in separate migrations (each its own transaction), ` +
              `or take the lock last.`,
          );
        }
      }
    }
    return verdict(applicable, problems);
  },
};

export default lockHeldThroughWork;
