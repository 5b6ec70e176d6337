/** lock-timeout: set `lock_timeout` before a statement that takes ACCESS EXCLUSIVE, so it gives up instead of queueing every query behind it. */
import { shortSql, verdict, type Rule } from './evidence';

export const lockTimeout: Rule = (evidence) => {
  const exclusive = evidence.statements.filter((s) => s.locks.some((l) => l.mode === 'AccessExclusiveLock'));
  const problems = exclusive
    .filter((s) => /^0(ms)?$/.test(s.lockTimeout.trim()))
    .map((s) => `line ${s.line} \`${shortSql(s.sql)}\` takes AccessExclusiveLock on \`${s.locks.find((l) => l.mode === 'AccessExclusiveLock')!.table}\` with no lock_timeout: add \`SET lock_timeout = '2s';\` before it.`);
  return verdict(exclusive.length > 0, problems);
};
