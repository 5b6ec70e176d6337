/**
 * Turns a migration's measurements (full and small sample) into its report: per-statement
 * estimates at prod's rows, the rule pack's findings (waived by `-- parity:allow`), squawk's.
 */
import type { GateOptions } from './gate';
import type { DataProfile } from './profile';
import type { Finding } from './report/finding';
import type { MigrationReport } from './report/gate-report';
import type { MigrationEvidence, StatementEvidence } from './rules/evidence';
import { migrationRulePack } from './rules/pack';
import type { ParsedMigration } from './run/apply';
import { extrapolate, roundMs } from './run/extrapolate';
import type { MeasuredMigration } from './run/measure';
import { statementFacts } from './source/statement-facts';

export interface JudgeContext {
  /** Migrations already merged (their copies count as "copied before"). */
  readonly merged: readonly ParsedMigration[];
  /** New migrations measured before this one. */
  readonly earlier: readonly MeasuredMigration[];
  /** Prod's row counts. */
  readonly profile: DataProfile;
  /** The budgets. */
  readonly options: Pick<GateOptions, 'lockBudgetMs' | 'totalBudgetMs'>;
  /** squawk's findings for this migration. */
  readonly lint: readonly Finding[];
}

/** Judges one migration. */
export function judgeMigration(full: MeasuredMigration, small: MeasuredMigration, context: JudgeContext): MigrationReport {
  const copiedColumns = new Set<string>();
  const copiedTables = new Set<string>();
  const remember = (facts: { copiedColumns: readonly string[]; copiedTables: readonly string[] }) => {
    facts.copiedColumns.forEach((c) => copiedColumns.add(c));
    facts.copiedTables.forEach((t) => copiedTables.add(t));
  };
  context.merged.forEach((m) => m.up.forEach((s) => remember(statementFacts(s))));
  context.earlier.forEach((m) => m.statements.forEach((s) => remember(s.facts)));
  const statements: StatementEvidence[] = full.statements.map((s, index) => {
    const copiedBefore = { columns: new Set(copiedColumns), tables: new Set(copiedTables) };
    remember(s.facts);
    const smallRun = small.statements[index];
    const prodRows = s.mainTable ? (context.profile.tables[s.mainTable]?.rows ?? s.sampleRows) : 0;
    const samples = [{ rows: s.sampleRows, ms: s.durationMs }, ...(smallRun ? [{ rows: smallRun.sampleRows, ms: smallRun.durationMs }] : [])];
    return {
      sql: s.statement.sql,
      line: s.statement.line,
      durationMs: roundMs(s.durationMs),
      sampleRows: s.sampleRows,
      prodRows,
      mainTable: s.mainTable,
      locks: s.locks.map((l) => ({ ...l, heldMs: roundMs(l.heldMs) })),
      rewrites: s.rewrites,
      estimatedProdMs: extrapolate(s.rewrites.length > 0 && s.facts.growth === 'constant' ? 'linear' : s.facts.growth, samples, prodRows),
      facts: s.facts,
      lockTimeout: s.lockTimeout,
      insideExplicitTransaction: s.insideExplicitTransaction,
      droppedColumnValues: s.droppedColumnValues,
      droppedTableRows: s.droppedTableRows,
      lossyCastRows: s.lossyCastRows,
      copiedBefore,
    };
  });
  const evidence: MigrationEvidence = {
    migration: full.parsed.migration,
    statements,
    roundTrip: small.roundTrip,
    budgets: { lockMs: context.options.lockBudgetMs, totalMs: context.options.totalBudgetMs },
  };
  const findings: Finding[] = [];
  for (const entry of migrationRulePack) {
    const result = entry.rule(evidence);
    if (result.status !== 'non-compliant' && result.status !== 'unknown') continue;
    const allow = full.parsed.migration.allows.find((a) => a.rule === entry.id);
    for (const message of result.messages) {
      findings.push({
        rule: entry.id,
        level: allow ? 'allowed' : entry.level,
        message: `${result.status === 'unknown' ? 'could not be determined: ' : ''}${message}${allow ? ` Allowed: ${allow.reason}` : ''}`,
      });
    }
  }
  findings.push(...context.lint);
  return {
    file: full.parsed.migration.file,
    statements: statements.map((s) => ({ sql: s.sql, line: s.line, durationMs: s.durationMs, sampleRows: s.sampleRows, locks: s.locks, rewrites: s.rewrites, estimatedProdMs: s.estimatedProdMs })),
    findings,
  };
}
