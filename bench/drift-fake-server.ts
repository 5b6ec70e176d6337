/**
 * The fake AWS server of the drift tests, as its own process for the benchmark (so the measured
 * client does not share its event loop with the server, as with real AWS). Fills `staging` and
 * `prod` with `DRIFT_BENCH_KEYS` SSM keys each (default 10,000), prints its URL, and serves until
 * killed.
 */
import { ssmEnvironmentPath } from '../packages/parity/src/drift/resource-names';
import { configWithReaderRoles, startFakeAws } from '../test/drift/support/drift-test-env';

export const BENCH_ENVIRONMENTS = ['staging', 'prod'];

async function main(): Promise<void> {
  const keys = Number(process.env.DRIFT_BENCH_KEYS ?? 10_000);
  const config = configWithReaderRoles();
  const fake = await startFakeAws(config);
  for (const env of config.environments.filter((e) => BENCH_ENVIRONMENTS.includes(e.name))) {
    const account = fake.account(env.accountId);
    const path = ssmEnvironmentPath(config.platform.app, env.name);
    for (let i = account.parameters.size; i < keys; i++)
      account.parameters.set(`${path}/GENERATED_KEY_${String(i).padStart(5, '0')}`, i % 4 === 0 ? 'SecureString' : 'String');
  }
  process.stdout.write(`${fake.url}\n`);
  process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
}

if (require.main === module) void main();
