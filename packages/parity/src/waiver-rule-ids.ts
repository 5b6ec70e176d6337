/**
 * The rule ids each engine's waivers may name (src/shared/waivers/waiver-routing.ts), taken from the engines:
 * here, above them, so that neither the shared layer nor one engine imports another's rules.
 */
import { migrationRulePack } from './migrations/rule-pack';
import { CHECK_RULE_IDS } from './parity/parity-result';
import { planReviewPack } from './plan-review/rule-pack';
import type { WaiverRuleIds } from './shared/waivers/waiver-routing';

export const WAIVER_RULE_IDS: WaiverRuleIds = {
  engines: { check: CHECK_RULE_IDS, 'plan-review': planReviewPack.map((entry) => entry.rule.meta.id) },
  inlineOnly: migrationRulePack.map((entry) => entry.rule.meta.id),
};
