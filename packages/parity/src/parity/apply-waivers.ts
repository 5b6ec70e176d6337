/**
 * Applies waivers to the check's findings through the shared model (src/shared/waivers/apply-waivers.ts):
 * each difference and presence finding is matched as a finding of rule `invariant` or `topology` (its kind)
 * at its address and path, concerning every environment it names. A current waiver moves what it matches to
 * `waived`; an expired one waives nothing (and fails the check); one that matches nothing is unused.
 */
import type { Difference, GroupResult, OnlyIn } from './parity-result';
import type { Waiver } from '../shared/waivers/waiver';
import { applyWaivers as applySharedWaivers } from '../shared/waivers/apply-waivers';
import type { GroupReport, WaivedFinding } from './check-report';

export interface WaiverOutcome {
  readonly groups: GroupReport[];
  readonly expired: Waiver[];
  readonly unused: Waiver[];
}

/** A check finding as the waivers see it, with the environments it concerns. */
interface Matched {
  readonly rule: string;
  readonly address: string;
  readonly path?: string;
  readonly environments: readonly string[];
  readonly item: Difference | OnlyIn;
}

export function applyWaivers(groups: readonly GroupResult[], waivers: readonly Waiver[], now: Date): WaiverOutcome {
  const matched = groups.map((group): Matched[] => [
    ...group.differences.map((d) => ({
      rule: d.kind,
      address: d.address,
      path: d.path,
      environments: Object.keys(d.values).concat(d.absentIn),
      item: d,
    })),
    ...group.onlyIn.map((p) => ({ rule: p.kind, address: p.address, environments: group.environments, item: p })),
  ]);
  const outcome = applySharedWaivers(matched.flat(), waivers, { now, environmentsOf: (m) => m.environments });
  const waiverOf = new Map(outcome.waived.map((w) => [w.finding.item, w.waiver]));
  const reports = groups.map((group): GroupReport => {
    const waived: WaivedFinding[] = [];
    const keep = <T extends Difference | OnlyIn>(item: T): boolean => {
      const waiver = waiverOf.get(item);
      if (waiver) waived.push({ finding: item, waiver });
      return !waiver;
    };
    return { ...group, differences: group.differences.filter(keep), onlyIn: group.onlyIn.filter(keep), waived };
  });
  return { groups: reports, expired: outcome.expiredWaivers, unused: outcome.unusedWaivers };
}
