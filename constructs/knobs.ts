/**
 * Knob declarations: each construct says which of its props may differ between environments and
 * which Terraform attributes they set, next to the props themselves. The project's parity policy
 * (stacks/parity-policy.ts) is derived from these declarations, so it cannot go stale: a prop that
 * sets an attribute nobody declared makes `parity check` of the app fail, and a declared attribute
 * the synthesized JSON no longer has fails test/stacks/knobs.test.ts.
 *
 * - `scale`: may differ between any two environments (sizes, retention, thresholds, accounts).
 * - `topology`: equal within a parity group, may differ between groups (zones, Multi-AZ, shards).
 *
 * An attribute is written as a parity pattern (config/parity-policy.ts): `<type>.*.<path>` for an
 * attribute, `<type>.*` when the prop decides how many such resources exist.
 */

export type KnobKind = 'scale' | 'topology';

export interface Knob {
  readonly kind: KnobKind;
  /** The parity patterns of the attributes the prop sets (`aws_db_instance.*.instance_class`). */
  readonly attributes: readonly string[];
}

/**
 * A construct's knobs, by prop name. Written `{ ... } satisfies KnobDeclarations<DatabaseProps>`, so
 * only props of the construct can be declared and a renamed prop breaks the build.
 */
export type KnobDeclarations<P> = { readonly [K in keyof P]?: Knob };

export const scale = (...attributes: string[]): Knob => ({ kind: 'scale', attributes });
export const topology = (...attributes: string[]): Knob => ({ kind: 'topology', attributes });

/**
 * Where each declared knob of a construct gets its value in config/ (a dotted path into the
 * environment, `topology.` for its parity group's topology): the `why` of an allowed difference.
 * Every declared knob needs one.
 */
export type KnobSources<D> = { readonly [K in keyof D]-?: string | readonly string[] };

export interface KnobBinding {
  /** The construct, for messages (`Database`). */
  readonly construct: string;
  readonly declarations: Readonly<Record<string, Knob>>;
  readonly sources: Readonly<Record<string, string | readonly string[]>>;
}

/** Binds a construct's knob declarations to their config sources (EnvironmentPlatform does it, once). */
export function bindKnobs<D extends Readonly<Record<string, Knob>>>(
  construct: string,
  declarations: D,
  sources: KnobSources<D>,
): KnobBinding {
  return { construct, declarations, sources };
}
