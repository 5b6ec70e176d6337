/**
 * The one shape of a rule, for every engine (plan review, the migration gate, drift, the parity check and
 * the configuration's own validations), modelled on ESLint's rule modules: the rule's `meta` sits beside
 * its `check`, its id is its file name (tested per engine), and a pack only says which rules run at which
 * level. A check is pure: it reads its subject and context and says pass, fail, not applicable or
 * unknown; it never does I/O and never decides how much a failure matters.
 */

/** How much a finding matters. `block` fails the command (exit 1) unless waived; `off` does not run the rule. */
export type RuleLevel = 'block' | 'warn' | 'info' | 'off';

/** The level of a reported finding: a rule that is `off` reports nothing. */
export type FindingLevel = Exclude<RuleLevel, 'off'>;

export interface RuleMeta {
  /** The rule's id: its file name without `.ts`, kebab-case (`stateful-resource-replaced`). */
  readonly id: string;
  /** What the rule checks, in one sentence (shown in the rule tables of the docs). */
  readonly description: string;
  /** Why the rule exists: the harm it prevents (shown with every finding, collapsed in markdown and html). */
  readonly why: string;
  /** Where the rule is documented: a path in this repository (`docs/plan-review.md#rules`) or a URL. */
  readonly docsUrl?: string;
  /** The level a pack gives it when it does not choose one. */
  readonly defaultLevel: FindingLevel;
}

/** Where in its subject a failure is, when the subject has more than one place. */
export interface FailureLocation {
  /** A resource or object address (`aws_db_instance.main`, `public.orders`). */
  readonly address?: string;
  /** An attribute path in Terraform's notation (`ingress[0].cidr_blocks`). */
  readonly path?: string;
  /** The environment it concerns. */
  readonly environment?: string;
  /** What was expected, as text. */
  readonly expected?: string;
  /** What was found, as text (never a secret: masked before it reaches a rule). */
  readonly found?: string;
}

/** A failure's message and, optionally, where it is and how to fix it. */
export interface RuleFailure extends FailureLocation {
  readonly message: string;
  /** What to do, when the rule says it apart from the message (the configuration's problems do). */
  readonly fix?: string;
}

/**
 * What a check decides. `unknown` means the rule could not tell (a value is sensitive, known only after
 * apply, or its evidence is missing): it is reported at the rule's level like a failure, never as a pass.
 *
 * A `pass` may carry `warnings`: the rule holds, but a range it measured straddles its limit (the gate's
 * budgets). They are reported at `warn`, or at the pack's level when that is lower, so a verdict never
 * flips on a coin toss at a threshold. An `unknown` that could not decide in several places lists each in
 * `unknowns` (one finding each); `reason` is then the first one's message.
 */
export type RuleResult =
  | { readonly status: 'pass'; readonly warnings?: readonly RuleFailure[] }
  | { readonly status: 'not-applicable' }
  | { readonly status: 'fail'; readonly failures: readonly RuleFailure[] }
  | { readonly status: 'unknown'; readonly reason: string; readonly unknowns?: readonly RuleFailure[] };

/** A rule module: `meta` beside a pure `check`. A rule without context (`void`) is called as `check(subject)`. */
export interface RuleModule<Subject, Context = void> {
  readonly meta: RuleMeta;
  check(subject: Subject, context: Context): RuleResult;
}

export const pass: RuleResult = { status: 'pass' };
export const notApplicable: RuleResult = { status: 'not-applicable' };

const asFailure = (f: RuleFailure | string): RuleFailure => (typeof f === 'string' ? { message: f } : f);

/** Could not decide: one reason, or one per place (each reported as its own finding). */
export function unknown(reason: RuleFailure | string, ...more: readonly (RuleFailure | string)[]): RuleResult {
  const list = [reason, ...more].map(asFailure);
  const located = list.length > 1 || Object.keys(list[0]!).length > 1;
  return located ? { status: 'unknown', reason: list[0]!.message, unknowns: list } : { status: 'unknown', reason: list[0]!.message };
}

/** A pass whose measured range straddles the rule's limit: reported as warnings, never as a failure. */
export function passWithWarnings(...warnings: readonly (RuleFailure | string)[]): RuleResult {
  return warnings.length === 0 ? pass : { status: 'pass', warnings: warnings.map(asFailure) };
}

/** A failure with one message per problem; no problems is a pass. */
export function failWith(...failures: readonly (RuleFailure | string)[]): RuleResult {
  const list = failures.map(asFailure);
  return list.length === 0 ? pass : { status: 'fail', failures: list };
}

/** `fail` with the problems when `applies`, `pass` when it applies with none, `not-applicable` otherwise. */
export function verdictOf(applies: boolean, problems: readonly (RuleFailure | string)[]): RuleResult {
  return applies ? failWith(...problems) : notApplicable;
}
