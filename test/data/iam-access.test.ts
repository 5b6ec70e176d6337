/**
 * `--db staging` alone, inside this project: the endpoint from staging's `DATABASE_ENDPOINT` SSM
 * parameter (read after assuming staging's read-only role, from the tests' fake AWS through the
 * real SDK clients), an RDS IAM token as the password of `parity_reader`, TLS required and the
 * server's certificate verified. The server is a real PostgreSQL that refuses `parity_reader`
 * without TLS (it cannot verify IAM tokens, so it trusts the role over TLS: the token itself is
 * checked for what RDS verifies).
 */
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { loadProjectConfig } from '../../config';
import { main } from '../../packages/parity/src/cli/main';
import { iamTarget } from '../../packages/parity/src/data/iam-target';
import type { DataCheckReport } from '../../packages/parity/src/data/model';
import { startEmbeddedServer, type EmbeddedServer } from '../../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../../packages/parity/src/migrations/server/postgres-binaries';
import type { FakeAwsServer } from '../drift/support/fake-aws-server';
import { startFakeAws, useSdkEnvironment } from '../drift/support/drift-test-env';
import { exec, readerRoleSql } from './support/drifted-databases';

let server: EmbeddedServer;
let fake: FakeAwsServer;
let dir: string;
let certificate: string;
const STAGING = '222222222222';
const PARAMETER = '/orders/staging/DATABASE_ENDPOINT';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'data-iam-'));
  server = await startEmbeddedServer(embeddedPostgresBinaries());
  const data = join(server.directory, 'data');
  certificate = join(dir, 'ca.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
      '-keyout',
      join(data, 'server.key'),
      '-out',
      join(data, 'server.crt'),
    ],
    { stdio: 'ignore' },
  );
  execFileSync('cp', [join(data, 'server.crt'), certificate]);
  if (userInfo().uid === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    for (const f of ['server.key', 'server.crt']) chownSync(join(data, f), uid, gid);
  }
  execFileSync('chmod', ['600', join(data, 'server.key')]);
  const hba = join(data, 'pg_hba.conf');
  const rules =
    `hostssl all parity_reader 127.0.0.1/32 trust\nhostnossl all parity_reader 127.0.0.1/32 ` + `reject\n${readFileSync(hba, 'utf8')}`;
  writeFileSync(hba, rules);
  await exec(server.url, 'ALTER SYSTEM SET ssl = on');
  // The embedded server was started with `-c max_connections=20`: the same in the file, or the reload leaves it pending a restart.
  await exec(server.url, 'ALTER SYSTEM SET max_connections = 20');
  await exec(server.url, 'SELECT pg_reload_conf()');
  await exec(server.url, readerRoleSql);
  // config/platform.ts names the database `orders`.
  await exec(server.url, 'CREATE DATABASE orders');
  const config = loadProjectConfig();
  fake = await startFakeAws(config);
  fake.account(STAGING).values.set(PARAMETER, `localhost:${server.port}`);
});
afterAll(async () => {
  await fake?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function check(rootCertificate?: string): Promise<{ code: number; report: DataCheckReport }> {
  const restore = useSdkEnvironment(fake.url);
  if (rootCertificate) process.env.PGSSLROOTCERT = rootCertificate;
  const output = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  try {
    const code = await main([
      'data',
      'check',
      '--db',
      `prod=${server.url.replace(/\/postgres$/, '/orders')}`,
      '--db',
      'staging',
      '--format',
      'json',
      '--output',
      output,
    ]);
    return { code, report: JSON.parse(readFileSync(output, 'utf8')) as DataCheckReport };
  } finally {
    delete process.env.PGSSLROOTCERT;
    restore();
  }
}

test("the endpoint from SSM with staging's read-only role, TLS verified against PGSSLROOTCERT: read and compared", async () => {
  const before = fake.requests.length;
  const { code, report } = await check(certificate);
  // The same server twice: nothing differs between them (the embedded server is no RDS instance, so the parameter group's values do).
  expect(report.schema.differences).toEqual([]);
  expect(report.settings.every((s) => s.values.prod === s.values.staging && s.expected !== undefined)).toBe(true);
  expect([code, report.environments.staging!.serverVersion]).toEqual([1, report.environments.prod!.serverVersion]);
  const calls = fake.requests
    .slice(before)
    .map((r) => `${r.service} ${r.operation} ${r.accountId} ${r.accessKeyId.startsWith('ASIAFAKE') ? 'assumed' : 'caller'}`);
  expect(calls).toEqual([`sts AssumeRole 999999999999 caller`, `ssm GetParameter ${STAGING} assumed`]);
});

test('the password is an RDS IAM token for parity_reader at the endpoint, signed with the assumed role', async () => {
  const restore = useSdkEnvironment(fake.url);
  try {
    const config = await iamTarget({
      environment: 'staging',
      app: 'orders',
      region: 'eu-west-1',
      roleArn: 'arn:aws:iam::222222222222:role/orders-staging-drift-reader',
      databaseName: 'orders',
      ca: 'PEM',
    }).connection();
    expect(config).toMatchObject({
      host: 'localhost',
      port: server.port,
      user: 'parity_reader',
      database: 'orders',
      ssl: { rejectUnauthorized: true, servername: 'localhost', ca: 'PEM' },
    });
    const token = new URL(`https://${String(config.password)}`);
    expect(token.host).toBe(`localhost:${server.port}`);
    expect(Object.fromEntries(token.searchParams)).toEqual({
      Action: 'connect',
      DBUser: 'parity_reader',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': expect.stringMatching(new RegExp(`^ASIAFAKE${STAGING}/\\d{8}/eu-west-1/rds-db/aws4_request$`)),
      'X-Amz-Date': expect.stringMatching(/^\d{8}T\d{6}Z$/),
      'X-Amz-Expires': '900',
      'X-Amz-Security-Token': `token-${STAGING}`,
      'X-Amz-SignedHeaders': 'host',
      'X-Amz-Signature': expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  } finally {
    restore();
  }
});

test('a certificate that cannot be verified: staging unreadable, exit 3', async () => {
  const { code, report } = await check();
  expect(code).toBe(3);
  expect(report.environments.staging!.error).toMatch(
    new RegExp(
      /^could not connect to `staging` at the endpoint in SSM \/orders\/staging\/DATABASE_ENDPOINT, as parity_reader with /.source +
        /an IAM token \(role arn:aws:iam::222222222222:role\/orders-staging-drift-reader\): self[- ]signed certificate/.source,
    ),
  );
});

test('SSM denied: staging unreadable with the AWS error, exit 3', async () => {
  fake.faults.push({ operation: 'GetParameter', accountId: STAGING, kind: 'AccessDenied', times: 1 });
  const { code, report } = await check(certificate);
  expect(code).toBe(3);
  expect(report.environments.staging!.error).toMatch(
    new RegExp(
      /^could not resolve the connection of `staging` \(.*\): reading SSM parameter \/orders\/staging\/DATABASE_ENDPOINT: /.source +
        /AccessDeniedException: User: .* is not authorized to perform: ssm:GetParameter$/.source,
    ),
  );
});
