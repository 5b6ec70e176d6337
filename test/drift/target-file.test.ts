/**
 * `parity drift --target FILE`: the DriftTarget from a JSON or YAML file, so drift runs outside any
 * project from flags and files alone. The file's zod schema and its published JSON Schema are held to
 * the engine's DriftTarget; the real CLI runs from a directory outside the repository against the fake
 * AWS server and gives the in-repository report; every bad file is exit 2 with its one line.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { z } from 'zod';
import { loadProjectConfig } from '../../config';
import { driftTargetOf } from '../../stacks/drift-target';
import type { DriftTarget } from '../../packages/parity/src/drift/drift-environment';
import { type DriftTargetFile, driftTargetFileSchema, loadDriftTargetFile } from '../../packages/parity/src/drift/drift-target-file';
import { ExitError } from '../../packages/parity/src/shared/exit-error';
import { run } from '../../packages/parity/src/cli/drift';
import { REPO, runParity } from '../cli/support/run-parity';
import { scratch } from '../support/scratch-dir';
import { SCHEMA_BASE, readSchema, validator } from '../reports/support/schemas';
import { startFakeAws, useSdkEnvironment } from './support/drift-test-env';
import type { FakeAwsServer } from './support/fake-aws-server';

const STAGING = '222222222222';
const EXAMPLE = join(__dirname, '..', 'fixtures', 'drift', 'target.example.json');

// The file's type is the engine's: every field, its optionality and its nesting, in both directions.
type Shape<T> = T extends readonly (infer U)[]
  ? Shape<U>[]
  : T extends string | number | boolean | null | undefined
    ? 'leaf' | Extract<T, undefined>
    : { -readonly [K in keyof T]: Shape<T[K]> };
type Equal<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;
const sameShape: Equal<Shape<DriftTarget>, Shape<DriftTargetFile>> = true;
const fileIsTarget = (file: DriftTargetFile): DriftTarget => file;

const { dir, write } = scratch('drift-target-');

/** This repository's target as plain JSON data (what a file holds). */
function projectTarget(): DriftTarget {
  return JSON.parse(JSON.stringify(driftTargetOf(loadProjectConfig()))) as DriftTarget;
}

describe('the file format mirrors DriftTarget', () => {
  test('types: the zod schema infers the engine type, field for field', () => {
    expect(sameShape).toBe(true);
    expect(fileIsTarget(driftTargetFileSchema.parse(projectTarget()))).toEqual(projectTarget());
  });

  test('the published JSON Schema is the zod schema (descriptions aside)', () => {
    const published = readSchema('drift-target.schema.json');
    const defs = published.$defs as Record<string, unknown>;
    // Resolve local $refs and drop what only documents, so the two compare key for key.
    const normalize = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(normalize);
      if (typeof node !== 'object' || node === null) return node;
      const record = node as Record<string, unknown>;
      const ref = typeof record.$ref === 'string' ? (defs[record.$ref.replace('#/$defs/', '')] as Record<string, unknown>) : {};
      const merged: Record<string, unknown> = { ...ref, ...record };
      delete merged.$ref;
      delete merged.description;
      delete merged.$schema;
      delete merged.$id;
      delete merged.title;
      delete merged.$defs;
      if (merged.maximum === Number.MAX_SAFE_INTEGER) delete merged.maximum;
      if (Array.isArray(merged.enum) && merged.type === 'string') delete merged.type;
      if (typeof merged.propertyNames === 'object') delete (merged.propertyNames as Record<string, unknown>).type;
      return Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, normalize(v)]));
    };
    expect(normalize(published)).toEqual(normalize(z.toJSONSchema(driftTargetFileSchema, { io: 'input' })));
  });

  test('the YAML example in docs/drift.md loads', () => {
    const doc = readFileSync(join(REPO, 'docs', 'drift.md'), 'utf8');
    const yaml = /## A target file[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
    const target = loadDriftTargetFile(write('drift-target.yaml', yaml));
    expect(target.environments.map((e) => e.name)).toEqual(['prod']);
    expect(target.source).toBe('drift-target.yaml');
  });

  test('the example validates against the published schema and loads', () => {
    const validate = validator().getSchema(`${SCHEMA_BASE}drift-target.schema.json`)!;
    const example = JSON.parse(JSON.stringify(loadDriftTargetFile(EXAMPLE))) as DriftTarget;
    expect(validate(JSON.parse(readFileSync(EXAMPLE, 'utf8')))).toBe(true);
    expect(validate(projectTarget())).toBe(true);
    expect(example.environments.map((e) => [e.name, e.declaredIn])).toEqual([
      ['staging', EXAMPLE],
      ['prod', EXAMPLE],
    ]);
    expect(example.source).toBe(EXAMPLE);
    const typo = { environments: [{ ...projectTarget().environments[0], regoin: 'eu-west-1' }] };
    expect(validate(typo)).toBe(false);
  });
});

describe('through the real CLI, outside the repository, against the fake AWS server', () => {
  let fake: FakeAwsServer;
  let restore: () => void;
  beforeAll(async () => {
    fake = await startFakeAws(loadProjectConfig());
    fake.callerAccountId = STAGING;
    restore = useSdkEnvironment(fake.url);
  });
  afterAll(async () => {
    restore();
    await fake.close();
  });

  test('a JSON and a YAML target give the in-repository report for the same environments', async () => {
    expect(relative(REPO, dir).startsWith('..')).toBe(true);
    const json = write('target.json', projectTarget());
    const yaml = write('target.yaml', toYaml(projectTarget()));
    const args = ['--env', 'staging', '--env', 'prod'];
    const inRepo = await runParity(['drift', ...args, '--format', 'json']);
    const fromJson = await runParity(['drift', '--target', json, ...args, '--format', 'json'], { cwd: dir });
    const fromYaml = await runParity(['drift', '--target', yaml, ...args], { cwd: dir });
    const inRepoText = await runParity(['drift', ...args]);
    expect(inRepo.code).toBe(0);
    expect(JSON.parse(inRepo.stdout).environments).toMatchObject({ staging: { status: 'ok' }, prod: { status: 'ok' } });
    // stderr may hold the SDK's Node version notice (with its pid): only the reports and codes are compared.
    expect({ code: fromJson.code, stdout: fromJson.stdout }).toEqual({ code: 0, stdout: inRepo.stdout });
    expect({ code: fromYaml.code, stdout: fromYaml.stdout }).toEqual({ code: inRepoText.code, stdout: inRepoText.stdout });
    expect(inRepoText.stdout.split('\n')[0]).toBe('parity drift: staging ok, prod ok');
  }, 120_000);

  test('drift found from a target file is exit 1 as in the repository', async () => {
    fake.account(STAGING).parameters.set('/orders/staging/HAND_MADE', 'String');
    try {
      const target = write('target.json', projectTarget());
      const result = await runParity(['drift', '--target', target, '--env', 'staging', '--format', 'json'], { cwd: dir });
      expect(result.code).toBe(1);
      expect(JSON.parse(result.stdout).ssm.unmanaged).toEqual({ staging: ['HAND_MADE'] });
    } finally {
      fake.account(STAGING).parameters.delete('/orders/staging/HAND_MADE');
    }
  }, 60_000);

  test('--target wins over the project module inside the repository', async () => {
    const staging = projectTarget().environments.filter((e) => e.name === 'staging');
    const target = write('staging-only.json', { environments: staging });
    const result = await runParity(['drift', '--target', target, '--env', 'prod']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `parity: expected \`--env\` one of the environments in ${target} (staging), found \`prod\`. Run again with \`--env staging\`, ` +
        'or leave `--env` out to check every environment.\n',
    );
  }, 60_000);

  test('neither a target nor a project: exit 2 naming both ways', async () => {
    const before = fake.requests.length;
    const result = await runParity(['drift'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'parity: expected `parity drift` to run in a cdktf project whose `parity-project` module gives `driftTarget()` (the ' +
        `environments, accounts and declared values to compare), found no cdktf project with a \`parity-project\` module at or ` +
        `above \`${dir}\`. Run it from the project's directory, or add \`driftTarget()\` to its \`parityProject\` (see ` +
        "@env-parity/parity's README). Or pass `--target FILE`: the environments as JSON or YAML (schemas/drift-target.schema.json).\n",
    );
    expect(fake.requests.length).toBe(before);
  }, 60_000);
});

describe('a bad target file: exit 2, one line, before any AWS call', () => {
  const FIX = 'Fix the file; its format is in docs/drift.md ("A target file") and schemas/drift-target.schema.json.';

  async function refusal(file: string): Promise<string> {
    const error = await run(['--target', file]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ExitError);
    expect((error as ExitError).code).toBe(2);
    return (error as ExitError).message;
  }

  function withEnvironment(index: number, change: (env: Record<string, unknown>) => void): DriftTarget {
    const target = projectTarget();
    change(target.environments[index] as unknown as Record<string, unknown>);
    return target;
  }

  test('missing', async () => {
    const file = join(dir, 'missing.json');
    expect(await refusal(file)).toBe(
      `expected a drift target file (JSON or YAML) at \`${file}\`, found nothing: no such file or directory. ` +
        'Check the path given to `--target`.',
    );
  });

  test('not JSON', async () => {
    const file = write('target.json', '{ "environments": [');
    expect(await refusal(file)).toBe(
      `expected valid JSON in ${file}, found malformed JSON at the end of the file (Unexpected end of JSON input). ` +
        'Fix the file (it must be JSON), then run again.',
    );
  });

  test('not YAML', async () => {
    const file = write('target.yaml', 'environments: [\n');
    expect(await refusal(file)).toMatch(
      new RegExp(`^expected valid YAML in ${file}, found a syntax error: .+\\. Fix the file, then run again\\.$`),
    );
  });

  test('a list at the top', async () => {
    const file = write('target.json', []);
    expect(await refusal(file)).toBe(`expected the top level (a mapping) in the drift target file ${file}, found an empty list. ${FIX}`);
  });

  test('an unknown key names the keys allowed there', async () => {
    const file = write(
      'target.json',
      withEnvironment(1, (env) => (env.regoin = env.region)),
    );
    expect(await refusal(file)).toBe(
      'expected only the keys name, region, accountId, readOnlyRoleArn, declaredIn, resourceName, resources, ssmPath, declared ' +
        `at \`environments[1]\` in the drift target file ${file}, found the unknown key \`regoin\`. ${FIX}`,
    );
  });

  test('an unknown key at the top', async () => {
    const file = write('target.yaml', toYaml({ ...projectTarget(), environment: [] }));
    expect(await refusal(file)).toBe(
      `expected only the keys environments, source at the top level in the drift target file ${file}, found the unknown key ` +
        `\`environment\`. ${FIX}`,
    );
  });

  test('a missing field names its path', async () => {
    const file = write(
      'target.json',
      withEnvironment(1, (env) => delete env.region),
    );
    expect(await refusal(file)).toBe(
      `expected \`environments[1].region\` (a string) in the drift target file ${file}, found nothing. ${FIX}`,
    );
  });

  test('every problem of a file at once, numbered, on one line', async () => {
    const target = withEnvironment(1, (env) => {
      delete env.region;
      env.regoin = 'eu-west-1';
    });
    (target.environments[0] as unknown as Record<string, unknown>).accountId = 222222222222;
    const file = write('target.json', target);
    const message = await refusal(file);
    expect(message).toBe(
      `expected the drift target file ${file} to match schemas/drift-target.schema.json, found 3 problems: ` +
        '(1) expected `environments[0].accountId` (a string), found `222222222222`; ' +
        '(2) expected `environments[1].region` (a string), found nothing; ' +
        '(3) expected only the keys name, region, accountId, readOnlyRoleArn, declaredIn, resourceName, resources, ssmPath, ' +
        `declared at \`environments[1]\`, found the unknown key \`regoin\`. ${FIX}`,
    );
    expect(message).not.toContain('\n');
  });

  test.each([
    [
      'a number for a string',
      (env: Record<string, unknown>) => (env.accountId = 222222222222),
      '`environments[0].accountId` (a string)',
      '`222222222222`',
    ],
    [
      'a string for a boolean',
      (env: Record<string, unknown>) => ((env.declared as { database: Record<string, unknown> }).database.multiAz = 'yes'),
      '`environments[0].declared.database.multiAz` (a boolean)',
      'the string `yes`',
    ],
    [
      'a number for a String value',
      (env: Record<string, unknown>) => ((env.declared as { stringValues: Record<string, unknown> }).stringValues.LOG_LEVEL = 3),
      '`environments[0].declared.stringValues.LOG_LEVEL` (a string)',
      '`3`',
    ],
    [
      'an SSM type that does not exist',
      (env: Record<string, unknown>) => ((env.declared as { ssmKeys: { type: string }[] }).ssmKeys[0]!.type = 'Secure'),
      '`environments[0].declared.ssmKeys[0].type` one of String, StringList, SecureString',
      'the string `Secure`',
    ],
    [
      'an account id that is not 12 digits',
      (env: Record<string, unknown>) => (env.accountId = '2222'),
      '`environments[0].accountId` to be a 12-digit AWS account id, as a string',
      'the string `2222`',
    ],
    [
      'an SSM path with a trailing slash',
      (env: Record<string, unknown>) => (env.ssmPath = '/orders/dev/'),
      '`environments[0].ssmPath` to be an SSM path starting with `/`, without a trailing `/` (`/orders/prod`)',
      'the string `/orders/dev/`',
    ],
    [
      'a fractional count',
      (env: Record<string, unknown>) => ((env.declared as { cache: Record<string, unknown> }).cache.shards = 1.5),
      '`environments[0].declared.cache.shards` (a whole number)',
      '`1.5`',
    ],
  ])('%s', async (_name, change, expected, found) => {
    const file = write('target.json', withEnvironment(0, change));
    expect(await refusal(file)).toBe(`expected ${expected} in the drift target file ${file}, found ${found}. ${FIX}`);
  });

  test('an environment named twice', async () => {
    const target = projectTarget();
    const file = write('target.json', { environments: [target.environments[0], target.environments[0]] });
    expect(await refusal(file)).toBe(
      `expected \`environments[1].name\` to be environment names used once each in the drift target file ${file}, found the ` +
        `string \`dev\`. ${FIX}`,
    );
  });

  test('no environments', async () => {
    const file = write('target.json', { environments: [] });
    expect(await refusal(file)).toBe(
      `expected \`environments\` to hold at least one entry in the drift target file ${file}, found an empty list. ${FIX}`,
    );
  });
});
