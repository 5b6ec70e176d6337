/**
 * The statements a rehearsal sends while a migration runs: by default a generated mix per table of
 * primary-key reads, one-row inserts and primary-key updates; or the team's own statements from a
 * `--workload FILE` (plain SQL, one statement after another, e.g. the top of pg_stat_statements
 * with literal values), each assigned to the tables its parse tree names.
 */
import { readFileSync } from 'node:fs';
import type { Client } from 'pg';
import { badInput } from '../../shared/exit-error';
import type { DataProfile } from '../profile';
import { oneRowInsert } from '../run/seeder';
import { primaryKeyColumn } from '../run/seed-columns';
import { readTableCatalog } from '../run/table-catalog';
import { ident } from '../run/value-expressions';
import { statementFacts } from '../source/statement-facts';
import { splitStatements } from '../source/statements';

/** One statement of the workload. */
export interface WorkloadStatement {
  /** The SQL; `$1` is filled by `parameter` when present. */
  readonly sql: string;
  /** Reads wait for ACCESS EXCLUSIVE only; writes for SHARE and stronger too. */
  readonly kind: 'read' | 'write';
  /** The table it is counted against. */
  readonly table: string;
  /** The value of `$1` for the n-th execution (a sampled key, a fresh row number), if it takes one. */
  readonly parameter?: (n: number) => string;
}

/** Statements that need their own session (the inserts' temporary key tables); prepared per connection. */
export type WorkloadFactory = (client: Client) => Promise<WorkloadStatement[]>;

/** Keys sampled per table for reads and updates. */
const sampledKeys = 1_000;

/**
 * The default mix for `tables` (those that exist and hold rows): per table a primary-key read, a
 * no-op primary-key update (it takes the row lock and writes a new row version, as an application's
 * update does) and a one-row insert shaped like the seeded rows. `worker` spreads row numbers so
 * connections never generate the same key.
 */
export function defaultWorkload(profile: DataProfile, tables: readonly string[]): WorkloadFactory {
  return async (client) => {
    const statements: WorkloadStatement[] = [];
    const worker = Number((await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
    for (const table of tables) {
      const catalog = await readTableCatalog(client, table);
      if (!catalog) continue;
      const key = primaryKeyColumn(catalog);
      if (key) {
        const keys = (
          await client.query<{ k: string }>(`SELECT ${ident(key)}::text AS k FROM ${ident(table)} LIMIT ${sampledKeys}`)
        ).rows.map((r) => r.k);
        if (keys.length > 0) {
          const pick = (n: number) => keys[(n * 7919) % keys.length]!;
          statements.push({ sql: `SELECT * FROM ${ident(table)} WHERE ${ident(key)} = $1`, kind: 'read', table, parameter: pick });
          statements.push({
            sql: `UPDATE ${ident(table)} SET ${ident(key)} = ${ident(key)} WHERE ${ident(key)} = $1`,
            kind: 'write',
            table,
            parameter: pick,
          });
        }
      } else {
        statements.push({ sql: `SELECT * FROM ${ident(table)} LIMIT 1`, kind: 'read', table });
      }
      const insert = await oneRowInsert(client, profile, catalog);
      const first = insert.existingRows + 1 + (worker % 1_000) * 1_000_000;
      statements.push({ sql: insert.sql, kind: 'write', table, parameter: (n) => String(first + n) });
    }
    return statements;
  };
}

/** Reads a `--workload FILE`: every statement must parse, name a table and take no parameters. */
export async function readWorkloadFile(file: string): Promise<WorkloadStatement[]> {
  let sql: string;
  try {
    sql = readFileSync(file, 'utf8');
  } catch (error) {
    throw badInput(
      `a readable SQL file at \`--workload ${file}\``,
      `\`${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\``,
      'Give the path of a file of SQL statements (e.g. the top queries of pg_stat_statements with literal values).',
    );
  }
  const statements = await splitStatements({
    path: file,
    sql,
    lineOffset: 0,
    transaction: 'none',
    transactionReason: 'a workload file: each statement on its own',
  });
  if (statements.length === 0)
    throw badInput(`SQL statements in \`--workload ${file}\``, 'none', 'Add the statements your application runs, separated by `;`.');
  return statements.map((statement) => {
    if (/\$\d/.test(statement.sql)) {
      throw badInput(
        `statements with literal values in \`--workload ${file}\``,
        `a parameter in \`${statement.sql.slice(0, 80)}\` at line ${statement.line}`,
        'Replace `$1`, `$2`... with values that exist in the seeded data, e.g. `WHERE id = 42`.',
      );
    }
    const table = statementFacts(statement).tables[0];
    if (!table)
      throw badInput(
        `statements that name a table in \`--workload ${file}\``,
        `\`${statement.sql.slice(0, 80)}\` at line ${statement.line}`,
        'Remove it: the rehearsal runs each statement against the tables a migration touches.',
      );
    const locking =
      statement.kind === 'SelectStmt' && Array.isArray(statement.tree.lockingClause) && statement.tree.lockingClause.length > 0;
    return { sql: statement.sql, kind: statement.kind === 'SelectStmt' && !locking ? 'read' : 'write', table };
  });
}

/** The file's statements that touch `tables`. */
export function fileWorkload(statements: readonly WorkloadStatement[], tables: readonly string[]): WorkloadFactory {
  const chosen = statements.filter((s) => tables.includes(s.table));
  return () => Promise.resolve(chosen);
}
