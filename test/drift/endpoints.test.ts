/**
 * Endpoints are left to the SDK: `AWS_ENDPOINT_URL` sends every service to one endpoint and
 * `AWS_ENDPOINT_URL_<SERVICE>` overrides it for one service, as the AWS SDKs document. The role
 * assumption goes through the same rules (`AWS_ENDPOINT_URL_STS`).
 */
import { runDrift } from '../../packages/parity/src/drift/run-drift';
import { driftTargetOf } from '../../packages/parity/src/cli/drift-target';
import { configWithReaderRoles, startFakeAws, useSdkEnvironment } from './support/drift-test-env';
import type { FakeAwsServer } from './support/fake-aws-server';

const config = configWithReaderRoles();
let main: FakeAwsServer;
let other: FakeAwsServer;

beforeEach(async () => {
  [main, other] = await Promise.all([startFakeAws(config), startFakeAws(config)]);
});
afterEach(async () => {
  await Promise.all([main.close(), other.close()]);
});

async function checkProd(variables: Record<string, string>) {
  const restore = useSdkEnvironment(main.url, variables);
  try {
    return await runDrift({ target: driftTargetOf(config), environments: ['prod'] });
  } finally {
    restore();
  }
}

const services = (fake: FakeAwsServer) => [...new Set(fake.requests.map((r) => r.service))].sort();

test('AWS_ENDPOINT_URL alone: every service, STS included, goes to it, signed for the environment region', async () => {
  const report = await checkProd({});
  expect(report.environments.prod?.status).toBe('ok');
  expect(services(main)).toEqual(['elasticache', 'es', 'rds', 'ssm', 'sts']);
  expect(new Set(main.requests.map((r) => r.region))).toEqual(new Set(['eu-west-1']));
  expect(new Set(main.requests.map((r) => r.host))).toEqual(new Set([main.url.replace('http://', '')]));
  expect(other.requests).toEqual([]);
});

test.each([
  ['AWS_ENDPOINT_URL_SSM', 'ssm'],
  ['AWS_ENDPOINT_URL_RDS', 'rds'],
  ['AWS_ENDPOINT_URL_ELASTICACHE', 'elasticache'],
  ['AWS_ENDPOINT_URL_OPENSEARCH', 'es'],
  ['AWS_ENDPOINT_URL_STS', 'sts'],
])('%s moves only %s to its own endpoint', async (variable, service) => {
  const report = await checkProd({ [variable]: other.url });
  expect(report.environments.prod?.status).toBe('ok');
  expect(services(other)).toEqual([service]);
  expect(services(main)).not.toContain(service);
  expect(main.requests.length).toBeGreaterThan(0);
});
