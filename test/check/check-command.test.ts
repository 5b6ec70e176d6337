/** `parity check` through its command module: options, exit codes, output, waivers, bad input. */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../packages/parity/src/cli/check';
import { ExitError } from '../../packages/parity/src/shared/exit-error';

const ROOT = join(__dirname, '..', '..');
const STACKS = join(ROOT, 'test', 'fixtures', 'stacks', 'orders', 'stacks');
const ORDERS_HCL = join(ROOT, 'test', 'fixtures', 'hcl', 'orders-terraform');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parity-check-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(relative: string, text: string): string {
  const file = join(dir, relative);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
}

async function runTo(args: string[]): Promise<{ code: number; output: string }> {
  const output = join(dir, `out-${Math.random().toString(36).slice(2)}.txt`);
  const code = await run([...args, '--output', output]);
  return { code, output: readFileSync(output, 'utf8') };
}

async function badInput(args: string[]): Promise<string> {
  const error = await run(args).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExitError);
  expect((error as ExitError).code).toBe(2);
  return (error as ExitError).message;
}

const hclArgs = ['--hcl', `staging=${join(ORDERS_HCL, 'envs', 'staging')}`, '--hcl', `prod=${join(ORDERS_HCL, 'envs', 'prod')}`];

describe('exit codes and formats', () => {
  test('json: schemaVersion 1, groups with differences, onlyIn and waived; exit 1 on differences', async () => {
    const { code, output } = await runTo([...hclArgs, '--policy', join(ORDERS_HCL, 'parity-policy.yaml'), '--format', 'json']);
    const report = JSON.parse(output);
    expect(code).toBe(1);
    // The shared report envelope (schemas/check.schema.json) is version 2; the report's own fields stay for one version.
    expect(report.schemaVersion).toBe(2);
    expect(report.groups[0]).toMatchObject({ name: 'production', environments: ['staging', 'prod'] });
    expect(report.groups[0].differences[0]).toEqual({
      address: 'aws_db_instance.main',
      path: 'engine_version',
      values: { staging: '16.4', prod: '16.8' },
      absentIn: [],
      unknownIn: [],
      kind: 'invariant',
    });
    expect(report.groups[0].onlyIn).toEqual([{ address: 'aws_s3_bucket.legacy_exports', environments: ['prod'], kind: 'invariant' }]);
    expect(report.groups[0].waived[0].waiver.owner).toBe('platform-team');
  });

  test('text: the alarm e-mail no default knob covers is a marked cell of the matrix; exit 1', async () => {
    const policy = write('orders-groups.yaml', 'groups:\n  production: [staging, prod]\n  development: [dev]\n');
    const { code, output } = await runTo(['--stacks', STACKS, '--policy', policy, '--group', 'production']);
    const lines = output.split('\n');
    expect(code).toBe(1);
    expect(lines[2]).toBe('production: staging, prod');
    expect(lines[3]).toMatch(/^ {2}resource attribute +staging +prod +rule$/);
    expect(lines[4]).toMatch(
      /^ {2}aws_sns_topic_subscription\.alarm_email_0 endpoint +\{env\}-alerts@example\.com +oncall@example\.com\* +invariant$/,
    );
    expect(output).not.toContain('\u001b[');
  });

  test('--group keeps one group; parity holds in it with the defaults', async () => {
    const policy = write(
      'orders-groups-knobs.yaml',
      'groups:\n  production: [staging, prod]\n  development: [dev]\nscaleKnobs:\n  - aws_sns_topic_subscription.*.endpoint\n',
    );
    const { code, output } = await runTo(['--stacks', STACKS, '--policy', policy, '--group', 'production']);
    expect(output.split('\n')[0]).toBe(
      `parity check: PASS: 0 differences, 0 resources in some environments only, 0 waived, 13 allowed (policy: ${policy})`,
    );
    expect(code).toBe(0);
  });

  test('an expired waiver fails the check even when the differences it covered are gone', async () => {
    const policy = write(
      'expired.yaml',
      'groups:\n  production: [staging, prod]\n  development: [dev]\nscaleKnobs:\n  - ' +
        'aws_sns_topic_subscription.*.endpoint\nwaivers:\n  - address: aws_s3_bucket.legacy\n    reason: kept until the export job ' +
        'moves\n    owner: data-team\n    expires: "2020-01-31"\n',
    );
    const { code, output } = await runTo(['--stacks', STACKS, '--policy', policy, '--group', 'production']);
    expect(code).toBe(1);
    expect(output).toContain(
      'expired waiver: aws_s3_bucket.legacy (owner data-team) expired 2020-01-31: renew it with a new date or fix the difference',
    );
  });

  test('a waiver that matches nothing is a warning, and fails with --strict', async () => {
    const policy = write(
      'unused.yaml',
      'groups:\n  production: [staging, prod]\n  development: [dev]\nscaleKnobs:\n  - ' +
        'aws_sns_topic_subscription.*.endpoint\nwaivers:\n  - address: aws_s3_bucket.gone\n    reason: the bucket was removed last ' +
        'sprint\n    owner: data-team\n    expires: "2099-01-31"\n',
    );
    const lenient = await runTo(['--stacks', STACKS, '--policy', policy, '--group', 'production']);
    expect(lenient.code).toBe(0);
    expect(lenient.output).toContain('warning: waiver for `aws_s3_bucket.gone` (owner data-team) matches nothing: remove it');
    const strict = await runTo(['--stacks', STACKS, '--policy', policy, '--group', 'production', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.output).toContain('matches nothing: remove it (fails with --strict)');
  });
});

describe('bad input: exit 2 with what was expected, what was found and the fix', () => {
  test('a missing directory', async () => {
    expect(await badInput(['--stacks', join(dir, 'nope')])).toBe(
      `expected a \`cdktf.out/stacks\` directory at \`${join(dir, 'nope')}\`, found nothing: no such file or directory. Run \`npx ` +
        `cdktf synth\` (or \`npm run synth\`) first, then pass \`--stacks cdktf.out/stacks\`.`,
    );
  });

  test('an empty stacks directory', async () => {
    mkdirSync(join(dir, 'empty'), { recursive: true });
    expect(await badInput(['--stacks', join(dir, 'empty')])).toBe(
      `expected one directory per stack in ${join(dir, 'empty')}, each with a cdk.tf.json, found an empty directory. Run \`npx cdktf ` +
        `synth\` first, then pass its \`cdktf.out/stacks\`.`,
    );
  });

  test('malformed JSON names the file, line and column', async () => {
    cpSync(join(STACKS, 'dev'), join(dir, 'malformed', 'stacks', 'dev'), { recursive: true });
    const file = write(
      'malformed/stacks/prod/cdk.tf.json',
      '{\n  "resource": {\n    "aws_s3_bucket": { "b": { "bucket": "x", } }\n  }\n}\n',
    );
    expect(await badInput(['--stacks', join(dir, 'malformed')])).toBe(
      `expected valid JSON in ${file}, found malformed JSON at line 3, column 46 (Expected double-quoted property name). Fix the ` +
        `file (if cdktf wrote it, synthesize again: \`npx cdktf synth\`).`,
    );
  });

  test('HCL that does not parse names the file and line', async () => {
    const file = write('hclbad/staging/main.tf', 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n  acl =\n}\n');
    write('hclbad/prod/main.tf', 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n');
    expect(await badInput(['--hcl', `staging=${join(dir, 'hclbad', 'staging')}`, '--hcl', `prod=${join(dir, 'hclbad', 'prod')}`])).toBe(
      `expected HCL that parses in ${file}, found a syntax error at line 3, column 8: Invalid expression (Expected the start of an ` +
        `expression, but found an invalid expression token.). Fix ${file} (\`terraform validate\` in its directory shows the same ` +
        `error), then run again.`,
    );
  });

  test('a group naming an unknown environment', async () => {
    const policy = write('unknown-env.yaml', 'groups:\n  production: [staging, qa]\n');
    expect(await badInput(['--stacks', STACKS, '--policy', policy])).toBe(
      `expected parity group \`production\` to name loaded environments (dev, prod, staging), found \`qa\`. Add the environment ` +
        `(\`--hcl qa=DIR\` or its stack), or remove it from the group in ${policy}.`,
    );
  });

  test('a policy file with an unknown key', async () => {
    const policy = write('unknown-key.yaml', 'groups:\n  production: [staging, prod]\nallow:\n  - x\n');
    expect(await badInput(['--stacks', STACKS, '--policy', policy])).toBe(
      `expected only the keys groups, scaleKnobs, topology, waivers, defaults (and the documented keys of each entry) in policy file ` +
        `${policy}, found unknown key \`allow\`. Fix the policy file; its format is in README.md, "Checking parity".`,
    );
  });

  test.each([
    [['--stacks', STACKS, '--group', 'nope'], 'expected `--group` one of `default`, found `nope`. Run again with `--group default`.'],
    [['--format', 'pdf'], 'expected `--format` one of text, markdown, json, html, found `pdf`. Run again with `--format text`.'],
    [
      ['--stacks', STACKS, '--hcl', 'a=b'],
      'expected either `--stacks` or `--hcl`, found both. Check the cdktf stacks and the HCL directories in two runs.',
    ],
    [
      ['extra'],
      'expected only options, found `extra`. Run `npx parity check [--stacks DIR | --hcl NAME=DIR --hcl NAME=DIR ...] [--policy ' +
        'FILE] [--format text|markdown|json|html] [--output FILE] [--group NAME] [--strict]`.',
    ],
  ])('%j', async (args, message) => {
    expect(await badInput(args)).toBe(message);
  });

  test('a missing HCL directory', async () => {
    expect(await badInput(['--hcl', `staging=${join(dir, 'nope')}`, '--hcl', `prod=${join(ORDERS_HCL, 'envs', 'prod')}`])).toBe(
      `expected a directory of Terraform files for \`staging\` at \`${join(dir, 'nope')}\`, found nothing: no such file or ` +
        `directory. Check the path: \`--hcl staging=envs/staging\`.`,
    );
  });
});
