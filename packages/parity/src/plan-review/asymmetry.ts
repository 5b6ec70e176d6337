/**
 * Cross-environment comparison: each environment's changes, with environment names normalized out
 * of addresses and paths, are compared within a parity group. A change planned in one environment
 * and not in another of the same group is the sign of drift or of an environment-specific edit.
 * Changes are compared by address, action and changed paths, not by values: values differ by
 * design (scale knobs, names). Outputs are compared by name and action (`output.endpoint: delete`).
 */
import type { EnvironmentNameNormalizer } from '../shared/environment-names';
import type { AsymmetricChange, OutputChange, PlanChange } from './review-model';

/** A change as compared across environments. */
export function normalizedChange(change: PlanChange, normalize: EnvironmentNameNormalizer): string {
  const address = normalize(change.address);
  if (change.kind === 'update' || change.kind === 'replace') {
    const paths = [...new Set(change.changedPaths.map((p) => normalize(p.path)))].sort();
    return `${address}: ${change.kind}${paths.length > 0 ? ` ${paths.join(', ')}` : ''}`;
  }
  return `${address}: ${change.kind}`;
}

/** Environments to compare: name, parity group and changes. */
export interface ComparedEnvironment {
  readonly name: string;
  readonly parityGroup: string;
  readonly changes: readonly PlanChange[];
  /** The outputs the plan changes. @default none */
  readonly outputs?: readonly OutputChange[];
}

export function asymmetricChanges(environments: readonly ComparedEnvironment[], normalize: EnvironmentNameNormalizer): AsymmetricChange[] {
  const groups = new Map<string, ComparedEnvironment[]>();
  for (const env of environments) groups.set(env.parityGroup, [...(groups.get(env.parityGroup) ?? []), env]);
  const result: AsymmetricChange[] = [];
  for (const [parityGroup, members] of groups) {
    if (members.length < 2) continue;
    const seenIn = new Map<string, Set<string>>();
    for (const env of members) {
      const keys = [
        ...env.changes.map((change) => normalizedChange(change, normalize)),
        ...(env.outputs ?? []).map((output) => `${normalize(`output.${output.name}`)}: ${output.kind}`),
      ];
      for (const key of keys) {
        if (!seenIn.has(key)) seenIn.set(key, new Set());
        seenIn.get(key)!.add(env.name);
      }
    }
    for (const [change, names] of [...seenIn].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (names.size === members.length) continue;
      result.push({
        change,
        environments: members.filter((m) => names.has(m.name)).map((m) => m.name),
        missingFrom: members.filter((m) => !names.has(m.name)).map((m) => m.name),
        parityGroup,
      });
    }
  }
  return result;
}
