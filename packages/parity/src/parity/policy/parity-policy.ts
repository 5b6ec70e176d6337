/**
 * The parity policy this project's config implies: which differences between environments are
 * allowed. Everything the synthesized Terraform JSON holds is an invariant (equal across every
 * environment) unless a pattern here names it:
 *
 * - `scaleKnobs`: may differ between any two environments (instance sizes, storage, thresholds...).
 * - `topology`: must be equal within a parity group, may differ between groups (Multi-AZ, shards...).
 *
 * A pattern is `<block>.<name>` for a whole resource (its presence may differ) or
 * `<block>.<name>.<attribute path>` for an attribute, where `<block>` is a resource type
 * (`aws_db_instance`), `provider.aws` or `terraform.backend.s3`; `*` matches one segment and `**`
 * any number of segments. Attribute paths are dotted, with list indexes as numbers
 * (`cluster_config.0.instance_type` is written `cluster_config.*.instance_type`).
 *
 * This project's own patterns are not written here by hand: each construct declares its knobs
 * (constructs/knobs.ts) and stacks/parity-policy.ts derives `projectParityPolicy` from them.
 */
export interface AttributePattern {
  /** The pattern, e.g. `aws_db_instance.*.instance_class`. */
  readonly pattern: string;
  /** Which config knob it comes from, shown in reports next to every allowed difference. */
  readonly why: string;
}

export interface ParityPolicy {
  /** The parity groups and their environments, from config/environments.ts. */
  readonly groups: readonly { readonly name: string; readonly environments: readonly string[] }[];
  /** Differences allowed between any environments. */
  readonly scaleKnobs: readonly AttributePattern[];
  /** Differences allowed between parity groups only. */
  readonly topology: readonly AttributePattern[];
}
