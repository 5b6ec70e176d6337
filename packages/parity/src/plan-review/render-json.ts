/** `--format json`: the review data as is, `schemaVersion` first. */
import type { PlanReview } from './review-model';

export function renderJson(review: PlanReview): string {
  return JSON.stringify(review, null, 2);
}
