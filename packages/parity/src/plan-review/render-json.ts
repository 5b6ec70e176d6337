/**
 * `--format json`: the shared envelope (schemas/plan-review.schema.json), then the review's own fields. The
 * review's `findings` keep their fields (and the deprecated `result`) inside the envelope's `findings`; a
 * waived finding moved to `waived` (its `waivedBy` is now the waiver's owner, expiry and reason).
 */
import { renderEnvelopeJson } from '../shared/report/render-json';
import { toEnvelope } from './plan-review-envelope';
import type { PlanReview } from './review-model';

export function renderJson(review: PlanReview): string {
  const envelope = toEnvelope(review);
  const result = (unknown?: boolean) => (unknown ? 'unknown' : 'non-compliant');
  const { findings: _findings, ...legacy } = review;
  return renderEnvelopeJson(
    {
      ...envelope,
      findings: envelope.findings.map((f) => ({ ...f, result: result(f.unknown) })),
      waived: envelope.waived.map((w) => ({ ...w, finding: { ...w.finding, result: result(w.finding.unknown) } })),
    },
    legacy,
  );
}
