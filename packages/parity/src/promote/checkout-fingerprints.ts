/**
 * The fingerprints of what this checkout would apply: every stack is synthesized (the app entry,
 * stacks/app.ts, never in offline-plan mode) into a temporary directory, and the fingerprint each
 * stack publishes (its `platform_fingerprint` output, the very value Terraform would write into
 * the environment's PLATFORM_FINGERPRINT parameter) is read back from its `cdk.tf.json`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLATFORM_FINGERPRINT_KEY, type ProjectConfig } from '../../../../config';
import { FINGERPRINT_OUTPUT, publishedFingerprint } from './fingerprint';

/** Environment name → fingerprint of its synthesized stack. */
export type CheckoutFingerprints = ReadonlyMap<string, string>;

/** The published fingerprints of already-synthesized stacks (environment → parsed `cdk.tf.json`). */
export function fingerprintsOf(documents: ReadonlyMap<string, unknown>): Map<string, string> {
  const result = new Map<string, string>();
  for (const [env, document] of documents) {
    const value = publishedFingerprint(document);
    if (!value) throw new Error(`the ${env} stack publishes no ${PLATFORM_FINGERPRINT_KEY} (output \`${FINGERPRINT_OUTPUT}\` as \`sha256:\` and 64 hex digits): build it with constructs/platform-fingerprint.ts`);
    result.set(env, value);
  }
  return result;
}

/**
 * Synthesizes every environment of this checkout (as `cdktf synth` would: a stack sees the whole
 * configuration) and returns the fingerprints of `environments`.
 */
export function synthesizeFingerprints(config: ProjectConfig, environments: readonly string[]): Map<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), 'parity-promote-'));
  try {
    // `require`, not `import()`: bin/parity.cjs runs through tsx/cjs, which hooks `require` only;
    // and the provider classes load only when a check needs them.
    const { synthesizeApp } = require('../../../../stacks/app') as typeof import('../../../../stacks/app');
    const app = synthesizeApp({ outdir, config, offlinePlan: false });
    const wanted = app.stacks.filter((s) => environments.includes(s.environment));
    return fingerprintsOf(new Map(wanted.map((s) => [s.environment, JSON.parse(readFileSync(s.file, 'utf8'))])));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
