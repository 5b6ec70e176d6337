/** What the rules judge: a migration's measured statements and the checks made before each one. */
import type { Estimate } from '../run/extrapolate';
import type { LockHeld } from '../run/lock-tracer';
import type { Migration } from '../source/migration';
import type { StatementFacts } from '../source/statement-facts';

export interface StatementEvidence {
  /** The statement text. */
  readonly sql: string;
  /** Its line in the migration file. */
  readonly line: number;
  /** Measured duration at the full sample, ms. */
  readonly durationMs: number;
  /** Rows of the statement's largest table in the full sample. */
  readonly sampleRows: number;
  /** That table's prod row count (profile). */
  readonly prodRows: number;
  /** The table that sets `sampleRows`/`prodRows`. */
  readonly mainTable: string | undefined;
  /** Locks held on tables that existed before the statement. */
  readonly locks: readonly LockHeld[];
  /** Tables rewritten. */
  readonly rewrites: readonly string[];
  /** Estimated duration at prod's rows. */
  readonly estimatedProdMs: Estimate;
  /** Parse-tree facts. */
  readonly facts: StatementFacts;
  /** `lock_timeout` in effect when it ran (`0` = none). */
  readonly lockTimeout: string;
  /** Whether it ran inside an explicit `BEGIN` block of the file. */
  readonly insideExplicitTransaction: boolean;
  /** Non-null values of each dropped column, before the drop (`table.column` → count; undefined = unknown). */
  readonly droppedColumnValues: ReadonlyMap<string, number | undefined>;
  /** Rows of each dropped table, before the drop. */
  readonly droppedTableRows: ReadonlyMap<string, number | undefined>;
  /** Rows whose value a type change would alter (`table.column` → count; undefined = unknown). */
  readonly lossyCastRows: ReadonlyMap<string, number | undefined>;
  /** Columns and tables copied by earlier statements (this and earlier migrations). */
  readonly copiedBefore: { readonly columns: ReadonlySet<string>; readonly tables: ReadonlySet<string> };
}

/** The up, down, up round trip on the small sample. */
export interface RoundTrip {
  /** The server's error when down or the second up failed. */
  readonly error?: string;
  /** Tables whose rows differ after up-down-up compared with after the first up. */
  readonly changedTables: readonly string[];
}

export interface MigrationEvidence {
  /** The migration judged. */
  readonly migration: Migration;
  /** Its up statements with their measurements. */
  readonly statements: readonly StatementEvidence[];
  /** Undefined when the migration has no down script. */
  readonly roundTrip: RoundTrip | undefined;
  /** Budgets from the options. */
  readonly budgets: { readonly lockMs: number; readonly totalMs: number };
}

/** A rule's verdict. `unknown` (a value that could not be known) blocks like a violation. */
export type RuleResult = { readonly status: 'compliant' } | { readonly status: 'not-applicable' } | { readonly status: 'non-compliant' | 'unknown'; readonly messages: readonly string[] };

export type Rule = (evidence: MigrationEvidence) => RuleResult;

/** Formats milliseconds for messages: `850 ms`, `4.2 s`, `12 min`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

/** A statement's first line, shortened, for messages. */
export function shortSql(sql: string): string {
  const one = sql.replace(/\s+/g, ' ');
  return one.length > 90 ? `${one.slice(0, 87)}...` : one;
}

/** Builds a verdict from collected problems. */
export function verdict(applicable: boolean, problems: readonly string[], unknowns: readonly string[] = []): RuleResult {
  if (problems.length > 0) return { status: 'non-compliant', messages: [...problems, ...unknowns] };
  if (unknowns.length > 0) return { status: 'unknown', messages: unknowns };
  return applicable ? { status: 'compliant' } : { status: 'not-applicable' };
}
