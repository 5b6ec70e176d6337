/**
 * The parity policy: which differences between environments are allowed. Everything the
 * synthesized Terraform JSON holds is an invariant (equal across every environment) unless a
 * pattern here names it:
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
 * A cdktf project may derive its policy from its own code (this repository's constructs declare
 * their knobs and its stacks/parity-policy.ts derives `projectParityPolicy` from them).
 */
export interface AttributePattern {
  /** The pattern, e.g. `aws_db_instance.*.instance_class`. */
  readonly pattern: string;
  /** Which config knob it comes from, shown in reports next to every allowed difference. */
  readonly why: string;
}

/** Environments that must match each other, except for their scale knobs. */
export interface ParityGroup {
  /** The group's name, e.g. `production`. */
  readonly name: string;
  /** Its environments, by the names the inputs give them. */
  readonly environments: readonly string[];
}

/**
 * What `parity check` holds environments to. The engine owns this contract; the CLI builds it from
 * a policy file (`--policy`), from the defaults, or from a cdktf project's own configuration.
 */
export interface ParityPolicy {
  /** The parity groups and their environments. */
  readonly groups: readonly ParityGroup[];
  /** Differences allowed between any environments. */
  readonly scaleKnobs: readonly AttributePattern[];
  /** Differences allowed between parity groups only. */
  readonly topology: readonly AttributePattern[];
}
