/** lock-budget: no lock that blocks writes may be held on a table for longer than the lock budget at prod volume. */
import { writeBlockingModes } from '../run/lock-tracer';
import { formatMs, shortSql, verdict, type Rule } from './evidence';

export const lockBudget: Rule = (evidence) => {
  const problems: string[] = [];
  let applicable = false;
  for (const s of evidence.statements) {
    for (const lock of s.locks.filter((l) => writeBlockingModes.includes(l.mode))) {
      applicable = true;
      const share = s.durationMs > 0 ? Math.min(1, lock.heldMs / s.durationMs) : 1;
      const low = s.estimatedProdMs.low * share;
      const high = s.estimatedProdMs.high * share;
      if (high > evidence.budgets.lockMs) {
        problems.push(
          `line ${s.line} \`${shortSql(s.sql)}\` holds ${lock.mode} on \`${lock.table}\` (blocks writes) for an estimated ${formatMs(low)}–${formatMs(high)} at prod's ${s.prodRows.toLocaleString('en-US')} rows (measured ${formatMs(lock.heldMs)} at ${s.sampleRows.toLocaleString('en-US')}); budget ${formatMs(evidence.budgets.lockMs)}.`,
        );
      }
    }
  }
  return verdict(applicable, problems);
};
