/** total-budget: a migration's estimated duration at prod volume stays within the total budget. */
import { formatMs, verdict, type Rule } from './evidence';

export const totalBudget: Rule = (evidence) => {
  const low = evidence.statements.reduce((sum, s) => sum + s.estimatedProdMs.low, 0);
  const high = evidence.statements.reduce((sum, s) => sum + s.estimatedProdMs.high, 0);
  const problems = high > evidence.budgets.totalMs ? [`estimated ${formatMs(low)}–${formatMs(high)} in total at prod volume; budget ${formatMs(evidence.budgets.totalMs)}.`] : [];
  return verdict(evidence.statements.length > 0, problems);
};
