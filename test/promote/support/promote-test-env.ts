/**
 * Set-up for the promote tests: this checkout's real fingerprints (synthesized once), the fake
 * AWS server of the drift tests holding every account, and a way to put a fingerprint into
 * staging as Terraform would have written it at a given time.
 */
import { loadProjectConfig } from '../../../config';
import { promoteTargetOf, synthesizeFingerprints } from '../../../packages/parity/src/cli/promote-checkout';
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
