/**
 * The parity policy of this project's app, derived from the knob declarations of its constructs
 * (constructs/knobs.ts) and of the stack: nothing here is written by hand, so a knob cannot be
 * declared in one place and forgotten in another. Everything else the synthesized JSON holds is
 * an invariant.
 */
import type { AttributePattern, ParityPolicy } from '@env-parity/parity/parity/policy/parity-policy';
import { parityGroups } from '../config/queries';
import type { ProjectConfig } from '../config/schema';
import { PLATFORM_KNOBS } from '../constructs/environment-platform';
import type { KnobBinding, KnobKind } from '../constructs/knobs';
import { STACK_KNOBS } from './environment-stack';

export interface DeclaredKnob extends AttributePattern {
  readonly kind: KnobKind;
  /** `Database.instanceClass`. */
  readonly prop: string;
  /** The config fields the prop comes from (`scale.database.instanceClass`, `topology.availabilityZones`). */
  readonly sources: readonly string[];
}

/** Every bound knob, once per attribute pattern, in declaration order. */
export function declaredKnobs(bindings: readonly KnobBinding[] = [STACK_KNOBS, ...PLATFORM_KNOBS]): DeclaredKnob[] {
  const knobs: DeclaredKnob[] = [];
  const problems: string[] = [];
  for (const binding of bindings) {
    for (const [prop, knob] of Object.entries(binding.declarations)) {
      const source = binding.sources[prop];
      const sources = source === undefined ? [] : typeof source === 'string' ? [source] : [...source];
      const name = `${binding.construct}.${prop}`;
      if (sources.length === 0)
        problems.push(`\`${name}\` is a ${knob.kind} knob with no config source: add it to the construct's bindKnobs sources`);
      const fromTopology = sources.filter((s) => s.startsWith('topology.'));
      if (knob.kind === 'topology' && fromTopology.length !== sources.length)
        problems.push(
          `\`${name}\` is topology but comes from ${sources.join(', ')}: topology comes from config/topology.ts (\`topology.\`)`,
        );
      if (knob.kind === 'scale' && fromTopology.length > 0)
        problems.push(`\`${name}\` is a scale knob but comes from ${fromTopology.join(', ')}: declare it as topology`);
      const why = sources.map((s) => `\`${s.replace(/^topology\./, '')}\``).join(', ');
      for (const pattern of knob.attributes) knobs.push({ pattern, why, kind: knob.kind, prop: name, sources });
    }
  }
  if (problems.length > 0) throw new Error(`knob declarations:\n  - ${problems.join('\n  - ')}`);
  // One pattern set by two props (the retention of the database's and the domain's log groups) is
  // allowed once, naming every config field it comes from.
  const byPattern = new Map<string, DeclaredKnob>();
  for (const knob of knobs) {
    const key = `${knob.kind} ${knob.pattern}`;
    const first = byPattern.get(key);
    if (!first) byPattern.set(key, knob);
    else if (!first.sources.every((s, i) => knob.sources[i] === s))
      byPattern.set(key, {
        ...first,
        prop: `${first.prop}, ${knob.prop}`,
        sources: [...first.sources, ...knob.sources],
        why: `${first.why}, ${knob.why}`,
      });
  }
  return [...byPattern.values()];
}

/** The policy for this project's own app. */
export function projectParityPolicy(config: ProjectConfig): ParityPolicy {
  const knobs = declaredKnobs();
  const patterns = (kind: KnobKind) => knobs.filter((k) => k.kind === kind).map(({ pattern, why }) => ({ pattern, why }));
  return { groups: parityGroups(config), scaleKnobs: patterns('scale'), topology: patterns('topology') };
}
