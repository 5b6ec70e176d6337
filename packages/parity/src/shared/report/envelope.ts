/**
 * Builds report envelopes: the one shape every engine's adapter (`<engine>-envelope.ts`) returns and every
 * shared renderer reads. Absent optional fields are dropped, so JSON output carries no `undefined` keys.
 */
import type { EngineId, Finding, ReportEnvelope, ReportStatus, WaivedFinding, WaiverReference } from '../findings/finding';
import { REPORT_SCHEMA_VERSION } from '../findings/finding';
import type { FindingLevel } from '../rules/rule-module';
import { toolIdentity } from '../version';
import type { AnyWaiver } from '../waivers/apply-waivers';

export interface EnvelopeParts {
  readonly findings: readonly Finding[];
  readonly waived?: readonly WaivedFinding[];
  readonly unusedWaivers?: readonly WaiverReference[];
  readonly expiredWaivers?: readonly WaiverReference[];
  /** The engine's own verdict; by default {@link statusOf} the findings and expired waivers. */
  readonly status?: ReportStatus;
}

export function buildEnvelope(engine: EngineId, parts: EnvelopeParts): ReportEnvelope {
  const findings = parts.findings.map(compact);
  const expiredWaivers = (parts.expiredWaivers ?? []).map(compact);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: toolIdentity(),
    engine,
    status: parts.status ?? statusOf(findings, expiredWaivers),
    findings,
    waived: (parts.waived ?? []).map((w) => ({ finding: compact(w.finding), waiver: compact(w.waiver) })),
    unusedWaivers: (parts.unusedWaivers ?? []).map(compact),
    expiredWaivers,
  };
}

/** `unknown` when a blocking rule could not decide, `fail` for a blocking finding or an expired waiver, else `pass`. */
export function statusOf(findings: readonly Finding[], expiredWaivers: readonly WaiverReference[] = []): ReportStatus {
  const blocking = findings.filter((f) => f.level === 'block');
  if (blocking.some((f) => !f.unknown) || expiredWaivers.length > 0) return 'fail';
  return blocking.length > 0 ? 'unknown' : 'pass';
}

/** A copy without the absent optional fields (a finding or waiver from an adapter may spread `undefined`s). */
function compact<T extends Finding | WaiverReference>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A waiver of the shared model (src/shared/waivers/) as reports show it; `source` when the waiver does not say where it was written. */
export function waiverReference(waiver: AnyWaiver, source: string): WaiverReference {
  return compact<WaiverReference>({
    rule: waiver.rule,
    address: waiver.address,
    path: waiver.path,
    environment: waiver.environment,
    reason: waiver.reason,
    owner: waiver.owner,
    expires: waiver.expires,
    source: waiver.source ?? source,
  });
}

export const LEVELS: readonly FindingLevel[] = ['block', 'warn', 'info'];

/** Counts of findings by level, for status lines. */
export function levelCounts(findings: readonly Finding[]): Record<FindingLevel, number> {
  const counts: Record<FindingLevel, number> = { block: 0, warn: 0, info: 0 };
  for (const f of findings) counts[f.level]++;
  return counts;
}

/**
 * Findings grouped as every renderer shows them: by level (blocking first), then by environment and address,
 * each in the order of first appearance (engines list findings in a meaningful order: keep it within a group).
 */
export interface FindingGroup {
  readonly level: FindingLevel;
  readonly places: readonly { readonly environment?: string; readonly address?: string; readonly findings: readonly Finding[] }[];
}

export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  return LEVELS.map((level) => {
    const places = new Map<string, { environment?: string; address?: string; findings: Finding[] }>();
    for (const f of findings.filter((x) => x.level === level)) {
      const key = `${f.environment ?? ''}\u0000${f.address ?? ''}`;
      if (!places.has(key)) places.set(key, { environment: f.environment, address: f.address, findings: [] });
      places.get(key)!.findings.push(f);
    }
    const order = new Map<string, number>();
    for (const p of places.values()) if (!order.has(p.environment ?? '')) order.set(p.environment ?? '', order.size);
    const sorted = [...places.values()].sort((a, b) => order.get(a.environment ?? '')! - order.get(b.environment ?? '')!);
    return { level, places: sorted };
  }).filter((g) => g.places.length > 0);
}

/** What a waiver covers, as one phrase: `aws_db_instance.main password (rule x, in prod)`. */
export function waiverTarget(waiver: WaiverReference): string {
  const scope = [waiver.rule ? `rule ${waiver.rule}` : '', waiver.environment ? `in ${waiver.environment}` : ''].filter(Boolean).join(', ');
  const where = [waiver.address, waiver.path].filter(Boolean).join(' ');
  return `${where || '(any address)'}${scope ? ` (${scope})` : ''}`;
}
