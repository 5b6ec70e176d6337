/**
 * The fingerprints of what this checkout would apply: the stacks of the two environments are
 * synthesized (the app entry, stacks/app.ts, never in offline-plan mode) into a temporary
 * directory, read back from their `cdk.tf.json` and hashed. The fingerprint the stack itself
 * wrote into its parameter must be the same hash, or the synthesis is not what was hashed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLATFORM_FINGERPRINT_KEY, type ProjectConfig } from '../../config';
import { FINGERPRINT_OUTPUT, platformFingerprint, projectFingerprintOptions } from './fingerprint';

/** Environment name → fingerprint of its synthesized stack. */
export type CheckoutFingerprints = ReadonlyMap<string, string>;

/** The fingerprint published in a synthesized stack (its output), for the consistency check. */
function published(document: any): unknown {
  return document?.output?.[FINGERPRINT_OUTPUT]?.value;
}

/** Hashes already-synthesized stacks (environment → parsed `cdk.tf.json`). */
export function fingerprintsOf(config: ProjectConfig, documents: ReadonlyMap<string, unknown>): Map<string, string> {
  const result = new Map<string, string>();
  for (const [env, document] of documents) {
    const { value } = platformFingerprint(document, projectFingerprintOptions(config, env));
    const written = published(document);
    if (written !== value) {
      throw new Error(`the ${env} stack publishes ${PLATFORM_FINGERPRINT_KEY} ${String(written)}, but its Terraform JSON hashes to ${value}: the stack was not built with constructs/platform-fingerprint.ts last`);
    }
    result.set(env, value);
  }
  return result;
}

/**
 * Synthesizes every environment of this checkout (as `cdktf synth` would: a stack sees the whole
 * configuration) and hashes the stacks of `environments`.
 */
export function synthesizeFingerprints(config: ProjectConfig, environments: readonly string[]): Map<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), 'parity-promote-'));
  try {
    // `require`, not `import()`: bin/parity.cjs runs through tsx/cjs, which hooks `require` only;
    // and the provider classes load only when a check needs them.
    const { synthesizeApp } = require('../../stacks/app') as typeof import('../../stacks/app');
    const app = synthesizeApp({ outdir, config, offlinePlan: false });
    const wanted = app.stacks.filter((s) => environments.includes(s.environment));
    return fingerprintsOf(config, new Map(wanted.map((s) => [s.environment, JSON.parse(readFileSync(s.file, 'utf8'))])));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
