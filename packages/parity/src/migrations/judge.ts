/**
 * Turns a migration's measurements (full and small sample) into its report: what each statement
 * did to which table (compared between the samples), per-statement estimates at prod's rows, the
 * rule pack's findings (runPack; waived by the migration's `-- parity:allow` annotations, applied as
 * the shared waivers), squawk's.
 */
import type { GateOptions } from './gate-options';
import type { DataProfile } from './profile';
import type { Finding } from './report/finding';
import type { MigrationReport } from './report/gate-report';
import type { Finding as SharedFinding } from '../shared/findings/finding';
import { runPack, type PackRun } from '../shared/rules/run-pack';
import type { MigrationEvidence, StatementEvidence, TableWork } from './rule-support/evidence';
import { migrationRulePack } from './rule-pack';
import type { AllowAnnotation } from './source/migration';
import { applyWaivers, type WaiverOutcome } from '../shared/waivers/apply-waivers';
import { assertKnownRules, deprecationMessage, warnDeprecatedOnce } from '../shared/waivers/inline-annotation';
import type { ParsedMigration } from './run/apply';
import { extrapolate, roundMs, type Estimate } from './run/extrapolate';
import type { MeasuredMigration, MeasuredStatement } from './run/measure';
import type { GrowthModel } from './source/statement-facts';
import { statementFacts } from './source/statement-facts';

/** How the migrations' `-- parity:allow` waivers are judged. */
export interface AcknowledgementOptions {
  /** The date expiry is checked against. @default now */
  readonly now?: Date;
  /** An annotation that waives nothing blocks (`--strict`). @default false */
  readonly strict?: boolean;
}

export interface JudgeContext {
  /** Migrations already merged (their copies count as "copied before"). */
  readonly merged: readonly ParsedMigration[];
  /** New migrations measured before this one. */
  readonly earlier: readonly MeasuredMigration[];
  /** Prod's row counts. */
  readonly profile: DataProfile;
  /** The budgets. */
  readonly options: Pick<GateOptions, 'lockBudgetMs' | 'totalBudgetMs'> & AcknowledgementOptions;
  /** squawk's findings for this migration. */
  readonly lint: readonly Finding[];
}

/**
 * Work that grows with each table, from the run: a rewrite or an index build (the rules weigh it
 * by prod's rows of the table), or rows read that grew between the small and the full sample (a
 * constant lookup reads the same at both).
 */
export function tableWork(full: MeasuredStatement, small: MeasuredStatement | undefined): Map<string, TableWork> {
  const work = new Map<string, TableWork>();
  const tables = new Set([...full.rewrites, ...full.indexBuilds, ...full.rowsRead.keys()]);
  for (const table of tables) {
    const readFull = full.rowsRead.get(table) ?? 0;
    const readSmall = small?.rowsRead.get(table) ?? 0;
    const grew = small !== undefined && readFull > readSmall;
    const rewrite = full.rewrites.includes(table);
    const indexBuild = full.indexBuilds.includes(table);
    // The rows a rewrite or an index build reads are part of it (and partly read by parallel workers): not reported apart.
    if (rewrite || indexBuild) work.set(table, { rewrite, indexBuild });
    else if (grew) work.set(table, { rewrite, indexBuild, rowsRead: { full: readFull, small: readSmall } });
  }
  return work;
}

function growthOf(s: MeasuredStatement, work: ReadonlyMap<string, TableWork>): GrowthModel {
  if ([...work.values()].some((w) => w.indexBuild)) return 'n-log-n';
  if (work.size > 0) return 'linear';
  // Outside a transaction the rows read are not counted: fall back on what the statement is.
  return s.inTransaction || s.rowsRead.size > 0 ? 'constant' : s.facts.growth;
}

/** Runs the gate's pack over one migration's evidence: the shared findings, located at the migration file. */
export function judgeEvidence(evidence: MigrationEvidence): PackRun<MigrationEvidence> {
  return runPack(migrationRulePack, [evidence], undefined, { engine: 'migrations', locate: (e) => ({ address: e.migration.file }) });
}

/**
 * The gate report's level words (its JSON keeps them for one version beside the shared envelope). `info`
 * has no word there: like `warning`, it is reported and does not block.
 */
const GATE_LEVEL = { block: 'blocking', warn: 'warning', info: 'warning' } as const;

/** The gate's rule ids: the ones a `-- parity:allow` may name. */
export const gateRuleIds: readonly string[] = migrationRulePack.map((entry) => entry.rule.meta.id);

/** Before any work starts: exit 2 when a new migration's annotation names no rule of the gate. */
export function checkAllowAnnotations(fresh: readonly ParsedMigration[]): void {
  assertKnownRules(
    fresh.flatMap((m) => m.migration.allows),
    gateRuleIds,
  );
}

/**
 * The old form's deprecation, said once on stderr: after every input has been checked (a bad input stays
 * one line) and before the progress line, which it would otherwise break.
 */
export function warnDeprecatedAnnotations(
  fresh: readonly ParsedMigration[],
  stderr: { write(text: string): unknown } = process.stderr,
): void {
  const deprecated = fresh.flatMap((m) => m.migration.allows).find((a) => a.deprecated);
  if (deprecated) warnDeprecatedOnce(deprecated, stderr);
}

/** The pack's findings with the migration's annotations applied (a pass's warnings are never waivable). */
export function acknowledge(
  run: PackRun<MigrationEvidence>,
  allows: readonly AllowAnnotation[],
  options: AcknowledgementOptions = {},
): { readonly findings: Finding[]; readonly outcome: WaiverOutcome<SharedFinding, AllowAnnotation> } {
  const statusOf = new Map(run.outcomes.map((o) => [o.ruleId, o.status]));
  const waivable = run.findings.filter((f) => statusOf.get(f.rule) !== 'pass');
  const outcome = applyWaivers(waivable, allows, { now: options.now ?? new Date(), strict: options.strict });
  const waiverOf = new Map(outcome.waived.map((w) => [w.finding, w.waiver]));
  const findings = run.findings.map((f: SharedFinding): Finding => {
    if (statusOf.get(f.rule) === 'pass') return { rule: f.rule, level: 'warning', message: f.message };
    const allow = waiverOf.get(f);
    return {
      rule: f.rule,
      level: allow ? 'allowed' : GATE_LEVEL[f.level],
      message: `${f.unknown ? 'could not be determined: ' : ''}${f.message}${allow ? ` Allowed: ${allow.reason}` : ''}`,
      ...(allow ? { allowedBy: { reason: allow.reason, owner: allow.owner, expires: allow.expires, line: allow.line } } : {}),
    };
  });
  return { findings, outcome };
}

/**
 * The gate report's findings (schemaVersion 1) from the shared ones. A failure or an unknown of a rule
 * the migration allows with a current `-- parity:allow RULE ...` is reported `allowed`, with the reason;
 * a pass's warnings (a range straddling a budget) are never allowed away.
 */
export function gateFindings(
  run: PackRun<MigrationEvidence>,
  allows: readonly AllowAnnotation[],
  options: AcknowledgementOptions = {},
): Finding[] {
  // The findings as they read before annotations had owners; the report (judgeMigration) keeps `allowedBy` too.
  return acknowledge(run, allows, options).findings.map(({ allowedBy: _, ...finding }) => finding);
}

/**
 * What the annotations themselves say: an expired one blocks (it waives nothing), an unused one warns
 * (blocks with `strict`), the old form without owner and expiry warns that it is deprecated (in the
 * report for each one; on stderr once, by checkAllowAnnotations).
 */
export function annotationFindings(
  outcome: WaiverOutcome<SharedFinding, AllowAnnotation>,
  allows: readonly AllowAnnotation[],
  options: AcknowledgementOptions = {},
): Finding[] {
  const findings: Finding[] = [];
  for (const w of outcome.expiredWaivers) {
    findings.push({
      rule: 'waiver-expired',
      level: 'blocking',
      message:
        `\`parity:allow ${w.rule}\` at ${w.source} (owner ${w.owner}) expired on ${w.expires}: ` +
        `it waives nothing; renew it with a new date or remove it.`,
    });
  }
  for (const w of outcome.unusedWaivers) {
    findings.push({
      rule: 'waiver-unused',
      level: options.strict ? 'blocking' : 'warning',
      message:
        `\`parity:allow ${w.rule}\` at ${w.source} waives nothing in this migration: ` +
        `remove it${options.strict ? ' (fails with --strict)' : ''}.`,
    });
  }
  for (const w of allows.filter((a) => a.deprecated)) {
    findings.push({ rule: 'waiver-deprecated', level: 'warning', message: `${deprecationMessage(w)}.` });
  }
  return findings;
}

/** Judges one migration. */
export function judgeMigration(full: MeasuredMigration, small: MeasuredMigration, context: JudgeContext): MigrationReport {
  const copiedColumns = new Set<string>();
  const copiedTables = new Set<string>();
  const remember = (facts: { copiedColumns: readonly string[]; copiedTables: readonly string[] }) => {
    for (const c of facts.copiedColumns) copiedColumns.add(c);
    for (const t of facts.copiedTables) copiedTables.add(t);
  };
  for (const m of context.merged) for (const s of m.up) remember(statementFacts(s));
  for (const m of context.earlier) for (const s of m.statements) remember(s.facts);
  const prodRows = new Map(Object.entries(context.profile.tables).map(([t, p]) => [t, p.rows]));
  const estimates: Estimate[] = [];
  const partial = full.statements.map((s, index) => {
    const copiedBefore = { columns: new Set(copiedColumns), tables: new Set(copiedTables) };
    remember(s.facts);
    const smallRun = small.statements[index];
    const work = tableWork(s, smallRun);
    const statementProdRows = s.mainTable ? (prodRows.get(s.mainTable) ?? s.sampleRows) : 0;
    const samples = [
      { rows: s.sampleRows, ms: s.durationMs },
      ...(smallRun ? [{ rows: smallRun.sampleRows, ms: smallRun.durationMs }] : []),
    ];
    const estimate = extrapolate(growthOf(s, work), samples, statementProdRows);
    estimates.push(estimate);
    return { s, index, work, copiedBefore, smallRun, statementProdRows, estimate };
  });
  const statements: StatementEvidence[] = partial.map(({ s, index, work, copiedBefore, smallRun, statementProdRows, estimate }) => {
    const rest = partial.filter((p) => p.index >= index && p.s.unit === s.unit);
    const untilCommit = {
      low: roundMs(rest.reduce((sum, p) => sum + p.estimate.low, 0)),
      high: roundMs(rest.reduce((sum, p) => sum + p.estimate.high, 0)),
    };
    return {
      ...s,
      sql: s.statement.sql,
      line: s.statement.line,
      durationMs: roundMs(s.durationMs),
      prodRows: statementProdRows,
      locks: s.locks.map((l) => ({ ...l, heldMs: roundMs(l.heldMs) })),
      heldDuring: s.heldDuring.map((l) => ({ ...l, heldMs: roundMs(l.heldMs) })),
      work,
      estimatedProdMs: estimate,
      estimatedUntilCommitMs: s.inTransaction ? untilCommit : estimate,
      smallDurationMs: smallRun ? roundMs(smallRun.durationMs) : undefined,
      smallSampleRows: smallRun?.sampleRows,
      copiedBefore,
    };
  });
  const evidence: MigrationEvidence = {
    migration: full.parsed.migration,
    statements,
    roundTrip: small.roundTrip,
    budgets: { lockMs: context.options.lockBudgetMs, totalMs: context.options.totalBudgetMs },
    prodRows,
    plan: full.plan,
  };
  const allows = full.parsed.migration.allows;
  const { findings, outcome } = acknowledge(judgeEvidence(evidence), allows, context.options);
  findings.push(...annotationFindings(outcome, allows, context.options), ...context.lint);
  return {
    file: full.parsed.migration.file,
    format: full.parsed.migration.format,
    transaction: full.plan.how,
    statements: statements.map((s) => ({
      sql: s.sql,
      line: s.line,
      durationMs: s.durationMs,
      sampleRows: s.sampleRows,
      locks: s.locks,
      rewrites: s.rewrites,
      estimatedProdMs: s.estimatedProdMs,
      work: [...s.work].map(([table, w]) => ({ table, ...w })),
      lockTimeout: s.lockTimeout,
      inTransaction: s.inTransaction,
    })),
    findings,
  };
}
