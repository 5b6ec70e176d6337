/**
 * The one rule loop: runs a pack over subjects and turns every `fail` and `unknown` into findings at the
 * level the pack chose (a `pass`'s warnings at `warn` at most). Engines call it; none writes its own loop.
 */
import type { Finding, EngineId } from '../findings/finding';
import type { FindingLevel, RuleLevel, RuleModule } from './rule-module';

/** A pack entry: which rule runs, at which level (the rule's `defaultLevel` when absent). */
export interface PackEntry<Subject, Context = void> {
  readonly rule: RuleModule<Subject, Context>;
  readonly level?: RuleLevel;
}

/** A pack: only the rules and their levels. Everything else about a rule is its `meta`. */
export type RulePack<Subject, Context = void> = readonly PackEntry<Subject, Context>[];

/** What the engine knows about where a subject is, filled into findings the rule did not locate itself. */
export interface SubjectLocation {
  readonly address?: string;
  readonly environment?: string;
}

export interface RunPackOptions<Subject> {
  readonly engine: EngineId;
  /** Where each subject is (its address, environment), for findings whose rule did not say. */
  readonly locate?: (subject: Subject) => SubjectLocation;
  /** Overrides of the pack's levels by rule id (from a policy file or a flag). */
  readonly levels?: Readonly<Record<string, RuleLevel>>;
}

/** One rule's decision on one subject, kept for reports that show passes and not-applicables too. */
export interface RuleOutcome<Subject> {
  readonly subject: Subject;
  readonly ruleId: string;
  readonly level: FindingLevel;
  readonly status: 'pass' | 'fail' | 'not-applicable' | 'unknown';
}

export interface PackRun<Subject> {
  readonly findings: Finding[];
  readonly outcomes: RuleOutcome<Subject>[];
}

/** The rule of a pack with that id (for a report that has only the id and wants the rule's `meta`). */
export function ruleById<S, C>(pack: RulePack<S, C>, id: string): RuleModule<S, C> | undefined {
  return pack.find((entry) => entry.rule.meta.id === id)?.rule;
}

export function levelOf<S, C>(entry: PackEntry<S, C>, levels?: Readonly<Record<string, RuleLevel>>): RuleLevel {
  return levels?.[entry.rule.meta.id] ?? entry.level ?? entry.rule.meta.defaultLevel;
}

/** Runs every rule of the pack that is not `off` on every subject, in pack order then subject order. */
export function runPack<Subject, Context>(
  pack: RulePack<Subject, Context>,
  subjects: readonly Subject[],
  context: Context,
  options: RunPackOptions<Subject>,
): PackRun<Subject> {
  const findings: Finding[] = [];
  const outcomes: RuleOutcome<Subject>[] = [];
  for (const subject of subjects) {
    const at = options.locate?.(subject) ?? {};
    for (const entry of pack) {
      const level = levelOf(entry, options.levels);
      if (level === 'off') continue;
      const { meta } = entry.rule;
      const result = entry.rule.check(subject, context);
      outcomes.push({ subject, ruleId: meta.id, level, status: result.status });
      const base = { engine: options.engine, rule: meta.id, level, why: meta.why, ...(meta.docsUrl ? { docsUrl: meta.docsUrl } : {}) };
      // A fail or an unknown always reports, even when the rule gave no message: it is never a silent pass.
      if (result.status === 'fail') {
        const failures =
          result.failures.length > 0 ? result.failures : [{ message: `\`${meta.id}\` failed without saying why (a bug in the rule).` }];
        for (const failure of failures) findings.push(compact({ ...base, ...at, ...failure }));
      } else if (result.status === 'unknown') {
        const places = result.unknowns?.length ? result.unknowns : [{ message: result.reason }];
        for (const place of places) findings.push(compact({ ...base, ...at, ...place, unknown: true }));
      } else if (result.status === 'pass') {
        // A straddling range warns, at most: a pack that lowers the rule to `info` lowers its warnings too.
        const warnLevel = level === 'info' ? 'info' : 'warn';
        for (const warning of result.warnings ?? []) findings.push(compact({ ...base, level: warnLevel, ...at, ...warning }));
      }
    }
  }
  return { findings, outcomes };
}

/** Drops absent optional fields so JSON reports and snapshots do not carry `undefined` keys. */
// A loop that deletes, not Object.fromEntries: twice as fast where a check reports thousands of findings.
function compact(finding: Finding): Finding {
  const out = finding as unknown as Record<string, unknown>;
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return finding;
}
