/**
 * lock-budget: no lock that blocks writes may be held on a table for longer than the lock budget at
 * prod volume, counted from the statement that takes it to the end of its transaction. A duration
 * budget for what the deterministic rules do not decide (a slow statement whose work does not grow
 * with the table, a lock on a table prod holds no rows of); where growing work runs under the lock,
 * those rules block whatever the time and this one stays out, so the findings never flicker.
 */
import { writeBlockingModes } from '../run/lock-tracer';
import { passWithWarnings } from '../../shared/rules/rule-module';
import { formatMs, shortSql, verdict, type MigrationRule } from '../rule-support/evidence';

export const lockBudget: MigrationRule = {
  meta: {
    id: 'lock-budget',
    description:
      'A write-blocking lock is held, statement to COMMIT, for an estimated time at prod volume whose whole range is over ' +
      '`--lock-budget-ms` (2 s); a range straddling it is a warning. It judges what the deterministic rules do not decide (slow ' +
      'work that does not grow, tables prod holds no rows of) and stays out where growing work already blocks, so findings never flicker.',
    why: 'A write-blocking lock is an outage for as long as it is held, even for work that does not grow with the table.',
    docsUrl: 'docs/migration-gate.md#findings',
    defaultLevel: 'block',
  },
  check(evidence) {
    const problems: string[] = [];
    const warnings: string[] = [];
    let applicable = false;
    const populated = (table: string) => (evidence.prodRows.get(table) ?? 0) > 0;
    for (const s of evidence.statements) {
      // Work growing with a populated table under this lock is blocked by table-work-under-write-lock or
      // lock-held-through-work whatever the time (their messages give the estimate): a timer there would only flicker.
      const grows = evidence.statements.some((t) => t.unit === s.unit && t.line >= s.line && [...t.work.keys()].some(populated));
      for (const lock of s.locks.filter((l) => writeBlockingModes.includes(l.mode))) {
        applicable = true;
        if (grows && populated(lock.table)) continue;
        const share = s.inTransaction || s.durationMs <= 0 ? 1 : Math.min(1, lock.heldMs / s.durationMs);
        const low = s.estimatedUntilCommitMs.low * share;
        const high = s.estimatedUntilCommitMs.high * share;
        if (high > evidence.budgets.lockMs) {
          const until = s.inTransaction ? ' until the end of its transaction' : '';
          // Blocking only when the whole range is over the budget; a straddling range is a warning.
          (low > evidence.budgets.lockMs ? problems : warnings).push(
            `line ${s.line} \`${shortSql(s.sql)}\` holds ${lock.mode} on \`${lock.table}\` (blocks writes)${until} for an estimated ` +
              `${formatMs(low)}–${formatMs(high)} at prod's ${s.prodRows.toLocaleString('en-US')} rows (measured ` +
              `${formatMs(lock.heldMs)} at ${s.sampleRows.toLocaleString('en-US')}); budget ${formatMs(evidence.budgets.lockMs)}.`,
          );
        }
      }
    }
    return problems.length === 0 && warnings.length > 0
      ? passWithWarnings(...warnings.map((w) => `${w} It may exceed it.`))
      : verdict(applicable, [...problems, ...warnings]);
  },
};

export default lockBudget;
