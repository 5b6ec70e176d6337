/**
 * The promote target file (`parity promote check --target FILE`): it gives the engine's PromoteTarget
 * (this repository's, from a file, equals the project's), its published JSON Schema is its zod schema,
 * the docs' example loads, and every bad file is exit 2 with one line naming every problem at once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { z } from 'zod';
import { ExitError } from '../../packages/parity/src/shared/exit-error';
import { TARGET_FORMAT_FIX, loadPromoteTargetFile, promoteTargetFileSchema } from '../../packages/parity/src/promote/promote-target-file';
import { REPO } from '../cli/support/run-parity';
import { scratch } from '../support/scratch-dir';
import { SCHEMA_BASE, readSchema, validator } from '../reports/support/schemas';
import { target, targetFile } from './support/promote-test-env';

const { dir, write } = scratch('promote-target-');

function refusal(file: string): string {
  try {
    loadPromoteTargetFile(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ExitError);
    expect((error as ExitError).code).toBe(2);
    return (error as ExitError).message;
  }
  throw new Error(`${file} loaded`);
}

describe('the file gives the engine its PromoteTarget', () => {
  test("this repository's environments from a file: the project's target, messages naming the file", () => {
    const file = write('promote-target.json', targetFile());
    const loaded = loadPromoteTargetFile(file);
    expect(loaded.target).toEqual({
      source: file,
      environments: target.environments.map((env) => ({ ...env, declaredIn: file })),
    });
    expect(loaded.target.environments.map((e) => e.fingerprintParameter)).toEqual([
      '/orders/dev/PLATFORM_FINGERPRINT',
      '/orders/staging/PLATFORM_FINGERPRINT',
      '/orders/prod/PLATFORM_FINGERPRINT',
    ]);
    expect([...loaded.stacks]).toEqual([
      ['dev', 'dev'],
      ['staging', 'staging'],
      ['prod', 'prod'],
    ]);
  });

  test('YAML as well; `stack`, `source` and `declaredIn` when given', () => {
    const content = targetFile();
    const file = write(
      'promote-target.yaml',
      toYaml({
        ...content,
        source: 'infra/environments.ts',
        environments: content.environments.map((env) => ({ ...env, stack: `orders-${env.name}`, declaredIn: 'infra/envs.ts' })),
      }),
    );
    const loaded = loadPromoteTargetFile(file);
    expect(loaded.target.source).toBe('infra/environments.ts');
    expect(loaded.target.environments.map((e) => e.declaredIn)).toEqual(['infra/envs.ts', 'infra/envs.ts', 'infra/envs.ts']);
    expect(loaded.stacks.get('prod')).toBe('orders-prod');
  });

  test('the published JSON Schema is the zod schema (descriptions aside)', () => {
    const published = readSchema('promote-target.schema.json');
    const defs = published.$defs as Record<string, unknown>;
    // Resolve local $refs and drop what only documents, so the two compare key for key.
    const normalize = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(normalize);
      if (typeof node !== 'object' || node === null) return node;
      const record = node as Record<string, unknown>;
      const ref = typeof record.$ref === 'string' ? (defs[record.$ref.replace('#/$defs/', '')] as Record<string, unknown>) : {};
      const merged: Record<string, unknown> = { ...ref, ...record };
      for (const key of ['$ref', 'description', '$schema', '$id', 'title', '$defs']) delete merged[key];
      return Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, normalize(v)]));
    };
    expect(normalize(published)).toEqual(normalize(z.toJSONSchema(promoteTargetFileSchema, { io: 'input' })));
  });

  test('the example in docs/promote.md validates against the published schema and loads', () => {
    const doc = readFileSync(join(REPO, 'docs', 'promote.md'), 'utf8');
    const json = /## A target file[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)![1]!;
    const validate = validator().getSchema(`${SCHEMA_BASE}promote-target.schema.json`)!;
    expect(validate(JSON.parse(json))).toBe(true);
    expect(validate(targetFile())).toBe(true);
    expect(validate({ ...targetFile(), fingerprintParameter: '/orders/prod/PLATFORM_FINGERPRINT' })).toBe(false);
    const loaded = loadPromoteTargetFile(write('promote-target.json', json));
    expect(loaded.target.environments.map((e) => [e.name, e.parityGroup, e.fingerprintParameter])).toEqual([
      ['staging', 'production', '/payments/staging/PLATFORM_FINGERPRINT'],
      ['prod', 'production', '/payments/prod/PLATFORM_FINGERPRINT'],
    ]);
    expect([...loaded.stacks.values()]).toEqual(['payments-staging', 'payments-prod']);
  });
});

describe('a bad file: exit 2, one line', () => {
  const withEnvironment = (index: number, change: (env: Record<string, unknown>) => void) => {
    const content = targetFile();
    change(content.environments[index] as unknown as Record<string, unknown>);
    return content;
  };

  test('missing', () => {
    const file = join(dir, 'missing.json');
    expect(refusal(file)).toBe(
      `expected a promote target file (JSON or YAML) at \`${file}\`, found nothing: no such file or directory. ` +
        'Check the path given to `--target`.',
    );
  });

  test('not JSON', () => {
    const file = write('target.json', '{ "environments": [');
    expect(refusal(file)).toBe(
      `expected valid JSON in ${file}, found malformed JSON at the end of the file (Unexpected end of JSON input). ` +
        'Fix the file (it must be JSON), then run again.',
    );
  });

  test('not YAML', () => {
    const file = write('target.yaml', 'environments: [\n');
    expect(refusal(file)).toMatch(
      new RegExp(`^expected valid YAML in ${file}, found a syntax error: .+\\. Fix the file, then run again\\.$`),
    );
  });

  test('a list at the top', () => {
    const file = write('target.json', []);
    expect(refusal(file)).toBe(
      `expected the top level (a mapping) in the promote target file ${file}, found an empty list. ${TARGET_FORMAT_FIX}`,
    );
  });

  test('one problem: expected, found, fix', () => {
    const file = write(
      'target.json',
      withEnvironment(1, (env) => (env.regoin = env.region)),
    );
    expect(refusal(file)).toBe(
      'expected only the keys name, region, accountId, readOnlyRoleArn, declaredIn, parityGroup, stack at `environments[1]` ' +
        `in the promote target file ${file}, found the unknown key \`regoin\`. ${TARGET_FORMAT_FIX}`,
    );
  });

  test('every problem at once, numbered, on one line', () => {
    const content = targetFile() as unknown as Record<string, unknown>;
    delete content.fingerprintParameter;
    const environments = content.environments as Record<string, unknown>[];
    environments[0]!.accountId = 111111111111;
    delete environments[1]!.parityGroup;
    environments[2]!.readOnlyRoleArn = 'orders-prod-reader';
    const file = write('target.json', { ...content, envs: [] });
    const message = refusal(file);
    expect(message).toBe(
      `expected the promote target file ${file} to match schemas/promote-target.schema.json, found 5 problems: ` +
        '(1) expected `fingerprintParameter` (a string), found nothing; ' +
        '(2) expected `environments[0].accountId` (a string), found `111111111111`; ' +
        '(3) expected `environments[1].parityGroup` (a string), found nothing; ' +
        '(4) expected `environments[2].readOnlyRoleArn` to be an IAM role ARN (arn:aws:iam::123456789012:role/NAME), ' +
        'found the string `orders-prod-reader`; ' +
        '(5) expected only the keys fingerprintParameter, environments, source at the top level, found the unknown key `envs`. ' +
        TARGET_FORMAT_FIX,
    );
    expect(message).not.toContain('\n');
  });

  test.each([
    [
      'a parameter without `{env}`: every environment would read one parameter',
      { fingerprintParameter: '/orders/prod/PLATFORM_FINGERPRINT' },
      "`fingerprintParameter` to be an SSM parameter name with `{env}` once for the environment's name " +
        '(`/orders/{env}/PLATFORM_FINGERPRINT`)',
      'the string `/orders/prod/PLATFORM_FINGERPRINT`',
    ],
    [
      'a parameter with `{env}` twice',
      { fingerprintParameter: '/{env}/{env}/PLATFORM_FINGERPRINT' },
      "`fingerprintParameter` to be an SSM parameter name with `{env}` once for the environment's name " +
        '(`/orders/{env}/PLATFORM_FINGERPRINT`)',
      'the string `/{env}/{env}/PLATFORM_FINGERPRINT`',
    ],
    ['no environments', { environments: [] }, '`environments` to hold at least one entry', 'an empty list'],
    [
      'an environment named twice',
      { environments: [targetFile().environments[1], targetFile().environments[1]] },
      '`environments[1].name` to be environment names used once each',
      'the string `staging`',
    ],
    [
      'a stack name cdktf cannot write',
      { environments: [{ ...targetFile().environments[1], stack: 'stacks/staging' }] },
      '`environments[0].stack` to be a cdktf stack name (letters, digits, `-` and `_`), the directory under `stacks/`',
      'the string `stacks/staging`',
    ],
  ])('%s', (_name, change, expected, found) => {
    const file = write('target.json', { ...targetFile(), ...change });
    expect(refusal(file)).toBe(`expected ${expected} in the promote target file ${file}, found ${found}. ${TARGET_FORMAT_FIX}`);
  });
});
