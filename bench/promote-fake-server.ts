/**
 * The fake AWS server of the tests as its own process for the promote benchmark: every account of
 * config/, staging's PLATFORM_FINGERPRINT set to `PROMOTE_BENCH_FINGERPRINT`, written 48 h ago.
 * Prints its URL and serves until killed.
 */
import { loadProjectConfig } from '../config';
import { startFakeAws } from '../test/drift/support/drift-test-env';

async function main(): Promise<void> {
  const fake = await startFakeAws(loadProjectConfig());
  const staging = fake.account('222222222222');
  staging.values.set('/orders/staging/PLATFORM_FINGERPRINT', process.env.PROMOTE_BENCH_FINGERPRINT ?? 'sha256:unset');
  staging.modified.set('/orders/staging/PLATFORM_FINGERPRINT', Date.now() / 1000 - 48 * 3600);
  process.stdout.write(`${fake.url}\n`);
  process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
}

if (require.main === module) void main();
