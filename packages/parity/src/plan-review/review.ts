/**
 * `parity plan review` as a function: reads each environment's plan JSON, summarizes and judges
 * every change, applies waivers, and compares environments of one parity group. Returns data only;
 * the environments and their groups come in `PlanReviewOptions.environments`, never from a config.
 */
import type { ParityGroup } from '../parity/policy/parity-policy';
import { badInput } from '../shared/exit-error';
import { environmentNameNormalizer } from '../shared/environment-names';
import type { Waiver } from '../shared/waivers/waiver';
import { applyWaivers, describeWaiver } from '../shared/waivers/apply-waivers';
import { asymmetricChanges } from './asymmetry';
import { incompleteCause, incompletePlanError, readPlanFile } from '../shared/plan/read-plan';
import type { EnvironmentReview, Finding, PlanChange, PlanReview } from './review-model';
import { count, emptySummary, summarizeEntry, summarizeOutput, type RuleFinding } from './summarize-change';
import { readWaiversFile } from './waivers-file';
import { waiversFor } from '../shared/waivers/waiver-routing';
import { WAIVER_RULE_IDS } from '../waiver-rule-ids';

/** Which environments a review knows and which of them are held to each other. */
export interface ReviewEnvironments {
  /**
   * Parity groups: plans of environments in one group are compared for asymmetric changes. A plan
   * of an environment in no group is reviewed on its own.
   * @default one group holding every plan given
   */
  readonly groups?: readonly ParityGroup[];
  /**
   * When set, every plan must be named after one of these environments (a project that declares
   * its environments); `from` names where they are declared, for the message.
   * @default any name
   */
  readonly declared?: { readonly names: readonly string[]; readonly from: string };
}

export interface PlanReviewOptions {
  /** One plan JSON file per environment, in display order. */
  readonly plans: readonly { readonly environment: string; readonly file: string }[];
  /** A waiver that matches no finding blocks (`--strict`); otherwise it is a warning. */
  readonly strict?: boolean;
  /** A waivers file (YAML or JSON). */
  readonly waiversFile?: string;
  /** Waivers given otherwise (a policy file's), checked like the file's. */
  readonly waivers?: readonly Waiver[];
  /** Today, for waiver expiry; defaults to now. */
  readonly now?: Date;
  /** The environments and their parity groups. */
  readonly environments?: ReviewEnvironments;
  /**
   * Review plans Terraform marked `complete: false` (`-target`, deferred changes) instead of refusing them (exit 2):
   * each one is then a `plan-incomplete` finding (warn) and is not compared with its group (`--allow-incomplete`).
   * @default false
   */
  readonly allowIncomplete?: boolean;
}

const INCOMPLETE_FIX =
  'Plan again without `-target` and pass the new `terraform show -json PLANFILE` output, or pass `--allow-incomplete` ' +
  'to review only what this plan shows (deferred changes are planned after it is applied).';

/** One environment's plan, reviewed, and what the rules found in it (before the environment and waivers are attached). */
function reviewEnvironment(file: string, allowIncomplete: boolean): { review: EnvironmentReview; findings: RuleFinding[] } {
  const summary = emptySummary();
  const envFindings: RuleFinding[] = [];
  const plan = readPlanFile(
    file,
    (entry, kind) => {
      const summarized = summarizeEntry(entry, kind);
      if (kind === 'change') count(summary, summarized.kind);
      envFindings.push(...summarized.findings);
      return summarized.change;
    },
    { incomplete: 'report' },
  );
  if (!plan.complete && !allowIncomplete) throw incompletePlanError(file, plan.deferredChanges, INCOMPLETE_FIX);
  const outputs = plan.outputChanges.map(summarizeOutput);
  for (const output of outputs) envFindings.push(...output.findings);
  if (!plan.complete)
    envFindings.unshift({
      rule: 'plan-incomplete',
      level: 'warn',
      address: '*',
      message:
        `the plan is incomplete (Terraform marked it \`complete: false\`: ${incompleteCause(plan.deferredChanges)}): ` +
        'reviewed only because of `--allow-incomplete`, and not compared with the other environments of its group.',
      result: 'unknown',
    });
  const present = (c: PlanChange | undefined): c is PlanChange => c !== undefined;
  const review: EnvironmentReview = {
    formatVersion: plan.formatVersion,
    ...(plan.terraformVersion ? { terraformVersion: plan.terraformVersion } : {}),
    summary,
    changes: plan.changes.filter(present),
    drift: plan.drift.filter(present),
    outputs: outputs.map((o) => o.change),
    complete: plan.complete,
  };
  return { review, findings: envFindings };
}

/** What the waivers themselves say: an expired one blocks (it waives nothing), an unused one warns (blocks with `strict`). */
function waiverFindings(expired: readonly Waiver[], unused: readonly Waiver[], strict: boolean): Finding[] {
  const expiredFindings = expired.map((w) => ({
    rule: 'waiver-expired',
    level: 'block' as const,
    environment: w.environment ?? '*',
    address: w.address ?? '*',
    message:
      `the waiver for ${w.address ?? `every address`}${w.rule ? ` (${w.rule})` : ''} owned by ` +
      `${w.owner} expired on ${w.expires}: renew it with a new date or remove it.`,
    result: 'non-compliant' as const,
  }));
  const unusedFindings = unused.map((w) => ({
    rule: 'waiver-unused',
    level: strict ? ('block' as const) : ('warn' as const),
    environment: w.environment ?? '*',
    address: w.address ?? '*',
    message:
      `the waiver for ${describeWaiver(w)} owned by ${w.owner} matches no finding: remove it` +
      `${strict ? ' (fails with --strict)' : ''}.`,
    result: 'non-compliant' as const,
  }));
  return [...expiredFindings, ...unusedFindings];
}

export async function reviewPlans(options: PlanReviewOptions): Promise<PlanReview> {
  const declared = options.environments?.declared;
  const given = options.plans.map((p) => p.environment);
  if (options.plans.length === 0)
    throw badInput(
      'at least one `--plan NAME=FILE`',
      'none',
      `Run \`npx parity plan review --plan ${declared?.names[0] ?? 'staging'}=plan.json\`.`,
    );
  if (declared) {
    for (const environment of given) {
      if (!declared.names.includes(environment))
        throw badInput(
          `an environment from ${declared.from} (${declared.names.join(', ')})`,
          `\`${environment}\` in \`--plan ${environment}=...\``,
          'Name the plan after its environment, e.g. `--plan staging=staging.json`.',
        );
    }
  }
  const groups = options.environments?.groups ?? [{ name: 'default', environments: given }];
  const now = options.now ?? new Date();
  // A policy file's waivers serve `check` too: only those addressed to plan review are applied (and can be unused).
  const waivers = [
    ...(options.waiversFile ? readWaiversFile(options.waiversFile) : []),
    ...waiversFor('plan-review', options.waivers ?? [], WAIVER_RULE_IDS),
  ];
  const normalize = environmentNameNormalizer(declared?.names ?? given);

  const environments: Record<string, EnvironmentReview> = {};
  const ruleFindings: Finding[] = [];
  for (const { environment, file } of options.plans) {
    const { review, findings: found } = reviewEnvironment(file, options.allowIncomplete === true);
    environments[environment] = review;
    ruleFindings.push(...found.map((finding) => ({ ...finding, environment })));
  }
  // Waivers name addresses with `{env}` for the environment: matched against the normalized address.
  const outcome = applyWaivers(ruleFindings, waivers, { now, strict: options.strict, addressOf: (f) => normalize(f.address) });
  const waiverOf = new Map(outcome.waived.map((w) => [w.finding, w.waiver]));
  const findings: Finding[] = ruleFindings.map((f) => {
    const waiver = waiverOf.get(f);
    return waiver ? { ...f, waivedBy: { reason: waiver.reason, owner: waiver.owner, expires: waiver.expires } } : f;
  });
  findings.push(...waiverFindings(outcome.expiredWaivers, outcome.unusedWaivers, options.strict === true));

  const groupOf = new Map(groups.flatMap((g) => g.environments.map((env) => [env, g.name] as const)));
  const asymmetric = asymmetricChanges(
    // An environment in no group is its own group: compared with nothing. An incomplete plan lacks what it left
    // for later, so comparing it would list every change of its siblings: it is compared with nothing either.
    options.plans
      .filter(({ environment }) => environments[environment]!.complete)
      .map(({ environment }) => ({
        name: environment,
        parityGroup: groupOf.get(environment) ?? `(${environment})`,
        changes: environments[environment]!.changes,
        outputs: environments[environment]!.outputs,
      })),
    normalize,
  );
  // Reports name the option as the waived findings' source (goldens hold no paths); each waiver also keeps its file.
  const waiverOutcome = options.waiversFile
    ? { source: '--waivers', expired: outcome.expiredWaivers, unused: outcome.unusedWaivers }
    : undefined;
  return { schemaVersion: 1, environments, findings, asymmetric, ...(waiverOutcome ? { waiverOutcome } : {}) };
}
