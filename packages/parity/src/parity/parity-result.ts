/** What the parity engine returns: per parity group, every difference and why each allowed one is allowed. */
import type { JsonValue } from './environment-model';

/** `invariant`: must be equal in every environment; `topology`: must be equal within a parity group. */
export type DifferenceKind = 'invariant' | 'topology';

/** The check's rule ids, as its waivers name them: the kinds of difference. */
export const CHECK_RULE_IDS: readonly DifferenceKind[] = ['invariant', 'topology'];

/** A value as reported: the JSON value, or `{ unknown: reason }` for a value that could not be resolved. */
export type ReportedValue = JsonValue | { unknown: string };

export interface Difference {
  /** Resource address with environment names normalized out (`aws_db_instance.db`, `module.{env}_db`). */
  readonly address: string;
  /** Attribute path inside the resource (`engine_version`, `cluster_config.instance_type`). */
  readonly path: string;
  /** The value per environment that has the resource; an environment that has the resource but not the attribute is in `absentIn`. */
  readonly values: Readonly<Record<string, ReportedValue>>;
  /** Environments that have the resource but do not set this attribute. */
  readonly absentIn: readonly string[];
  /** Environments where the value could not be resolved statically (HCL); never counted as equal. */
  readonly unknownIn: readonly string[];
  /** Which rule the difference breaks. */
  readonly kind: DifferenceKind;
}

export interface OnlyIn {
  /** Resource address with environment names normalized out. */
  readonly address: string;
  /** The environments that have the resource (the others of the group do not). */
  readonly environments: readonly string[];
  /** Which rule its absence breaks. */
  readonly kind: DifferenceKind;
}

/** Why an allowed difference is allowed: the policy pattern and the knob it comes from. */
export interface AllowedBy {
  /** `scale-knob`: free everywhere; `topology`: free between parity groups. */
  readonly kind: 'scale-knob' | 'topology';
  /** The policy pattern that matched (`aws_db_instance.*.instance_class`). */
  readonly pattern: string;
  /** The knob or reason, e.g. `` `scale.database.instanceClass` ``. */
  readonly why: string;
}

export interface AllowedDifference {
  /** Resource address with environment names normalized out. */
  readonly address: string;
  /** Attribute path; absent when the resource's presence differs. */
  readonly path?: string;
  /** The value per environment (attribute differences), absent for presence differences. */
  readonly values?: Readonly<Record<string, ReportedValue>>;
  /** For presence differences: the environments that have the resource. */
  readonly environments?: readonly string[];
  /** The pattern that allows it. */
  readonly allowedBy: AllowedBy;
}

export interface GroupResult {
  /** The parity group name; `(all environments)` for invariants compared across groups. */
  readonly name: string;
  /** Its environments, in order. */
  readonly environments: readonly string[];
  /** Differences the policy does not allow. */
  readonly differences: readonly Difference[];
  /** Resources present in only some of the group's environments, not allowed by the policy. */
  readonly onlyIn: readonly OnlyIn[];
  /** Differences the policy allows, each with the pattern that allows it. */
  readonly allowed: readonly AllowedDifference[];
}

export interface ParityResult {
  /** One entry per parity group, then `(all environments)` when there are several groups. */
  readonly groups: readonly GroupResult[];
}

/** The name of the cross-group comparison of invariants. */
export const ALL_ENVIRONMENTS = '(all environments)';
