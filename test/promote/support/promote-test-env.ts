/**
 * Set-up for the promote tests: this checkout's real fingerprints (synthesized once), the fake
 * AWS server of the drift tests holding every account, a way to put a fingerprint into staging
 * as Terraform would have written it at a given time, and, for `--target FILE --stacks DIR`, this
 * repository's target as a file holds it and its stacks as `cdktf synth` writes them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProjectConfig } from '../../../config';
import { synthesizeApp } from '../../../stacks/app';
import { promoteTargetOf, synthesizeFingerprints } from '../../../stacks/promote-target';
import type { PromoteTargetFile } from '../../../packages/parity/src/promote/promote-target-file';
import { startFakeAws } from '../../drift/support/drift-test-env';
import type { FakeAwsServer } from '../../drift/support/fake-aws-server';

export const config = loadProjectConfig();
/** The environments as the CLI gives them to the promote engine. */
export const target = promoteTargetOf(config);
export const STAGING_ACCOUNT = '222222222222';
export const PARAMETER = '/orders/staging/PLATFORM_FINGERPRINT';

let checkout: ReadonlyMap<string, string> | undefined;
/** This checkout's staging and prod fingerprints (one synthesis per test file). */
export function checkoutFingerprints(): ReadonlyMap<string, string> {
  return (checkout ??= synthesizeFingerprints(config, ['staging', 'prod']));
}

export const startFake = (): Promise<FakeAwsServer> => startFakeAws(config);

/** Staging's parameter as the last successful apply left it: `value`, written `hoursAgo` before `now`. */
export function stagingRuns(fake: FakeAwsServer, value: string, hoursAgo: number, now: Date): void {
  const account = fake.account(STAGING_ACCOUNT);
  account.parameters.set(PARAMETER, 'String');
  account.values.set(PARAMETER, value);
  account.modified.set(PARAMETER, (now.getTime() - hoursAgo * 3_600_000) / 1000);
}

/** This repository's environments as a promote target file gives them (the parameter once, `{env}` in it). */
export function targetFile(): PromoteTargetFile {
  return {
    fingerprintParameter: '/orders/{env}/PLATFORM_FINGERPRINT',
    environments: target.environments.map(({ fingerprintParameter: _parameter, declaredIn: _declared, ...env }) => ({ ...env })),
  };
}

/**
 * This checkout synthesized as `cdktf synth` does (main.ts: every stack, `<outdir>/stacks/<env>/cdk.tf.json`)
 * into a new directory; `remove` deletes it.
 */
export function synthesizeCheckout(): { outdir: string; remove: () => void } {
  const outdir = mkdtempSync(join(tmpdir(), 'promote-cdktf-out-'));
  synthesizeApp({ outdir, config, offlinePlan: false });
  return { outdir, remove: () => rmSync(outdir, { recursive: true, force: true }) };
}
