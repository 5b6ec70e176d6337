/** Turns one raw plan entry into a PlanChange (masked) and runs the rule pack over it. */
import { actionKind, explainChange } from './action-reasons';
import { changedPaths, formatPath } from './changed-paths';
import type { RawResourceChange } from '../shared/plan/plan-json';
import type { ActionSummary, PlanChange } from './review-model';
import { planReviewPack, type FindingLevel } from './rule-pack';
import type { RuleSubject } from './rules/rule';
import { withSecretMarks } from '../shared/plan/secret-names';

/** A finding before the environment and waivers are attached. */
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

/** Summarizes a `resource_changes` entry (rules run) or a `resource_drift` entry (what changed outside Terraform). */
const DRIFT_WORDS: Partial<Record<PlanChange['kind'], string>> = { delete: 'deleted outside Terraform', update: 'changed outside Terraform' };

export function summarizeEntry(entry: RawResourceChange, source: 'change' | 'drift'): SummarizedEntry {
  const actions = entry.change?.actions ?? [];
  const kind = actionKind(actions);
  const address = entryAddress(entry) + (entry.deposed ? ` (deposed ${entry.deposed})` : '');
  const type = entry.type ?? address.split('.').slice(-2)[0] ?? 'unknown';
  const rawReplacePaths = entry.change?.replace_paths ?? [];
  // Secrets by name as well as by marking: every reader below sees them as sensitive.
  const marked = withSecretMarks(entry.change, type);
  const subject: RuleSubject = { address, type, kind, actions, replacePaths: rawReplacePaths, actionReason: entry.action_reason, change: marked };
  const findings: RuleFinding[] = [];
  if (source === 'change') {
    for (const packed of planReviewPack) {
      const result = packed.rule(subject);
      if (result.status === 'non-compliant' || result.status === 'unknown') {
        findings.push({ rule: packed.id, level: packed.level, address, message: result.message, result: result.status });
      }
    }
  }
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

export function emptySummary(): ActionSummary {
  return { create: 0, update: 0, replace: 0, delete: 0, read: 0, noop: 0, other: 0 };
}

/** Adds one entry's kind to the counts. */
export function count(summary: ActionSummary, kind: PlanChange['kind']): void {
  if (kind === 'forget' || kind === 'unrecognized') summary.other++;
  else summary[kind]++;
}
