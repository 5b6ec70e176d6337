/**
 * A new migration that fails on the rows the gate generated is not, by that alone, a broken
 * migration: those rows come from the profile's statistics, not from prod. A data error (SQLSTATE
 * class 22) or an integrity violation (class 23) on a table the gate seeded says so and names both
 * fixes: give the column's values in the profile when prod's rows satisfy the statement, fix the
 * migration when they would not.
 */
import { badInput } from '../../shared/exit-error';
import { statementFacts } from '../source/statement-facts';
import type { MigrationScript } from '../source/migration';
import type { Statement } from '../source/statements';

interface ServerError {
  readonly code?: string;
  readonly message: string;
  readonly column?: string;
  readonly constraint?: string;
}

/** The exit-2 error for a statement refused because of seeded rows; undefined when the failure is not about data. */
export function seededDataFailure(
  script: MigrationScript,
  statement: Statement,
  error: unknown,
  sampleRows: ReadonlyMap<string, number>,
): Error | undefined {
  const server = error as ServerError;
  const code = server?.code ?? '';
  if (!code.startsWith('22') && !code.startsWith('23')) return undefined;
  const seeded = statementFacts(statement).tables.filter((t) => (sampleRows.get(t) ?? 0) > 0);
  if (seeded.length === 0) return undefined;
  const text = statement.sql.length > 160 ? `${statement.sql.slice(0, 157)}...` : statement.sql;
  const table = seeded[0]!;
  const column = server.column ?? '<column>';
  const names = seeded.map((t) => `\`${t}\``).join(', ');
  return badInput(
    `the rows the gate generated in ${names} (from the profile's statistics, not prod's data) ` +
      `to suit ${script.path}:${statement.line} \`${text.replace(/\s+/g, ' ')}\``,
    `\`${server.message}\`${server.constraint ? ` (constraint \`${server.constraint}\`)` : ''}`,
    `If prod's rows satisfy the statement, give the column's real values in the profile ` +
      `(\`tables.${table}.columns.${column}.values\`) and run the check again; if they would not, the migration fails in prod too: fix it.`,
  );
}
