/**
 * node-pg-migrate's JavaScript migrations (`.js`/`.cjs` exporting `up(pgm)` and `down(pgm)`), read
 * by running them against a recording `pgm`: `pgm.sql(text)` is recorded, `pgm.noTransaction()`
 * makes the migration run without node-pg-migrate's transaction (each step on its own). The other
 * builder methods (createTable, addIndex...) are not recorded: calling one is bad input naming it,
 * never a migration silently read as empty.
 */
import { MIGRATION_FILE, readInputText } from '../../shared/input-files';
import { resolve } from 'node:path';
import { badInput } from '../../shared/exit-error';
import { readAllowAnnotations, type Migration, type MigrationScript } from './migration';

type Action = ((pgm: unknown) => unknown) | ((pgm: unknown, done: () => void) => unknown);

interface PgmModule {
  up?: Action;
  down?: Action | false;
}

async function record(path: string, action: Action): Promise<{ statements: string[]; noTransaction: boolean }> {
  const statements: string[] = [];
  let noTransaction = false;
  const known: Record<string, unknown> = {
    sql: (text: string, args?: unknown) => {
      if (args !== undefined)
        throw badInput(
          `\`pgm.sql(text)\` without arguments in ${path}`,
          '`pgm.sql(text, args)`',
          'Inline the values in the SQL, or write the migration as a `.sql` file.',
        );
      statements.push(String(text));
    },
    noTransaction: () => {
      noTransaction = true;
    },
  };
  const pgm = new Proxy(known, {
    get(target, name) {
      if (typeof name !== 'string' || name in target) return target[name as string];
      return () => {
        throw badInput(
          `only \`pgm.sql()\` and \`pgm.noTransaction()\` in the node-pg-migrate migration ${path} (the gate records their SQL)`,
          `\`pgm.${name}()\``,
          `Write that step as \`pgm.sql('...')\`, or the migration as a \`.sql\` file with \`-- Up Migration\`.`,
        );
      };
    },
  });
  try {
    if (action.length >= 2)
      await new Promise<void>((done, fail) => Promise.resolve((action as (p: unknown, d: () => void) => unknown)(pgm, done)).catch(fail));
    else await (action as (p: unknown) => unknown)(pgm);
  } catch (error) {
    if ((error as { name?: string }).name === 'ExitError') throw error;
    throw badInput(
      `the node-pg-migrate migration ${path} to run while its SQL is recorded`,
      `\`${(error as Error).message}\``,
      'Fix the migration.',
    );
  }
  return { statements, noTransaction };
}

function script(path: string, recorded: { statements: string[]; noTransaction: boolean }): MigrationScript {
  return {
    path,
    sql: recorded.statements.map((s) => `${s.trim().replace(/;\s*$/, '')};`).join('\n'),
    lineOffset: 0,
    transaction: recorded.noTransaction ? 'none' : 'wrap',
    transactionReason: recorded.noTransaction
      ? 'node-pg-migrate: `pgm.noTransaction()`, each step on its own'
      : 'node-pg-migrate: one transaction per migration (`--no-single-transaction`)',
  };
}

/** Reads one JavaScript migration. */
export async function loadJsMigration(path: string, file: string): Promise<Migration> {
  const module = require(resolve(path)) as PgmModule;
  if (typeof module.up !== 'function')
    throw badInput(`an \`up\` function exported by the node-pg-migrate migration ${path}`, 'none', 'Export `up(pgm)` (and `down(pgm)`).');
  const up = await record(path, module.up);
  const down = typeof module.down === 'function' ? script(path, await record(path, module.down)) : undefined;
  return {
    id: file.replace(/\.c?js$/, ''),
    file,
    format: 'node-pg-migrate',
    up: script(path, up),
    down: down && { ...down, transaction: up.noTransaction ? 'none' : down.transaction },
    allows: readAllowAnnotations(readInputText(path, MIGRATION_FILE), { path, file }),
  };
}
