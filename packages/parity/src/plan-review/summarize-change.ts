/** Turns one raw plan entry into a PlanChange (masked) and runs the rule pack over it. */
import { actionKind, explainChange } from './action-reasons';
import { changedPaths, formatPath } from './changed-paths';
import type { RawResourceChange } from '../shared/plan/plan-json';
import type { ActionSummary, OutputChange, PlanChange } from './review-model';
import { planReviewPack, type FindingLevel } from './rule-pack';
import type { RuleSubject } from './rule-support/rule-subject';
import type { Finding } from '../shared/findings/finding';
import { runPack } from '../shared/rules/run-pack';
import { withSecretMarks } from '../shared/plan/secret-names';

/** A finding before the environment and waivers are attached, as the review's JSON (schemaVersion 1) has it. */
export interface RuleFinding {
  readonly rule: string;
  readonly level: FindingLevel;
  readonly address: string;
  readonly message: string;
  readonly result: 'non-compliant' | 'unknown';
}

/** What is kept of one entry: its kind for the counts, the change when worth listing, and findings. */
export interface SummarizedEntry {
  readonly kind: PlanChange['kind'];
  /** Absent for no-ops and data reads, which are only counted. */
  readonly change?: PlanChange;
  readonly findings: readonly RuleFinding[];
}

/** The address of an entry; Terraform 1.0.0 wrote drift entries without one. */
export function entryAddress(entry: RawResourceChange): string {
  if (entry.address) return entry.address;
  const index = entry.index === undefined ? '' : typeof entry.index === 'number' ? `[${entry.index}]` : `[${JSON.stringify(entry.index)}]`;
  const local = `${entry.mode === 'data' ? 'data.' : ''}${entry.type ?? 'unknown'}.${entry.name ?? 'unknown'}${index}`;
  return entry.module_address ? `${entry.module_address}.${local}` : local;
}

/** The review's own finding fields, from the shared finding runPack made. */
function ruleFinding(finding: Finding, address: string): RuleFinding {
  return {
    rule: finding.rule,
    level: finding.level,
    address: finding.address ?? address,
    message: finding.message,
    result: finding.unknown ? 'unknown' : 'non-compliant',
  };
}

/** The review's findings of the rule pack about one subject. */
function judge(subject: RuleSubject): RuleFinding[] {
  const { findings } = runPack(planReviewPack, [subject], undefined, { engine: 'plan-review', locate: (s) => ({ address: s.address }) });
  return findings.map((f) => ruleFinding(f, subject.address));
}

/** How a drift entry's change is explained. */
const DRIFT_WORDS: Partial<Record<PlanChange['kind'], string>> = {
  delete: 'deleted outside Terraform',
  update: 'changed outside Terraform',
};

/** Summarizes a `resource_changes` entry (rules run) or a `resource_drift` entry (what changed outside Terraform). */
export function summarizeEntry(entry: RawResourceChange, source: 'change' | 'drift'): SummarizedEntry {
  const actions = entry.change?.actions ?? [];
  const kind = actionKind(actions);
  const address = entryAddress(entry) + (entry.deposed ? ` (deposed ${entry.deposed})` : '');
  const type = entry.type ?? address.split('.').slice(-2)[0] ?? 'unknown';
  const rawReplacePaths = entry.change?.replace_paths ?? [];
  // Secrets by name as well as by marking: every reader below sees them as sensitive.
  const marked = withSecretMarks(entry.change, type);
  const subject: RuleSubject = {
    block: 'resource',
    address,
    type,
    kind,
    actions,
    replacePaths: rawReplacePaths,
    actionReason: entry.action_reason,
    change: marked,
  };
  // Drift entries are what changed outside Terraform: listed, never judged.
  const findings = source === 'change' ? judge(subject) : [];
  const listed = !((kind === 'noop' || kind === 'read') && !entry.previous_address);
  if (!listed) return { kind, findings };
  const explanation = source === 'drift' ? DRIFT_WORDS[kind] : explainChange(kind, type, rawReplacePaths, entry.action_reason);
  const change: PlanChange = {
    address,
    ...(entry.previous_address ? { previousAddress: entry.previous_address } : {}),
    type,
    actions,
    kind,
    replacePaths: rawReplacePaths.map((p) => formatPath(p)),
    ...(entry.action_reason ? { actionReason: entry.action_reason } : {}),
    ...(explanation ? { explanation } : {}),
    changedPaths: kind === 'update' || kind === 'replace' ? changedPaths(marked) : [],
  };
  return { kind, change, findings };
}

/**
 * An output of `output_changes` that changes, judged by the same pack (`output-removed` applies; resource rules
 * do not): the rules see its name and actions only, never its value.
 */
export function summarizeOutput(output: { readonly name: string; readonly actions: readonly string[] }): {
  readonly change: OutputChange;
  readonly findings: readonly RuleFinding[];
} {
  const kind = actionKind(output.actions);
  const address = `output.${output.name}`;
  const subject: RuleSubject = {
    block: 'output',
    address,
    type: 'output',
    kind,
    actions: output.actions,
    replacePaths: [],
    change: undefined,
  };
  return { change: { name: output.name, actions: output.actions, kind }, findings: judge(subject) };
}

export function emptySummary(): ActionSummary {
  return { create: 0, update: 0, replace: 0, delete: 0, read: 0, noop: 0, other: 0 };
}

/** Adds one entry's kind to the counts. */
export function count(summary: ActionSummary, kind: PlanChange['kind']): void {
  if (kind === 'forget' || kind === 'unrecognized') summary.other++;
  else summary[kind]++;
}
