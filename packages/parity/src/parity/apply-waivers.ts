/**
 * Applies waivers to the engine's findings: a current waiver moves the findings it matches to
 * `waived`; an expired one waives nothing (and fails the check); one that matches nothing is
 * reported as unused.
 */
import type { GroupResult } from './parity-result';
import { type Waiver, isExpired, waiverMatches } from '../shared/waivers/waiver';
import type { GroupReport, WaivedFinding } from './check-report';

export interface WaiverOutcome {
  readonly groups: GroupReport[];
  readonly expired: Waiver[];
  readonly unused: Waiver[];
}

function matchingWaiver(waivers: readonly Waiver[], address: string, path: string | undefined, environments: readonly string[], used: Set<Waiver>): Waiver | undefined {
  const waiver = waivers.find((w) => waiverMatches(w, { address, path, environments }));
  if (waiver) used.add(waiver);
  return waiver;
}

export function applyWaivers(groups: readonly GroupResult[], waivers: readonly Waiver[], now: Date): WaiverOutcome {
  const expired = waivers.filter((w) => isExpired(w, now));
  const current = waivers.filter((w) => !isExpired(w, now));
  const used = new Set<Waiver>();
  const reports = groups.map((group): GroupReport => {
    const waived: WaivedFinding[] = [];
    const differences = group.differences.filter((d) => {
      const waiver = matchingWaiver(current, d.address, d.path, Object.keys(d.values).concat(d.absentIn), used);
      if (waiver) waived.push({ finding: d, waiver });
      return !waiver;
    });
    const onlyIn = group.onlyIn.filter((p) => {
      const waiver = matchingWaiver(current, p.address, undefined, group.environments, used);
      if (waiver) waived.push({ finding: p, waiver });
      return !waiver;
    });
    return { ...group, differences, onlyIn, waived };
  });
  return { groups: reports, expired, unused: current.filter((w) => !used.has(w)) };
}
