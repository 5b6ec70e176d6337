/**
 * The parity engine: compares the environments of every parity group (invariants and topology must
 * be equal within a group) and all environments together (invariants must be equal everywhere),
 * drops what the scale knobs allow, and returns every remaining difference.
 */
import type { AttributePattern, ParityPolicy } from './policy/parity-policy';
import { type CompiledPattern, compilePattern, firstMatching } from './attribute-pattern';
import { type EnvironmentModel, type LeafValue, UnknownValue, leafToJson } from './environment-model';
import { type RawComparison, type RawDifference, compareModels } from './compare-models';
import {
  ALL_ENVIRONMENTS,
  type AllowedBy,
  type AllowedDifference,
  type Difference,
  type GroupResult,
  type OnlyIn,
  type ParityResult,
  type ReportedValue,
} from './parity-result';

interface CompiledKnob {
  readonly compiled: CompiledPattern;
  readonly allowedBy: AllowedBy;
}

interface CompiledPolicy {
  readonly scaleKnobs: readonly CompiledKnob[];
  readonly topology: readonly CompiledKnob[];
}

function compileKnobs(patterns: readonly AttributePattern[], kind: AllowedBy['kind']): CompiledKnob[] {
  return patterns.map((p) => ({ compiled: compilePattern(p.pattern), allowedBy: { kind, pattern: p.pattern, why: p.why } }));
}

function reportedValues(values: ReadonlyMap<string, LeafValue | undefined>): {
  values: Record<string, ReportedValue>;
  absentIn: string[];
  unknownIn: string[];
} {
  const reported: Record<string, ReportedValue> = {};
  const absentIn: string[] = [];
  const unknownIn: string[] = [];
  for (const [environment, value] of values) {
    if (value === undefined) absentIn.push(environment);
    else {
      if (value instanceof UnknownValue) unknownIn.push(environment);
      reported[environment] = leafToJson(value)!;
    }
  }
  return { values: reported, absentIn, unknownIn };
}

function difference(raw: RawDifference, kind: Difference['kind']): Difference {
  return { address: raw.address, path: raw.path, ...reportedValues(raw.values), kind };
}

function allowedAttribute(raw: RawDifference, allowedBy: AllowedBy): AllowedDifference {
  return { address: raw.address, path: raw.path, values: reportedValues(raw.values).values, allowedBy };
}

const key = (address: string, path = ''): string => `${address}\u0000${path}`;

/** Sorts a group's comparison into differences and allowed differences. */
function classifyGroup(name: string, environments: readonly string[], raw: RawComparison, policy: CompiledPolicy): GroupResult {
  const differences: Difference[] = [];
  const onlyIn: OnlyIn[] = [];
  const allowed: AllowedDifference[] = [];
  for (const d of raw.differences) {
    const knob = firstMatching(policy.scaleKnobs, d.address, d.path);
    if (knob) allowed.push(allowedAttribute(d, knob.allowedBy));
    else differences.push(difference(d, firstMatching(policy.topology, d.address, d.path) ? 'topology' : 'invariant'));
  }
  for (const p of raw.onlyIn) {
    const knob = firstMatching(policy.scaleKnobs, p.address);
    if (knob) allowed.push({ address: p.address, environments: p.environments, allowedBy: knob.allowedBy });
    else
      onlyIn.push({
        address: p.address,
        environments: p.environments,
        kind: firstMatching(policy.topology, p.address) ? 'topology' : 'invariant',
      });
  }
  return { name, environments, differences, onlyIn, allowed };
}

/** Invariants across groups: what differs between groups and is not already reported inside one. */
function classifyAcrossGroups(
  environments: readonly string[],
  raw: RawComparison,
  policy: CompiledPolicy,
  reported: Set<string>,
): GroupResult {
  const differences: Difference[] = [];
  const onlyIn: OnlyIn[] = [];
  const allowed: AllowedDifference[] = [];
  for (const d of raw.differences) {
    const knob = firstMatching(policy.scaleKnobs, d.address, d.path) ?? firstMatching(policy.topology, d.address, d.path);
    if (knob) allowed.push(allowedAttribute(d, knob.allowedBy));
    else if (!reported.has(key(d.address, d.path))) differences.push(difference(d, 'invariant'));
  }
  for (const p of raw.onlyIn) {
    const knob = firstMatching(policy.scaleKnobs, p.address) ?? firstMatching(policy.topology, p.address);
    if (knob) allowed.push({ address: p.address, environments: p.environments, allowedBy: knob.allowedBy });
    else if (!reported.has(key(p.address))) onlyIn.push({ address: p.address, environments: p.environments, kind: 'invariant' });
  }
  return { name: ALL_ENVIRONMENTS, environments, differences, onlyIn, allowed };
}

/**
 * Checks parity of environment models under a policy. Every environment a group names must have a
 * model (the caller validates that and reports a missing one as bad input).
 */
export function checkParity(models: readonly EnvironmentModel[], policy: ParityPolicy): ParityResult {
  const byName = new Map(models.map((m) => [m.environment, m]));
  const compiled: CompiledPolicy = {
    scaleKnobs: compileKnobs(policy.scaleKnobs, 'scale-knob'),
    topology: compileKnobs(policy.topology, 'topology'),
  };
  const groups: GroupResult[] = [];
  const reported = new Set<string>();
  for (const group of policy.groups) {
    const groupModels = group.environments.map((name) => {
      const model = byName.get(name);
      if (!model) throw new Error(`parity group \`${group.name}\` names environment \`${name}\`, which has no stack`);
      return model;
    });
    const result = classifyGroup(group.name, group.environments, compareModels(groupModels), compiled);
    for (const d of result.differences) reported.add(key(d.address, d.path));
    for (const p of result.onlyIn) reported.add(key(p.address));
    groups.push(result);
  }
  if (policy.groups.length > 1) {
    const all = policy.groups.flatMap((g) => g.environments.map((name) => byName.get(name)!));
    groups.push(
      classifyAcrossGroups(
        all.map((m) => m.environment),
        compareModels(all),
        compiled,
        reported,
      ),
    );
  }
  return { groups };
}
