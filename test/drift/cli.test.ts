/**
 * `parity drift` end to end through its command module: the project's own configuration (no
 * roles: the default credential chain, here the CI identity of the staging account), the fake AWS
 * server, every format, and the exit codes 0, 1, 2 and 3.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProjectConfig } from '../../config';
import { ExitError } from '../../packages/parity/src/shared/exit-error';
import { GITHUB_COMMENT_LIMIT } from '../../packages/parity/src/shared/report/markdown-budget';
import { run } from '../../packages/parity/src/cli/drift';
import { fakeAwsPerTest, servicesWith } from './support/drift-test-env';
import type { FakeAwsServer } from './support/fake-aws-server';
import { ENVELOPE_FIELDS } from '../reports/support/envelope-fields';

const STAGING = '222222222222';
const FIXTURES = join(__dirname, '..', 'fixtures', 'drift');
let fake: FakeAwsServer;
let dir: string;
fakeAwsPerTest('drift-cli-', STAGING, (server, scratch) => {
  fake = server;
  dir = scratch;
});

async function drift(...argv: string[]): Promise<{ code: number; output: string }> {
  const file = join(dir, 'out.txt');
  const code = await run([...argv, '--output', file]);
  return { code, output: readFileSync(file, 'utf8') };
}

async function refusal(...argv: string[]): Promise<ExitError> {
  const error = await run(argv).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExitError);
  expect(fake.requests).toEqual([]);
  return error as ExitError;
}

describe('exit codes', () => {
  test('0: staging read with the default credential chain and in parity', async () => {
    const { code, output } = await drift('--env', 'staging', '--format', 'json');
    const report = JSON.parse(output);
    expect(code).toBe(0);
    // The shared envelope (schemas/drift.schema.json, version 2) first, then the drift report's own fields.
    expect(report.schemaVersion).toBe(2);
    expect(Object.keys(report)).toEqual([...ENVELOPE_FIELDS, 'environments', 'ssm', 'engines', 'layout', 'terraform', 'calls', 'totals']);
    expect(report).toMatchObject({ engine: 'drift', status: 'pass', findings: [] });
    expect(report.environments).toEqual({ staging: { status: 'ok', accountId: STAGING, services: servicesWith() } });
    expect(Object.keys(report.ssm)).toEqual(['missingIn', 'unmanaged', 'typeMismatch', 'valueMismatch', 'crossEnvironment']);
    expect(report.engines.map((e: { service: string }) => e.service)).toEqual(['rds', 'elasticache', 'opensearch']);
  });

  test('1: drift found', async () => {
    fake.account(STAGING).parameters.set('/orders/staging/HAND_MADE', 'String');
    const { code, output } = await drift('--env', 'staging', '--format', 'json');
    expect(code).toBe(1);
    expect(JSON.parse(output).ssm.unmanaged).toEqual({ staging: ['HAND_MADE'] });
  });

  test('1: resource drift in a refresh-only plan, even with the live checks clean', async () => {
    const { code, output } = await drift(
      '--env',
      'staging',
      '--refresh-only-plan',
      `staging=${join(FIXTURES, 'refresh-only-resource-drift.json')}`,
      '--format',
      'json',
    );
    expect(code).toBe(1);
    expect(JSON.parse(output).terraform.staging.map((d: { address: string }) => d.address)).toEqual([
      'aws_db_instance.database',
      'aws_ssm_parameter.catalog["LOG_LEVEL"]',
    ]);
  });

  test('3: prod cannot be read (its reader role refuses the caller); staging is still checked', async () => {
    fake.deniedRoles.add(loadProjectConfig().environments.find((e) => e.name === 'prod')!.readOnlyRoleArn!);
    const { code, output } = await drift('--env', 'staging', '--env', 'prod', '--format', 'json');
    const report = JSON.parse(output);
    expect(code).toBe(3);
    expect(report.environments.staging).toEqual({ status: 'ok', accountId: STAGING, services: servicesWith() });
    expect(report.environments.prod.status).toBe('unreadable');
  });

  test('3: an errored refresh-only plan leaves the environment unknown', async () => {
    const plan = join(FIXTURES, 'refresh-only-errored.json');
    const { code, output } = await drift('--env', 'staging', '--refresh-only-plan', `staging=${plan}`, '--format', 'json');
    expect(code).toBe(3);
    const reason = `the refresh-only plan ${plan} is marked \`errored\`: terraform could not refresh \`staging\`, so its drift is unknown`;
    expect(JSON.parse(output).environments.staging).toEqual({
      status: 'unreadable',
      accountId: STAGING,
      error: reason,
      services: servicesWith({ terraform: { status: 'unreadable', reason } }),
    });
  });
});

describe('2: bad input, refused before any AWS call', () => {
  test.each([
    [
      ['--env', 'qa'],
      'expected `--env` one of the environments in config/environments.ts (dev, staging, prod), found `qa`. Run again with `--env ' +
        'dev`, or leave `--env` out to check every environment.',
    ],
    [
      ['--env', 'staging', '--refresh-only-plan', 'prod=plan.json'],
      'expected `--refresh-only-plan NAME=FILE` for an environment being checked (staging), found `prod=plan.json`. Add `--env ' +
        'prod`, or drop that plan.',
    ],
    [
      ['--refresh-only-plan', 'plan.json'],
      'expected `--refresh-only-plan NAME=PATH`, found `--refresh-only-plan plan.json`. Write it as `--refresh-only-plan ' +
        'staging=plan.json`.',
    ],
    [['--format', 'yaml'], 'expected `--format` one of text, markdown, json, found `yaml`. Run again with `--format text`.'],
    [
      ['staging'],
      'expected no positional arguments, found `staging`. Run `parity drift [--target FILE] [--env NAME ...] [--refresh-only-plan ' +
        'NAME=FILE ...] [--timeout SECONDS] [--format text|markdown|json] [--output FILE]`; environments go after `--env`.',
    ],
  ])('%j', async (argv, message) => {
    const error = await refusal(...argv);
    expect(error.code).toBe(2);
    expect(error.message).toBe(message);
  });

  test('an unknown option names the usage', async () => {
    const error = await refusal('--bogus');
    expect(error.code).toBe(2);
    expect(error.message).toContain('an unknown option `--bogus`');
    expect(error.message).toContain('usage: parity drift [--target FILE] [--env NAME ...]');
  });

  test('a malformed plan file', async () => {
    const error = await refusal('--refresh-only-plan', `staging=${join(dir, 'missing.json')}`);
    expect(error.code).toBe(2);
    expect(error.message).toBe(
      `expected a readable plan JSON file, found \`${join(dir, 'missing.json')}\` (ENOENT). Run \`terraform plan -refresh-only ` +
        `-out=drift.tfplan && terraform show -json drift.tfplan > drift.json\` and pass \`--refresh-only-plan ENV=drift.json\`.`,
    );
  });
});

test('--help prints the usage, the options and the exit codes, and reads nothing', async () => {
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    expect(await run(['--help'])).toBe(0);
    const text = String(write.mock.calls[0]![0]);
    expect(text.split('\n')[0]).toBe(
      'usage: parity drift [--target FILE] [--env NAME ...] [--refresh-only-plan NAME=FILE ...] [--timeout SECONDS] ' +
        '[--format text|markdown|json] [--output FILE]',
    );
    expect(text).toContain('  --timeout SECONDS            total time per environment, retries included (default 60)');
    expect(text).toContain('Exit codes: 0 no drift, 1 drift, 2 bad input, 3 a part of an environment could not be read.');
  } finally {
    write.mockRestore();
  }
  expect(fake.requests).toEqual([]);
});

describe('formats', () => {
  test('text names each environment, each engine and the call count', async () => {
    fake.account(STAGING).databases[0]!.engineVersion = '13.12';
    const { output } = await drift('--env', 'staging');
    expect(output.split('\n')[0]).toBe('parity drift: staging drift');
    expect(output).toContain('  rds orders-{env}: declared 16.8; staging 13.12 (drift)');
    expect(output.split('\n')[2]).toBe(
      '  staging  drift       account 222222222222; ssm ok, rds drift, elasticache ok, opensearch ok, terraform not-checked',
    );
    expect(output).toMatch(/^\d+ AWS requests, 0 retries\. staging: \d+ \(elasticache 5, opensearch 1, rds 2, ssm 3, sts 2\)$/m);
  });

  test('markdown stays under the GitHub comment limit with 10,000 unmanaged keys', async () => {
    for (let i = 0; i < 10_000; i++)
      fake.account(STAGING).parameters.set(`/orders/staging/HAND_MADE_${String(i).padStart(5, '0')}`, 'String');
    const { code, output } = await drift('--env', 'staging', '--format', 'markdown');
    expect(code).toBe(1);
    expect(output.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(output).toContain('| staging | ❌ drift | ❌ drift | ✅ ok | ✅ ok | ✅ ok | ➖ not checked | account 222222222222 |');
    expect(output).toContain('Unmanaged in <b>staging</b>: not declared in config/ (10000)');
    expect(output).toContain('and 9700 more');
  });
});
