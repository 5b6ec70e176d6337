/**
 * The safe recipe for a statement that did work under a write-blocking lock. The run decides
 * whether a statement blocks; this only picks the advice, from what the statement says it does.
 */
import type { Statement } from '../source/statements';
import type { TableWork } from './evidence';

type Tree = Record<string, unknown>;

function alterCommands(statement: Statement): { subtype: string; contype: string; skipValidation: boolean }[] {
  if (statement.kind !== 'AlterTableStmt') return [];
  return ((statement.tree.cmds as { AlterTableCmd: Tree }[]) ?? []).map(({ AlterTableCmd: c }) => {
    const constraint = (c.def as { Constraint?: Tree } | undefined)?.Constraint;
    return { subtype: String(c.subtype), contype: String(constraint?.contype ?? ''), skipValidation: constraint?.skip_validation === true };
  });
}

/** The safe way to do what `statement` did. */
export function safeRecipe(statement: Statement, work: TableWork): string {
  if (statement.kind === 'IndexStmt') {
    return statement.tree.unique === true
      ? 'build it with `CREATE UNIQUE INDEX CONCURRENTLY` in a migration that runs outside a transaction.'
      : 'build it with `CREATE INDEX CONCURRENTLY` in a migration that runs outside a transaction (`-- parity:no-transaction`, ' +
          '`-- +goose NO TRANSACTION`, `transaction:false`...).';
  }
  const cmds = alterCommands(statement);
  const has = (predicate: (c: (typeof cmds)[number]) => boolean) => cmds.some(predicate);
  if (has((c) => c.subtype === 'AT_AddConstraint' && /UNIQUE|PRIMARY/.test(c.contype)))
    return (
      '`CREATE UNIQUE INDEX CONCURRENTLY` first (its own migration, outside a transaction), ' +
      'then `ADD CONSTRAINT ... UNIQUE USING INDEX` (or `PRIMARY KEY USING INDEX`), which only takes a brief lock.'
    );

  if (has((c) => c.subtype === 'AT_AddConstraint' && /FOREIGN/.test(c.contype)))
    return 'add it `NOT VALID` (no scan), then `VALIDATE CONSTRAINT` in a later migration (SHARE UPDATE EXCLUSIVE: writes go on).';
  if (has((c) => c.subtype === 'AT_AddConstraint' && /CHECK/.test(c.contype)))
    return 'add it `NOT VALID` (no scan), then `VALIDATE CONSTRAINT` in a later migration (SHARE UPDATE EXCLUSIVE: writes go on).';
  if (has((c) => c.subtype === 'AT_SetNotNull'))
    return (
      'add `CHECK (col IS NOT NULL) NOT VALID`, `VALIDATE CONSTRAINT` it in a later migration, ' +
      'then `SET NOT NULL` (PostgreSQL 12+ skips the scan when a validated check proves it), and drop the check.'
    );
  if (has((c) => c.subtype === 'AT_ValidateConstraint'))
    return 'run `VALIDATE CONSTRAINT` alone in its migration: on its own it takes SHARE UPDATE EXCLUSIVE and writes go on.';
  if (has((c) => c.subtype === 'AT_AlterColumnType'))
    return 'add a new column of the new type, backfill it in batches, switch the application to it, then drop the old one.';
  if (has((c) => c.subtype === 'AT_AddColumn') && work.rewrite)
    return (
      'add the column without the volatile default (or serial), set the default in a second statement, ' +
      'and backfill existing rows in batches.'
    );
  if (work.rewrite) return 'avoid the rewrite: a new table or column filled in batches, then a quick switch.';
  return (
    'split the work so the scan runs under a lock that lets writes through (NOT VALID then VALIDATE, CONCURRENTLY), ' +
    'or do it in batches.'
  );
}
