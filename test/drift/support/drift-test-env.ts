/**
 * Test set-up for the drift command: a configuration whose environments each assume a read-only
 * role in their own account, a fake AWS server holding those accounts in parity with config/, and
 * the environment variables the SDK reads (endpoint, dummy credentials, no shared config files).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProjectConfig, rawProjectConfig, validateProjectConfig, type ProjectConfig } from '../../../config';
import type { DriftReport, ServiceName, ServiceResult } from '../../../packages/parity/src/drift/drift-report';
import { driftTargetOf } from '../../../stacks/drift-target';
import { runDrift, type DriftOptions } from '../../../packages/parity/src/drift/run-drift';
import { FakeAwsServer } from './fake-aws-server';
import { readerRoleArn, worldFromConfig } from './fake-aws-world';

/** The project configuration with `readOnlyRoleArn` set for every environment. */
export function configWithReaderRoles(): ProjectConfig {
  return validateProjectConfig({
    ...rawProjectConfig,
    environments: rawProjectConfig.environments.map((env) => ({ ...env, readOnlyRoleArn: readerRoleArn(env.accountId) })),
  });
}

/** Starts a fake AWS holding every environment of `config` in parity. */
export function startFakeAws(config: ProjectConfig): Promise<FakeAwsServer> {
  return FakeAwsServer.start(config.environments.map((env) => worldFromConfig(config, env.name)));
}

const SDK_VARIABLES = [
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_SSM',
  'AWS_ENDPOINT_URL_STS',
  'AWS_ENDPOINT_URL_RDS',
  'AWS_ENDPOINT_URL_ELASTICACHE',
  'AWS_ENDPOINT_URL_OPENSEARCH',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_MAX_ATTEMPTS',
  'AWS_RETRY_MODE',
  'AWS_REGION',
];

/**
 * Points the SDK at `endpoint` with dummy credentials, as a CI job would with real ones; returns
 * a function that restores the previous variables.
 */
export function useSdkEnvironment(endpoint: string, extra: Record<string, string> = {}): () => void {
  const saved = new Map(SDK_VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of SDK_VARIABLES) delete process.env[name];
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'AKIAPARITYCITEST0001',
    AWS_SECRET_ACCESS_KEY: 'dummy-secret-for-tests',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  });
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/**
 * Registers a `beforeAll` that starts a fake AWS holding `config`, lets `change` alter it, runs the
 * check once and closes the server; returns a getter for the report and the server's request log.
 */
/** runDrift's options with the project configuration in place of the target (built as the CLI builds it). */
export type TestDriftOptions = Omit<DriftOptions, 'target'> & { config?: ProjectConfig };

export function checkOnce(config: ProjectConfig, change: (fake: FakeAwsServer) => void, options: TestDriftOptions = {}) {
  const result: { report?: DriftReport; fake?: FakeAwsServer } = {};
  beforeAll(async () => {
    const fake = await startFakeAws(options.config ?? config);
    const restore = useSdkEnvironment(fake.url);
    try {
      change(fake);
      const { config: own, ...rest } = options;
      result.report = await runDrift({ ...rest, target: driftTargetOf(own ?? config) });
      result.fake = fake;
    } finally {
      restore();
      await fake.close();
    }
  });
  return () => ({ report: result.report!, fake: result.fake! });
}

/** Every part of an environment as `ok`, Terraform not checked, with `overrides` on top: what a report's `services` holds. */
export function servicesWith(overrides: Partial<Record<ServiceName, ServiceResult>> = {}): Record<ServiceName, ServiceResult> {
  return {
    ssm: { status: 'ok' },
    rds: { status: 'ok' },
    elasticache: { status: 'ok' },
    opensearch: { status: 'ok' },
    terraform: { status: 'not-checked', reason: 'no `--refresh-only-plan` given for this environment' },
    ...overrides,
  };
}

/** Every AWS part unreadable for one reason (a failed account check). */
export function allUnreadable(reason: string): Record<ServiceName, ServiceResult> {
  const unreadable = { status: 'unreadable' as const, reason };
  return servicesWith({ ssm: unreadable, rds: unreadable, elasticache: unreadable, opensearch: unreadable });
}

/**
 * For each test of the file: a fake AWS holding the project's accounts (the caller in `callerAccountId`), the SDK
 * pointed at it, and a scratch directory; `ready` receives both before each test. All undone after each test.
 */
export function fakeAwsPerTest(prefix: string, callerAccountId: string, ready: (fake: FakeAwsServer, dir: string) => void): void {
  let fake: FakeAwsServer;
  let restore: () => void;
  let dir: string;
  beforeEach(async () => {
    fake = await startFakeAws(loadProjectConfig());
    fake.callerAccountId = callerAccountId;
    restore = useSdkEnvironment(fake.url);
    dir = mkdtempSync(join(tmpdir(), prefix));
    ready(fake, dir);
  });
  afterEach(async () => {
    restore();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });
}
