/**
 * destructive-change: DROP COLUMN or DROP TABLE of populated data that no earlier statement copied,
 * or ALTER COLUMN TYPE that changes values. Waived by `-- parity:allow destructive-change reason: ...`.
 */
import { shortSql, verdict, type MigrationRule } from '../rule-support/evidence';

export const destructiveChange: MigrationRule = {
  meta: {
    id: 'destructive-change',
    description:
      'DROP COLUMN / DROP TABLE of populated data that no earlier statement copied, or ALTER COLUMN TYPE that changes values in the ' +
      'sample (checked by casting and casting back); a count it cannot make is unknown, and blocks.',
    why: 'Dropping preferences_json before copying it lost the preferences of 535,000 users.',
    docsUrl: 'docs/migration-gate.md#findings',
    defaultLevel: 'block',
  },
  check(evidence) {
    const problems: string[] = [];
    const unknowns: string[] = [];
    let applicable = false;
    for (const s of evidence.statements) {
      for (const { table, column } of s.facts.droppedColumns) {
        applicable = true;
        const values = s.droppedColumnValues.get(`${table}.${column}`);
        if (values === undefined) unknowns.push(`line ${s.line}: could not count the values of \`${table}.${column}\` before dropping it.`);
        else if (values > 0 && !s.copiedBefore.columns.has(column)) {
          problems.push(
            `line ${s.line} \`${shortSql(s.sql)}\` drops \`${table}.${column}\`, which holds ${values.toLocaleString('en-US')} ` +
              `values in the sample, and no earlier statement copies it: copy it first (expand, copy, switch, contract).`,
          );
        }
      }
      for (const table of s.facts.droppedTables) {
        applicable = true;
        const rows = s.droppedTableRows.get(table);
        if (rows === undefined) unknowns.push(`line ${s.line}: could not count the rows of \`${table}\` before dropping it.`);
        else if (rows > 0 && !s.copiedBefore.tables.has(table)) {
          problems.push(
            `line ${s.line} \`${shortSql(s.sql)}\` drops \`${table}\` with ${rows.toLocaleString('en-US')} rows in the sample that ` +
              `no earlier statement copies.`,
          );
        }
      }
      for (const { table, column, type, using } of s.facts.retypedColumns) {
        applicable = true;
        const lossy = s.lossyCastRows.get(`${table}.${column}`);
        if (lossy === undefined)
          unknowns.push(
            `line ${s.line}: could not tell whether changing \`${table}.${column}\` to \`${type}\`${using ? ' with USING' : ''} ` +
              `keeps every value; add \`-- parity:allow destructive-change reason: ...\` once checked.`,
          );
        else if (lossy > 0)
          problems.push(
            `line ${s.line} \`${shortSql(s.sql)}\` changes ${lossy.toLocaleString('en-US')} values of \`${table}.${column}\` in the ` +
              `sample when converting to \`${type}\`.`,
          );
      }
    }
    return verdict(applicable, problems, unknowns);
  },
};

export default destructiveChange;
