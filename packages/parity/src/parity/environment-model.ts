/**
 * The flat, normalized model of one environment's Terraform configuration: resource address →
 * attribute path → value. Both a cdktf stack (`cdk.tf.json`) and a parsed HCL directory are loaded
 * into it, so one comparator serves both.
 */

/** A JSON value as Terraform JSON holds it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A value that could not be known statically (an HCL variable with no value, a cycle...). Never equal to anything. */
export class UnknownValue {
  constructor(
    /** Why it is unknown, e.g. `var.db_password has no default and no *.tfvars value`. */
    readonly reason: string,
  ) {}

  toJSON(): { unknown: string } {
    return { unknown: this.reason };
  }
}

/**
 * A leaf of the flat model: a scalar, a list of scalars (kept whole, `subnet_ids`), an empty list
 * or map, or an unknown value.
 */
export type LeafValue = null | boolean | number | string | readonly LeafValue[] | Readonly<Record<string, never>> | UnknownValue;

/**
 * Attribute path → value of one resource (or provider, backend, output, module call). Paths are
 * printed by src/shared/attribute-path.ts: `ingress[0].cidr_blocks`, `tags["k8s.io/role"]`.
 */
export type AttributeMap = Map<string, LeafValue>;

export interface EnvironmentModel {
  /** The environment name (`staging`). */
  readonly environment: string;
  /** Where it was read from (a `cdk.tf.json` file or an HCL directory), for messages. */
  readonly source: string;
  /**
   * Normalized address (`aws_db_instance.db`, `data.aws_ami.base`, `provider.aws`,
   * `terraform.backend.s3`, `module.{env}_db`, `output.endpoint`) → attribute path → value.
   */
  readonly resources: Map<string, AttributeMap>;
}

/** True when two leaves are the same value. Unknown values are never the same as anything. */
export function sameLeaf(a: LeafValue | undefined, b: LeafValue | undefined): boolean {
  if (a === b) return !(a instanceof UnknownValue);
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (a instanceof UnknownValue || b instanceof UnknownValue) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Converts a leaf to what reports and `--format json` show. */
export function leafToJson(value: LeafValue | undefined): JsonValue | { unknown: string } | undefined {
  if (value instanceof UnknownValue) return value.toJSON();
  return value as JsonValue | undefined;
}
