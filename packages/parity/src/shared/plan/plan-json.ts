/**
 * The parts of `terraform show -json PLANFILE` output that plan review reads (format_version 0.1
 * to 1.x). See https://developer.hashicorp.com/terraform/internals/json-format.
 */

/** A value in a plan: whatever JSON the provider's schema gives. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Mirrors a value's shape: `true` where the value (or the whole subtree) is sensitive, or, for
 * `after_unknown`, known only after apply.
 */
export type ValueMarks = boolean | ValueMarks[] | { [key: string]: ValueMarks } | null | undefined;

/** The `change` object of a resource change or drift entry. */
export interface RawChange {
  /** `["create"]`, `["delete","create"]`, `["update"]`, `["no-op"]`, `["read"]`, `["forget"]`... */
  readonly actions?: string[];
  readonly before?: JsonValue;
  readonly after?: JsonValue;
  readonly after_unknown?: ValueMarks;
  readonly before_sensitive?: ValueMarks;
  readonly after_sensitive?: ValueMarks;
  /** Attribute paths (keys and indices) that force replacement. */
  readonly replace_paths?: (string | number)[][];
}

/** One entry of `resource_changes` or `resource_drift`. */
export interface RawResourceChange {
  /** Absent in drift entries written by Terraform 1.0.0. */
  readonly address?: string;
  readonly previous_address?: string;
  readonly module_address?: string;
  readonly mode?: 'managed' | 'data';
  readonly type?: string;
  readonly name?: string;
  readonly index?: string | number;
  readonly deposed?: string;
  readonly change?: RawChange;
  /** Why Terraform chose this action: `replace_because_cannot_update`, `delete_because_no_resource_config`... */
  readonly action_reason?: string;
}

/** The actions Terraform emits, alone or as a replacement pair. */
export const KNOWN_ACTIONS = ['no-op', 'create', 'read', 'update', 'delete', 'forget'] as const;
