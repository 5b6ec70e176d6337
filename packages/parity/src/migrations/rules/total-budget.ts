/**
 * total-budget: a migration's estimated duration at prod volume stays within the total budget: blocking
 * when even the low end of the estimate is over it, a warning when the range straddles it.
 */
import { passWithWarnings } from '../../shared/rules/rule-module';
import { formatMs, verdict, type MigrationRule } from '../rule-support/evidence';

export const totalBudget: MigrationRule = {
  meta: {
    id: 'total-budget',
    description:
      "A migration's estimated total at prod volume has its whole range over `--total-budget-ms` (30 s); " +
      'a range straddling it is a warning.',
    why: 'A deploy that waits on a long migration holds the release and its rollback.',
    docsUrl: 'docs/migration-gate.md#findings',
    defaultLevel: 'block',
  },
  check(evidence) {
    const low = evidence.statements.reduce((sum, s) => sum + s.estimatedProdMs.low, 0);
    const high = evidence.statements.reduce((sum, s) => sum + s.estimatedProdMs.high, 0);
    const text = `estimated ${formatMs(low)}–${formatMs(high)} in total at prod volume; budget ${formatMs(evidence.budgets.totalMs)}.`;
    // Blocking only when the whole range is over: a range that straddles the budget is a warning, not a coin toss.
    if (low > evidence.budgets.totalMs) return verdict(true, [text]);
    return high > evidence.budgets.totalMs ? passWithWarnings(`${text} It may exceed it.`) : verdict(evidence.statements.length > 0, []);
  },
};

export default totalBudget;
