/** concurrently-in-transaction: `CREATE INDEX CONCURRENTLY` (and friends) cannot run in a transaction block; the production runner would fail. */
import { shortSql, verdict, type Rule } from './evidence';

export const concurrentlyInTransaction: Rule = (evidence) => {
  const concurrent = evidence.statements.filter((s) => s.facts.concurrent);
  const problems = concurrent
    .filter((s) => evidence.migration.transactional || s.insideExplicitTransaction)
    .map((s) =>
      s.insideExplicitTransaction
        ? `line ${s.line} \`${shortSql(s.sql)}\` is inside the file's BEGIN block: remove BEGIN/COMMIT around it.`
        : `line ${s.line} \`${shortSql(s.sql)}\` runs in the transaction the runner wraps around the file: start the file with \`-- parity:no-transaction\` (node-pg-migrate: a JS migration with \`pgm.noTransaction()\`).`,
    );
  return verdict(concurrent.length > 0, problems);
};
