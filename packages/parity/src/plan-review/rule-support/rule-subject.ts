/**
 * What a plan review rule is given (one resource change as Terraform plans it) and the readers rules
 * share. The rule shape and its results are the shared ones (src/shared/rules/rule-module.ts): pass,
 * fail, not applicable, or unknown (a value it needs is sensitive or known only after apply: never a
 * pass). Each rule is one file in ../rules/ whose name is its id; the pack only sets levels.
 */
import { attribute, type AttributeValue, type PathStep } from '../attribute-values';
import type { ActionKind } from '../action-reasons';
import type { RawChange } from '../../shared/plan/plan-json';
import type { RuleModule } from '../../shared/rules/rule-module';

export { failWith, notApplicable, pass, unknown, type RuleResult } from '../../shared/rules/rule-module';

/** What a rule is given: the change as Terraform plans it, of a resource or of a root module output. */
export interface RuleSubject {
  /**
   * What changes: a `resource` (an entry of `resource_changes`) or an `output` (of `output_changes`, which has
   * no values for rules: `change` is absent and `type` is `output`, which no resource type is).
   */
  readonly block: 'resource' | 'output';
  /** The resource address, e.g. `module.db.aws_db_instance.this`; an output's is `output.NAME`. */
  readonly address: string;
  /** The resource type, e.g. `aws_db_instance`; `output` for an output. */
  readonly type: string;
  /** The action kind derived from `actions`. */
  readonly kind: ActionKind;
  /** `actions` as written in the plan. */
  readonly actions: readonly string[];
  /** `replace_paths` as written in the plan. */
  readonly replacePaths: readonly (string | number)[][];
  /** `action_reason` as written in the plan. */
  readonly actionReason?: string;
  /** The raw change, read only through `attribute`, which masks sensitive values. */
  readonly change: RawChange | undefined;
}

/** A plan review rule: `meta` beside a pure check of one resource change (no context). */
export type PlanRule = RuleModule<RuleSubject>;

/** Reads one attribute from the before or after side (masked: a sensitive value is never returned). */
export function read(subject: RuleSubject, side: 'before' | 'after', path: readonly PathStep[]): AttributeValue {
  return attribute(subject.change, side, path);
}

/** Why a value cannot be judged, in words: `is sensitive`, `is known only after apply`. */
export function whyUnknown(value: AttributeValue): string {
  return value.state === 'sensitive' ? 'is sensitive' : value.state === 'unknown' ? 'is known only after apply' : 'is missing';
}

/** True for the kinds whose after side is applied: create, update, replace. */
export function writesAfter(kind: ActionKind): boolean {
  return kind === 'create' || kind === 'update' || kind === 'replace';
}
