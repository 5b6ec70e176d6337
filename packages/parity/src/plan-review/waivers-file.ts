/**
 * Reads `--waivers FILE` of plan review: the shared waivers format (src/shared/waivers/waiver-file.ts),
 * YAML or JSON, a list of waivers or `{ waivers: [...] }`.
 */
import { readWaiversFile as readSharedWaiversFile } from '../shared/waivers/waiver-file';
import type { Waiver } from '../shared/waivers/waiver';

export function readWaiversFile(file: string): Waiver[] {
  return readSharedWaiversFile(file, '--waivers');
}
