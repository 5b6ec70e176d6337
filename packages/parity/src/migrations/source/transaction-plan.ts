/**
 * How the runner groups a script's statements into transactions: its own wrapping (see
 * {@link TransactionMode}), then the file's own `BEGIN ... COMMIT`. The plan is a list of units,
 * each one transaction or one autocommitted statement, in the order they run. A statement the
 * runner cannot run where it stands (`CREATE INDEX CONCURRENTLY` inside a transaction, a `BEGIN`
 * never committed) is a conflict: the gate still runs it, alone, and the rules report it.
 */
import type { MigrationScript } from './migration';
import { statementFacts } from './statement-facts';
import type { Statement } from './statements';

/** One statement in its unit. */
export interface PlannedStatement {
  readonly statement: Statement;
  /** Inside a `BEGIN` block of the file itself. */
  readonly insideExplicitTransaction: boolean;
}

export type PlanUnit =
  | {
      readonly kind: 'transaction';
      readonly statements: readonly PlannedStatement[];
      readonly openedBy: 'runner' | 'file' | 'implicit';
      readonly ends: 'commit' | 'rollback';
    }
  | { readonly kind: 'autocommit'; readonly statement: PlannedStatement };

export interface ScriptPlan {
  /** Whether the runner opens a transaction around the script. */
  readonly wrapped: boolean;
  /** The runner's rule, in words, for the report. */
  readonly how: string;
  readonly units: readonly PlanUnit[];
  /** Statements the runner would fail on, in words (rule `concurrently-in-transaction`). */
  readonly conflicts: readonly { readonly line: number; readonly message: string }[];
}

function wraps(
  script: MigrationScript,
  statements: readonly Statement[],
): { wrapped: boolean; openedBy: 'runner' | 'implicit'; mixed: boolean } {
  const work = statements.filter((s) => !statementFacts(s).transactionControl);
  const concurrent = work.filter((s) => statementFacts(s).concurrent).length;
  if (script.transaction === 'wrap') return { wrapped: true, openedBy: 'runner', mixed: false };
  if (script.transaction === 'none') return { wrapped: false, openedBy: 'runner', mixed: false };
  if (script.transaction === 'implicit') return { wrapped: work.length > 1, openedBy: 'implicit', mixed: false };
  const mixed = concurrent > 0 && concurrent < work.length;
  return { wrapped: concurrent === 0 || mixed, openedBy: 'runner', mixed };
}

/** Plans a parsed script the way its runner runs it. */
export function planScript(script: MigrationScript, statements: readonly Statement[]): ScriptPlan {
  const { wrapped, openedBy, mixed } = wraps(script, statements);
  const units: PlanUnit[] = [];
  const conflicts: { line: number; message: string }[] = [];
  let open: { statements: PlannedStatement[]; openedBy: 'runner' | 'file' | 'implicit' } | undefined = wrapped
    ? { statements: [], openedBy }
    : undefined;
  let explicitAt: number | undefined;
  const close = (ends: 'commit' | 'rollback' = 'commit') => {
    if (open && open.statements.length > 0) units.push({ kind: 'transaction', statements: open.statements, openedBy: open.openedBy, ends });
    open = undefined;
  };
  for (const statement of statements) {
    const facts = statementFacts(statement);
    if (facts.transactionControl === 'begin') {
      explicitAt = statement.line;
      if (!open) open = { statements: [], openedBy: 'file' };
      continue;
    }
    if (facts.transactionControl === 'end') {
      explicitAt = undefined;
      close(statement.tree.kind === 'TRANS_STMT_ROLLBACK' ? 'rollback' : 'commit');
      continue;
    }
    const planned = { statement, insideExplicitTransaction: explicitAt !== undefined };
    if (facts.concurrent && open) {
      const where =
        explicitAt !== undefined
          ? `inside the file's BEGIN at line ${explicitAt}`
          : open.openedBy === 'implicit'
            ? `in the implicit transaction of a file sent as one multi-statement query (${script.transactionReason})`
            : `in the transaction the runner opens around the file (${script.transactionReason})`;
      if (!mixed)
        conflicts.push({
          line: statement.line,
          message: `line ${statement.line} cannot run ${where}: PostgreSQL refuses it there and the deploy fails half way.`,
        });
      const resumed = open.openedBy;
      close();
      units.push({ kind: 'autocommit', statement: planned });
      open = { statements: [], openedBy: resumed };
      continue;
    }
    if (open) open.statements.push(planned);
    else units.push({ kind: 'autocommit', statement: planned });
  }
  if (explicitAt !== undefined && !wrapped)
    conflicts.push({
      line: explicitAt,
      message:
        `the BEGIN at line ${explicitAt} is never committed: the runner's session ends with the transaction open and ` +
        `PostgreSQL rolls it back.`,
    });
  close();
  if (mixed)
    conflicts.unshift({
      line: statements.find((s) => statementFacts(s).concurrent)!.line,
      message:
        'Flyway refuses a migration that mixes statements that must run outside a transaction with others (its `mixed` setting is ' +
        'false by default): move the CONCURRENTLY statement into a file of its own.',
    });
  const how = wrapped
    ? script.transactionReason
    : script.transaction === 'implicit'
      ? `${script.transactionReason}; a single statement, so no transaction`
      : script.transaction === 'auto'
        ? 'Flyway: no transaction, as every statement must run outside one'
        : script.transactionReason;
  return { wrapped, how, units, conflicts };
}
