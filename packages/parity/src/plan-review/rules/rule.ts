/**
 * The shape of a plan review rule: a pure function of one resource change that says compliant,
 * non-compliant, not applicable, or unknown (a value it needs is sensitive or known only after
 * apply: never a pass). The rule's id is its file name; its level and explanation live in the pack.
 */
import { attribute, type AttributeValue, type PathStep } from '../attribute-values';
import type { ActionKind } from '../action-reasons';
import type { RawChange } from '../../shared/plan/plan-json';

/** What a rule is given: the change as Terraform plans it. */
export interface RuleSubject {
  /** The resource address, e.g. `module.db.aws_db_instance.this`. */
  readonly address: string;
  /** The resource type, e.g. `aws_db_instance`. */
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

/** What a rule decides. */
export type RuleResult =
  | { readonly status: 'compliant' }
  | { readonly status: 'not-applicable' }
  | { readonly status: 'non-compliant'; readonly message: string }
  | { readonly status: 'unknown'; readonly message: string };

/** A rule: pure, no I/O. */
export type PlanRule = (subject: RuleSubject) => RuleResult;

export const compliant: RuleResult = { status: 'compliant' };
export const notApplicable: RuleResult = { status: 'not-applicable' };
export const nonCompliant = (message: string): RuleResult => ({ status: 'non-compliant', message });
export const unknown = (message: string): RuleResult => ({ status: 'unknown', message });

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
