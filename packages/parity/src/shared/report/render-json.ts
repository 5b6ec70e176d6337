/**
 * `--format json` of every engine: the envelope's fields first (`schemaVersion`, `tool`, `engine`, `status`,
 * `findings`, `waived`, `unusedWaivers`, `expiredWaivers`), then the engine's own report fields, kept for one
 * version beside the envelope (each schema under schemas/ names the deprecated ones). An engine field whose
 * name the envelope now uses is passed renamed by the engine's adapter, never silently overwritten.
 */
import type { ReportEnvelope } from '../findings/finding';

export function renderEnvelopeJson(envelope: ReportEnvelope, legacy: object = {}): string {
  const clash = Object.keys(legacy).filter((k) => Object.hasOwn(envelope, k) && k !== 'schemaVersion');
  if (clash.length > 0) throw new Error(`report fields ${clash.join(', ')} clash with the envelope: rename them in the engine's adapter`);
  const { schemaVersion: _old, ...rest } = legacy as Record<string, unknown>;
  return JSON.stringify({ ...envelope, ...rest }, null, 2);
}
