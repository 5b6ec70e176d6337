/**
 * `parity promote check`'s side that knows this repository: the PromoteTarget built from config/,
 * and the fingerprints of this checkout, synthesized from stacks/app.ts. The promote engine takes
 * both as arguments and never imports config/ or stacks/.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLATFORM_FINGERPRINT_KEY, ssmParameterName, type ProjectConfig } from '../../../../config';
import { fingerprintsOf } from '../promote/checkout-fingerprints';
import type { PromoteTarget } from '../promote/run-promote-check';

export function promoteTargetOf(config: ProjectConfig): PromoteTarget {
  return {
    source: 'config/environments.ts',
    environments: config.environments.map((env) => ({
      name: env.name,
      region: env.region,
      accountId: env.accountId,
      ...(env.readOnlyRoleArn ? { readOnlyRoleArn: env.readOnlyRoleArn } : {}),
      declaredIn: 'config/environments.ts',
      parityGroup: env.parityGroup,
      fingerprintParameter: ssmParameterName(config.platform.app, env.name, PLATFORM_FINGERPRINT_KEY),
    })),
  };
}

/**
 * Synthesizes every environment of this checkout (as `cdktf synth` would: a stack sees the whole
 * configuration) into a temporary directory and returns the fingerprints of `environments`.
 */
export function synthesizeFingerprints(config: ProjectConfig, environments: readonly string[]): Map<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), 'parity-promote-'));
  try {
    // `require`, not `import()`: bin/parity.cjs runs through tsx/cjs, which hooks `require` only;
    // and the provider classes load only when a check needs them.
    const { synthesizeApp } = require('../../../../stacks/app') as typeof import('../../../../stacks/app');
    const app = synthesizeApp({ outdir, config, offlinePlan: false });
    const wanted = app.stacks.filter((s) => environments.includes(s.environment));
    return fingerprintsOf(new Map(wanted.map((s) => [s.environment, JSON.parse(readFileSync(s.file, 'utf8'))])), PLATFORM_FINGERPRINT_KEY);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
