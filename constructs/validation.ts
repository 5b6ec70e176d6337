/**
 * Construct validation as a table of rules: every rule runs, every failure is reported at once,
 * prop names in backticks. Hooked through `node.addValidation`, so `cdktf synth` (and `app.synth()`)
 * refuses to write a stack whose props break a rule.
 */
import type { Construct } from 'constructs';

export interface PropRule<P> {
  /** The prop the rule is about, as written in the props interface. */
  readonly prop: string;
  /** Returns a message (without the prop name) when the rule is broken, `undefined` when it holds. */
  readonly check: (props: P) => string | undefined;
}

/** Runs every rule against the props; returns one message per broken rule. */
export function runPropRules<P>(rules: readonly PropRule<P>[], props: P): string[] {
  return rules.flatMap((rule) => {
    const failure = rule.check(props);
    return failure ? [`\`${rule.prop}\` ${failure}`] : [];
  });
}

/** Adds the rules to the construct's validations. */
export function addPropValidation<P>(scope: Construct, rules: readonly PropRule<P>[], props: P): void {
  scope.node.addValidation({ validate: () => runPropRules(rules, props) });
}
