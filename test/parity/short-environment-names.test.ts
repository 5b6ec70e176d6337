/**
 * Short environment names (`--hcl a=DIR --hcl b=DIR`, `qa`, `us`): a name under three characters is
 * taken out of a text only where it is a delimited part of something longer (`orders-b`,
 * `b-bucket`), never when it is the whole value (`"a"`, `tier = "b"`) unless the attribute names an
 * environment (`environment = "a"`, a tag `Environment`), and never as an AWS region's prefix
 * (`us-east-1`). Normal names (`staging`, `prod`) keep the whole-token rule everywhere.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkParityOf } from '../../packages/parity/src/parity/check-parity';
import { environmentNameNormalizer, isEnvironmentKey } from '../../packages/parity/src/shared/environment-names';

const VALUES = ['a', 'b', 'b-bucket', 'orders-b', 'us-east-1b', 'A', 'qa', 'orders-qa', 'us', 'us-east-1', 'us-gov-west-1', 'orders-us'];

/** name → value → what the normalizer makes of it (in an attribute that does not name an environment). */
const EXPECTED: Record<string, Record<string, string>> = {
  a: { a: 'a', A: 'A' },
  b: { b: 'b', 'b-bucket': '{env}-bucket', 'orders-b': 'orders-{env}' },
  qa: { qa: 'qa', 'orders-qa': 'orders-{env}' },
  us: { us: 'us', 'orders-us': 'orders-{env}' },
  prod: {},
};

const cases = Object.entries(EXPECTED).flatMap(([name, changed]) => VALUES.map((value) => [name, value, changed[value] ?? value] as const));

describe('the normalizer and short names', () => {
  test.each(cases)('environment `%s`: %j becomes %j', (name, value, expected) => {
    expect(environmentNameNormalizer([name])(value)).toBe(expected);
  });

  test.each(['a', 'b', 'qa', 'us'])('environment `%s`: the whole value is taken out where the attribute names an environment', (name) => {
    const normalize = environmentNameNormalizer([name]);
    expect(normalize(name, { namesEnvironment: true })).toBe('{env}');
    expect(normalize(name.toUpperCase(), { namesEnvironment: true })).toBe('{env}');
    expect(normalize(`${name}-bucket`, { namesEnvironment: true })).toBe('{env}-bucket');
    // Even there, a region stays a region.
    expect(normalize('us-east-1', { namesEnvironment: true })).toBe('us-east-1');
  });

  test.each([
    ['prod', 'prod', '{env}'],
    ['prod', 'production', '{env}'],
    ['prod', 'orders-prod-db', 'orders-{env}-db'],
    ['prod', 'product', 'product'],
    ['staging', 'staging', '{env}'],
    ['staging', 'stg', '{env}'],
    ['staging', 'orders-staging', 'orders-{env}'],
    ['dev', 'dev', '{env}'],
    ['qa', 'test', '{env}'],
  ])('environment `%s`: names of three or more letters keep the whole-token rule (%j becomes %j)', (name, value, expected) => {
    const normalize = environmentNameNormalizer([name]);
    expect(normalize(value)).toBe(expected);
    expect(normalize(value, { namesEnvironment: true })).toBe(expected);
  });

  test.each([
    ['environment', true],
    ['Environment', true],
    ['env', true],
    ['ENV_NAME', true],
    ['environment_name', true],
    ['stage', true],
    ['stage-name', true],
    ['workspace', true],
    ['tier', false],
    ['availability_zone_suffix', false],
    ['bucket', false],
    ['name', false],
    ['environments', false],
  ])('`%s` names an environment: %s', (key, expected) => {
    expect(isEnvironmentKey(key)).toBe(expected);
  });
});

describe('`parity check --hcl a=DIR --hcl b=DIR` through the engine', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'parity-short-names-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function write(env: string, zoneSuffix: string): string {
    const dir = join(root, env);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'main.tf'),
      [
        'resource "aws_s3_bucket" "data" {',
        `  bucket = "${env}-bucket"`,
        '  tags = {',
        `    Environment = "${env}"`,
        '    tier        = "b"',
        '    region      = "us-east-1"',
        '  }',
        '}',
        'resource "aws_subnet" "private" {',
        `  availability_zone_suffix = "${zoneSuffix}"`,
        `  availability_zone        = "us-east-1${zoneSuffix}"`,
        '}',
        '',
      ].join('\n'),
    );
    return dir;
  }

  test('a zone suffix that differs is a difference; a tier both share, the bucket and the Environment tag are not', async () => {
    const report = await checkParityOf({
      source: {
        kind: 'hcl',
        directories: new Map([
          ['a', write('a', 'a')],
          ['b', write('b', 'b')],
        ]),
      },
    });
    const differences = report.groups.flatMap((g) => g.differences.map((d) => `${d.address} ${d.path}: ${JSON.stringify(d.values)}`));
    expect(differences).toEqual([
      'aws_subnet.private availability_zone: {"a":"us-east-1a","b":"us-east-1b"}',
      'aws_subnet.private availability_zone_suffix: {"a":"a","b":"b"}',
    ]);
    expect(report.groups.flatMap((g) => g.onlyIn)).toEqual([]);
  });

  test('the same zone suffix in both is no difference', async () => {
    const report = await checkParityOf({
      source: {
        kind: 'hcl',
        directories: new Map([
          ['a', write('a', 'a')],
          ['b', write('b', 'a')],
        ]),
      },
    });
    expect(report.groups.flatMap((g) => [...g.differences, ...g.onlyIn])).toEqual([]);
    expect(report.status).toBe('pass');
  });
});
