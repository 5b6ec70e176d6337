/**
 * Reads `--waivers FILE` of plan review: the shared waivers format (src/shared/waivers/waiver-file.ts),
 * YAML or JSON, a list of waivers or `{ waivers: [...] }`. Only plan review reads it: its rules only.
 */
import { readWaiversFile as readSharedWaiversFile } from '../shared/waivers/waiver-file';
import type { Waiver } from '../shared/waivers/waiver';
import { assertWaiverRules } from '../shared/waivers/waiver-routing';
import { WAIVER_RULE_IDS } from '../waiver-rule-ids';

export function readWaiversFile(file: string): Waiver[] {
  const waivers = readSharedWaiversFile(file, '--waivers');
  assertWaiverRules(waivers, WAIVER_RULE_IDS, file, ['plan-review']);
  return waivers;
}
