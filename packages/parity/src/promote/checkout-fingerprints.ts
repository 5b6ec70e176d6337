/**
 * The fingerprints of what this checkout would apply, read back from synthesized stacks: the
 * fingerprint each stack publishes (its `platform_fingerprint` output, the very value Terraform
 * would write into the environment's fingerprint parameter). Synthesizing is the caller's (this
 * repository's project module synthesizes its app, stacks/promote-target.ts; `--stacks DIR` reads
 * what `cdktf synth` wrote, stack-fingerprints.ts): this engine never loads a project.
 */
import { FINGERPRINT_OUTPUT, publishedFingerprint } from './fingerprint';

/** Environment name → fingerprint of its synthesized stack. */
export type CheckoutFingerprints = ReadonlyMap<string, string>;

/**
 * The published fingerprints of already-synthesized stacks (environment → parsed `cdk.tf.json`);
 * `parameterKey` names the fingerprint's SSM key in the error for a stack without one.
 */
export function fingerprintsOf(documents: ReadonlyMap<string, unknown>, parameterKey: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const [env, document] of documents) {
    const value = publishedFingerprint(document);
    if (!value)
      throw new Error(
        `the ${env} stack publishes no ${parameterKey} (output \`${FINGERPRINT_OUTPUT}\` as \`sha256:\` and 64 hex digits): ` +
          `build it with constructs/platform-fingerprint.ts`,
      );
    result.set(env, value);
  }
  return result;
}
