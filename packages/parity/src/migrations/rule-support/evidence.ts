/**
 * What the gate's rules judge (a migration's measured statements and the checks made before each one),
 * and the helpers their messages share. The rule shape and results are the shared ones
 * (src/shared/rules/rule-module.ts); each rule is one file in ../rules/ whose name is its id.
 */
import { failWith, notApplicable, pass, unknown, type RuleModule, type RuleResult } from '../../shared/rules/rule-module';
import type { Estimate } from '../run/extrapolate';
import type { MeasuredStatement, RoundTrip } from '../run/measure';
import type { Migration } from '../source/migration';
import type { ScriptPlan } from '../source/transaction-plan';

/**
 * One statement as the rules see it: everything the run measured of it (`MeasuredStatement`: the trace,
 * the parse-tree facts, the data checks; durations and lock times rounded to the ms) and what the judge
 * derives from both samples and the profile. A measurement added to `MeasuredStatement` reaches the rules
 * as it is: nothing to copy here or in judge.ts.
 */
export interface StatementEvidence extends MeasuredStatement {
  /** The statement text. */
  readonly sql: string;
  /** Its line in the migration file. */
  readonly line: number;
  /** Prod's row count (profile) of `mainTable`, the table that sets `sampleRows`. */
  readonly prodRows: number;
  /** Work it did that grows with a table, per table, as measured (rewrite, index build, rows read growing with the sample). */
  readonly work: ReadonlyMap<string, TableWork>;
  /** Estimated time at prod's rows from its start to the end of its transaction. */
  readonly estimatedUntilCommitMs: Estimate;
  /** Measured time at the small sample, ms (the full sample's is `durationMs`). */
  readonly smallDurationMs: number | undefined;
  /** Rows of `mainTable` in the small sample. */
  readonly smallSampleRows: number | undefined;
  /** Estimated duration at prod's rows. */
  readonly estimatedProdMs: Estimate;
  /** Columns and tables copied by earlier statements (this and earlier migrations). */
  readonly copiedBefore: { readonly columns: ReadonlySet<string>; readonly tables: ReadonlySet<string> };
}

/** Work that grows with a table, as the run showed it. */
export interface TableWork {
  /** `relfilenode` changed: every row was written again. */
  readonly rewrite: boolean;
  /** A new index was built on it. */
  readonly indexBuild: boolean;
  /** Rows read at the full and the small sample, when they grew with it (a scan: validation, NOT NULL check, FK check, copy). */
  readonly rowsRead?: { readonly full: number; readonly small: number };
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
  /** Prod's rows per table (the profile; tables it does not name hold none). */
  readonly prodRows: ReadonlyMap<string, number>;
  /** How the runner ran it, and what it would refuse to run (source/transaction-plan.ts). */
  readonly plan: ScriptPlan;
}

/** A gate rule: `meta` beside a pure check of one migration's evidence (no context). */
export type MigrationRule = RuleModule<MigrationEvidence>;

/** Describes the work a statement did on a table, for messages. */
export function describeWork(table: string, work: TableWork): string {
  const parts: string[] = [];
  if (work.rewrite) parts.push(`rewrites \`${table}\``);
  if (work.indexBuild) parts.push(`builds an index on \`${table}\``);
  if (work.rowsRead && !work.rewrite && !work.indexBuild)
    parts.push(
      `reads ${work.rowsRead.full.toLocaleString('en-US')} rows of \`${table}\` (${work.rowsRead.small.toLocaleString('en-US')} at ` +
        `the small sample)`,
    );
  return parts.join(' and ');
}

/** Lock modes that block reads too. */
export function blocksReads(mode: string): boolean {
  return mode === 'AccessExclusiveLock';
}

/** `lock_timeout` is 0 (none). */
export function noLockTimeout(value: string): boolean {
  return /^0(ms|s)?$/.test(value.trim());
}

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

/**
 * Builds a verdict from collected problems: a failure when there are problems (the unknowns are listed
 * with them), unknown when there are only unknowns (one finding each: an unknown never passes), a pass
 * or not applicable otherwise.
 */
export function verdict(applicable: boolean, problems: readonly string[], unknowns: readonly string[] = []): RuleResult {
  if (problems.length > 0) return failWith(...problems, ...unknowns);
  if (unknowns.length > 0) return unknown(unknowns[0]!, ...unknowns.slice(1));
  return applicable ? pass : notApplicable;
}
