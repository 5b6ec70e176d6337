/**
 * Applies migrations the way their tool does (its transactions, the file's own BEGIN/COMMIT:
 * source/transaction-plan.ts), records them in the tool's history table, and turns a failing
 * statement into exit 2 naming the file, the line, the statement and the server's error.
 */
import type { Client } from 'pg';
import { badInput } from '../../shared/exit-error';
import type { Migration, MigrationAdapter, MigrationScript } from '../source/migration';
import type { Statement } from '../source/statements';
import { planScript } from '../source/transaction-plan';

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

async function runOne(client: Client, script: MigrationScript, statement: Statement): Promise<void> {
  try {
    await client.query(statement.sql);
  } catch (error) {
    throw statementFailed(script, statement, error);
  }
}

/** Runs a script as its runner groups it into transactions (untraced). */
export async function applyScript(client: Client, script: MigrationScript, statements: readonly Statement[]): Promise<void> {
  for (const unit of planScript(script, statements).units) {
    if (unit.kind === 'autocommit') {
      await runOne(client, script, unit.statement.statement);
      continue;
    }
    await client.query('BEGIN');
    try {
      for (const planned of unit.statements) await runOne(client, script, planned.statement);
      await client.query(unit.ends === 'commit' ? 'COMMIT' : 'ROLLBACK');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }
}

/** Applies already-merged migrations and records each one as applied. */
export async function applyMerged(client: Client, adapter: MigrationAdapter, migrations: readonly ParsedMigration[]): Promise<void> {
  await client.query(adapter.createHistorySql);
  for (const m of migrations) {
    await client.query('RESET ALL');
    await applyScript(client, m.migration.up, m.up);
    await client.query(adapter.recordAppliedSql, [m.migration.id]);
  }
}
