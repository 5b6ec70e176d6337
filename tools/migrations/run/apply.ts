/**
 * Applies migrations the way their tool does (one transaction per migration unless it opts out),
 * records them in the tool's history table, and turns a failing statement into exit 2 naming the
 * file, the line, the statement and the server's error.
 */
import type { Client } from 'pg';
import { badInput } from '../../cli/exit-error';
import type { Migration, MigrationAdapter, MigrationScript } from '../source/migration';
import type { Statement } from '../source/statements';

/** A migration with its scripts split into statements. */
export interface ParsedMigration {
  /** The migration as its adapter read it. */
  readonly migration: Migration;
  /** Statements of its up script. */
  readonly up: readonly Statement[];
  /** Statements of its down script, when it has one. */
  readonly down: readonly Statement[] | undefined;
}

/** Exit 2 for a statement the server refused. */
export function statementFailed(script: MigrationScript, statement: Statement, error: unknown): Error {
  const text = statement.sql.length > 160 ? `${statement.sql.slice(0, 157)}...` : statement.sql;
  return badInput(
    `every statement of ${script.path} to apply`,
    `statement at ${script.path}:${statement.line} \`${text.replace(/\s+/g, ' ')}\` failed: ${(error as Error).message}`,
    'Fix the migration (run it against a local database to reproduce), then run the check again.',
  );
}

/** Runs a script's statements, in one transaction when `transactional`. */
export async function applyScript(client: Client, script: MigrationScript, statements: readonly Statement[], transactional: boolean): Promise<void> {
  if (transactional) await client.query('BEGIN');
  try {
    for (const statement of statements) {
      if (statement.kind === 'TransactionStmt') continue;
      try {
        await client.query(statement.sql);
      } catch (error) {
        throw statementFailed(script, statement, error);
      }
    }
    if (transactional) await client.query('COMMIT');
  } catch (error) {
    if (transactional) await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Applies already-merged migrations and records each one as applied. */
export async function applyMerged(client: Client, adapter: MigrationAdapter, migrations: readonly ParsedMigration[]): Promise<void> {
  await client.query(adapter.createHistorySql);
  for (const m of migrations) {
    await client.query('RESET ALL');
    await applyScript(client, m.migration.up, m.up, m.migration.transactional);
    await client.query(adapter.recordAppliedSql, [m.migration.id]);
  }
}
