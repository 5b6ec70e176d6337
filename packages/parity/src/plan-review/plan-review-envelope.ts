/**
 * `plan review` as the shared report envelope: each rule finding with its rule's why (the pack's
 * module's `meta`, or the `why` the review's finding carries), waived findings with the waiver that accepted them. An
 * expired waiver is today a `waiver-expired` finding of the review (it blocks) and stays one; when the review
 * keeps its `waiverOutcome`, the expired and unused waivers are reported as the envelope's too.
 */
import type { Finding, ReportEnvelope, WaivedFinding } from '../shared/findings/finding';
import { buildEnvelope, statusOf, waiverReference } from '../shared/report/envelope';
import { planReviewPack } from './rule-pack';
import type { Finding as ReviewFinding, PlanReview } from './review-model';

/** Why findings that come from no rule of the pack exist. */
const ENGINE_WHY: Readonly<Record<string, string>> = {
  'waiver-expired':
    'An expired waiver waives nothing: what it accepted blocks again until the waiver is renewed with a new date or removed.',
  'waiver-unused':
    'A waiver that matches nothing accepts nothing today and would quietly accept a later finding it was never written for: ' +
    'remove it (with `--strict` it blocks).',
  'plan-incomplete':
    'Terraform marked the plan `complete: false` (`-target`, deferred changes): at least one more plan and apply will ' +
    'change what this review never saw. It is reviewed only because `--allow-incomplete` was given.',
};

const DOCS = 'docs/plan-review.md#what-it-reports';

/** The rule's why and docs, from its module's `meta` (or, for findings of no rule, the engine's). */
export function planRuleMeta(rule: string): { readonly why: string; readonly docsUrl: string } {
  const meta = planReviewPack.find((entry) => entry.rule.meta.id === rule)?.rule.meta;
  return { why: meta?.why ?? ENGINE_WHY[rule] ?? `Rule \`${rule}\` of the plan review pack.`, docsUrl: meta?.docsUrl ?? DOCS };
}

export function toFinding(f: ReviewFinding): Finding {
  return {
    engine: 'plan-review',
    rule: f.rule,
    level: f.level,
    environment: f.environment,
    address: f.address,
    message: f.message,
    why: f.why ?? planRuleMeta(f.rule).why,
    docsUrl: f.docsUrl ?? planRuleMeta(f.rule).docsUrl,
    ...(f.result === 'unknown' ? { unknown: true } : {}),
  };
}

export function toEnvelope(review: PlanReview): ReportEnvelope {
  const findings = review.findings.filter((f) => !f.waivedBy).map(toFinding);
  const waived: WaivedFinding[] = review.findings
    .filter((f) => f.waivedBy)
    .map((f) => ({
      finding: toFinding(f),
      waiver: {
        rule: f.rule,
        address: f.address,
        environment: f.environment,
        ...f.waivedBy!,
        source: review.waiverOutcome?.source ?? '--waivers',
      },
    }));
  const outcome = review.waiverOutcome;
  const expiredWaivers = (outcome?.expired ?? []).map((w) => waiverReference(w, outcome!.source));
  const unusedWaivers = (outcome?.unused ?? []).map((w) => waiverReference(w, outcome!.source));
  return buildEnvelope('plan-review', { findings, waived, expiredWaivers, unusedWaivers, status: statusOf(findings, expiredWaivers) });
}
