/**
 * The shared envelope's fields, in the order every `--format json` report starts with; the engine's own
 * fields follow them. Written out here, not read from the source, so a test of a report's keys asserts
 * the contract instead of echoing the code.
 */
export const ENVELOPE_FIELDS = [
  'schemaVersion',
  'tool',
  'engine',
  'status',
  'findings',
  'waived',
  'unusedWaivers',
  'expiredWaivers',
] as const;
