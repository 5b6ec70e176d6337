/**
 * concurrently-in-transaction: a statement the runner cannot run where it stands (`CREATE INDEX
 * CONCURRENTLY` inside the runner's transaction, the file's BEGIN block or a multi-statement query;
 * a BEGIN never committed; Flyway's mixed files) makes the deploy fail half way.
 */
import { shortSql, verdict, type MigrationRule } from '../rule-support/evidence';

export const concurrentlyInTransaction: MigrationRule = {
  meta: {
    id: 'concurrently-in-transaction',
    description:
      "A statement the runner cannot run where it stands: `CONCURRENTLY` in the runner's transaction, " +
      "the file's BEGIN block or a multi-statement query; a BEGIN never committed; a Flyway file mixing both kinds.",
    why: 'PostgreSQL refuses CREATE INDEX CONCURRENTLY in a transaction block: the deploy fails half way.',
    docsUrl: 'docs/migration-gate.md#runner-formats',
    defaultLevel: 'block',
  },
  check(evidence) {
    const applicable = evidence.plan.conflicts.length > 0 || evidence.statements.some((s) => s.facts.concurrent);
    const problems = evidence.plan.conflicts.map((c) => {
      const s = evidence.statements.find((st) => st.line === c.line);
      const fix =
        evidence.migration.format === 'sql'
          ? ' Start the file with `-- parity:no-transaction`.'
          : evidence.migration.format === 'goose'
            ? ' Add `-- +goose NO TRANSACTION`.'
            : evidence.migration.format === 'dbmate'
              ? ' Use `-- migrate:up transaction:false` and keep it the only statement.'
              : evidence.migration.format === 'knex'
                ? ' Export `config = { transaction: false }`.'
                : ' Put it alone in a file of its own.';
      return (
        `${s ? `\`${shortSql(s.sql)}\`: ` : ''}${c.message}` +
        `${s?.facts.concurrent && !c.message.includes('a file of its own') ? fix : ''}`
      );
    });
    return verdict(applicable, problems);
  },
};

export default concurrentlyInTransaction;
