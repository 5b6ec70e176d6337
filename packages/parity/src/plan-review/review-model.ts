/** The data a plan review returns, before any rendering. `--format json` prints it as is. */
import type { ActionKind } from './action-reasons';
import type { ChangedPath } from './changed-paths';
import type { FindingLevel } from './rule-pack';

/** Counts of resource changes by action. `other` counts `forget` and actions Terraform does not write. */
export interface ActionSummary {
  create: number;
  update: number;
  replace: number;
  delete: number;
  read: number;
  noop: number;
  other: number;
}

/** One resource change (or drift entry), with secrets masked. */
export interface PlanChange {
  /** The resource address, e.g. `aws_db_instance.orders`. */
  readonly address: string;
  /** The address before a `moved` block, when there is one. */
  readonly previousAddress?: string;
  /** The resource type. */
  readonly type: string;
  /** `actions` as written in the plan. */
  readonly actions: readonly string[];
  /** The action kind: create, update, replace, delete, read, noop, forget, unrecognized. */
  readonly kind: ActionKind;
  /** The paths that force replacement (`replace_paths`), written as `a.b[0]`. */
  readonly replacePaths: readonly string[];
  /** `action_reason` as written in the plan. */
  readonly actionReason?: string;
  /** Why, in plain words: `engine changed: this replaces the database (...)`. */
  readonly explanation?: string;
  /** For updates and replacements: every changed attribute with masked before and after values. */
  readonly changedPaths: readonly ChangedPath[];
}

/**
 * One output of `output_changes` that the plan changes. Names and actions only: an output's value is never kept
 * (Terraform writes even a sensitive output's value in clear; `before_sensitive` and `after_sensitive` stay unread).
 */
export interface OutputChange {
  /** The output's name, as in `output "endpoint"` (other stacks read it as `outputs.endpoint` of remote state). */
  readonly name: string;
  /** `actions` as written in the plan. */
  readonly actions: readonly string[];
  /** The action kind: create, update, delete, or unrecognized (outputs are never replaced or read). */
  readonly kind: ActionKind;
}

/** What one rule found about one change. */
export interface Finding {
  /** The rule id (its file name in src/plan-review/rules/). */
  readonly rule: string;
  readonly level: FindingLevel;
  readonly environment: string;
  readonly address: string;
  readonly message: string;
  /** `non-compliant`, or `unknown` when a value the rule needs is sensitive or known only after apply. */
  readonly result: 'non-compliant' | 'unknown';
  /** The waiver that accepts this finding, if any: it then does not block. */
  readonly waivedBy?: { readonly reason: string; readonly owner: string; readonly expires: string };
  /** Why the rule exists (its `meta.why`), when the rule loop fills it; else the envelope takes the pack's. */
  readonly why?: string;
  /** Where the rule is documented (its `meta.docsUrl`). */
  readonly docsUrl?: string;
}

/** A change that some environments of a parity group plan and others do not. */
export interface AsymmetricChange {
  /** The change with environment names normalized out: `aws_db_instance.orders-{env}: update engine_version`. */
  readonly change: string;
  /** The environments whose plan has it. */
  readonly environments: readonly string[];
  /** The environments of the same parity group whose plan does not. */
  readonly missingFrom: readonly string[];
  /** The parity group compared. */
  readonly parityGroup: string;
}

/** The review of one environment's plan. */
export interface EnvironmentReview {
  readonly formatVersion: string;
  readonly terraformVersion?: string;
  readonly summary: ActionSummary;
  /** Every change except no-ops and data reads (moves are kept). */
  readonly changes: readonly PlanChange[];
  /** `resource_drift`: changes made outside Terraform since the last apply. */
  readonly drift: readonly PlanChange[];
  /** The outputs the plan creates, updates or deletes (`output_changes` without the no-ops), in file order. */
  readonly outputs: readonly OutputChange[];
  /**
   * False for a plan Terraform marked `complete: false` (`-target`, deferred changes), reviewed only because
   * `--allow-incomplete` was given: what it leaves for a later plan is not in this review.
   */
  readonly complete: boolean;
}

export interface PlanReview {
  readonly schemaVersion: 1;
  /** By environment name, in the order the plans were given. */
  readonly environments: Record<string, EnvironmentReview>;
  readonly findings: readonly Finding[];
  readonly asymmetric: readonly AsymmetricChange[];
  /**
   * The waivers that expired or matched nothing, with the file they came from, when the review keeps them: the
   * envelope reports them (`expiredWaivers`, `unusedWaivers`). Not part of the JSON's schemaVersion 1 fields.
   */
  readonly waiverOutcome?: {
    readonly source: string;
    readonly expired: readonly WaiverLike[];
    readonly unused: readonly WaiverLike[];
  };
}

/** A waiver of the waiver file, as the review keeps it. */
export interface WaiverLike {
  /** Absent when the waiver names only a rule (src/shared/waivers/). */
  readonly address?: string;
  readonly path?: string;
  readonly rule?: string;
  readonly environment?: string;
  readonly reason: string;
  readonly owner: string;
  readonly expires: string;
  /** The file it was read from. */
  readonly source?: string;
}

/** True when some finding blocks and no waiver accepts it. */
export function hasBlockingFinding(review: PlanReview): boolean {
  return review.findings.some((f) => f.level === 'block' && !f.waivedBy);
}
