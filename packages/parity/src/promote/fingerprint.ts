/**
 * The platform fingerprint: one hash of what an environment's stack builds, after the parity
 * engine's own normalization (src/parity/load-terraform-json.ts: the environment's name, its
 * pinned account id and its parity group's name taken out) and with every scale knob removed
 * (`options.scaleKnobs`, the policy's; in this repository stacks/parity-policy.ts `declaredKnobs()`:
 * instance sizes, storage, thresholds, CIDRs, SSM values, state key...). What is left is the platform and the group's topology, so every
 * environment of a parity group has the same fingerprint exactly when `parity check` finds no
 * difference between them, and a change to any invariant (an engine version, a parameter, a new
 * resource, a provider version) changes it. The fingerprint's own parameter and output are left
 * out: a hash cannot contain itself.
 */
import { createHash } from 'node:crypto';
import type { AttributePattern } from '../parity/policy/parity-policy';
import { compilePattern, firstMatching } from '../parity/attribute-pattern';
import { leafToJson } from '../parity/environment-model';
import { environmentModelFromTerraformJson } from '../parity/load-terraform-json';

/**
 * Bumped when what goes into the hash changes, so that old and new fingerprints never match by accident
 * (v2: attribute paths written `ingress[0].x`).
 */
export const FINGERPRINT_VERSION = 'env-parity platform fingerprint v2';

/** The Terraform output that carries the fingerprint (its logical id). */
export const FINGERPRINT_OUTPUT = 'platform_fingerprint';

export interface FingerprintOptions {
  /** The environment whose stack this is (its name is normalized out). */
  readonly environment: string;
  /** Every parity group: group names are never read as environment aliases; the own group becomes `{group}`. */
  readonly groups: readonly { readonly name: string; readonly environments: readonly string[] }[];
  /** Attributes (and resources) that may differ per environment: left out of the hash. */
  readonly scaleKnobs: readonly AttributePattern[];
  /**
   * The SSM key the stack publishes the fingerprint under (`PLATFORM_FINGERPRINT`): its parameter
   * is left out of the hash, as a hash cannot contain itself.
   */
  readonly parameterKey: string;
}

export interface Fingerprint {
  /** `sha256:` and 64 hex digits. */
  readonly value: string;
  /** Resources (blocks) hashed. */
  readonly resources: number;
  /** Attribute values hashed. */
  readonly attributes: number;
  /** Attribute values left out because a scale knob allows them to differ. */
  readonly knobsRemoved: number;
}

/** The fingerprint a synthesized stack publishes (its `platform_fingerprint` output), if it is one. */
export function publishedFingerprint(document: unknown): string | undefined {
  const value = (document as { output?: Record<string, { value?: unknown }> } | null)?.output?.[FINGERPRINT_OUTPUT]?.value;
  return typeof value === 'string' && /^sha256:[0-9a-f]{64}$/.test(value) ? value : undefined;
}

function isFingerprintBlock(address: string, attributes: ReadonlyMap<string, unknown>, parameterKey: string): boolean {
  if (address === `output.${FINGERPRINT_OUTPUT}`) return true;
  const name = attributes.get('name');
  return address.startsWith('aws_ssm_parameter.') && typeof name === 'string' && name.endsWith(`/${parameterKey}`);
}

/** Hashes one stack's Terraform JSON (a parsed `cdk.tf.json`, or `stack.toTerraform()`). */
export function platformFingerprint(document: unknown, options: FingerprintOptions): Fingerprint {
  const groupOf = new Map(options.groups.flatMap((g) => g.environments.map((env) => [env, g.name] as const)));
  const model = environmentModelFromTerraformJson(document, options.environment, 'fingerprint', {
    keepWords: options.groups.map((g) => g.name),
    groupOf,
  });
  const knobs = options.scaleKnobs.map((k) => ({ compiled: compilePattern(k.pattern) }));
  const hash = createHash('sha256').update(`${FINGERPRINT_VERSION}\n`);
  let resources = 0;
  let attributes = 0;
  let knobsRemoved = 0;
  for (const address of [...model.resources.keys()].sort()) {
    const body = model.resources.get(address)!;
    if (isFingerprintBlock(address, body, options.parameterKey) || firstMatching(knobs, address)) continue;
    resources++;
    for (const path of [...body.keys()].sort()) {
      if (firstMatching(knobs, address, path)) {
        knobsRemoved++;
        continue;
      }
      attributes++;
      hash.update(`${JSON.stringify([address, path, leafToJson(body.get(path))])}\n`);
    }
  }
  return { value: `sha256:${hash.digest('hex')}`, resources, attributes, knobsRemoved };
}
