/**
 * References in HCL expressions come from the HCL parser: issue 11's two examples (identical
 * directories reported as different before), differences that live only inside a reference, for
 * scopes, directives, and what stays unknown.
 */
import { getReferencesInExpression, parse } from '@cdktf/hcl2json';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../packages/parity/src/cli/check';
import { checkParityOf } from '../../packages/parity/src/parity/check-parity';
import { UnknownValue } from '../../packages/parity/src/parity/environment-model';
import { loadHclDirectory } from '../../packages/parity/src/parity/hcl/load-hcl-directory';
import { UnparsableTemplate, parseTemplate, parsedTemplateCount } from '../../packages/parity/src/parity/hcl/template-parts';
import { generateLayout, writeLayout } from './hcl-layout-generator';

const NOW = new Date('2026-06-01T00:00:00Z');
let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'parity-hcl-references-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Two environment directories (`staging`, `prod`) under `name`, from one text each (or the same). */
function pair(name: string, staging: Record<string, string>, prod: Record<string, string> = staging): Map<string, string> {
  writeLayout(join(root, name, 'staging'), staging);
  writeLayout(join(root, name, 'prod'), prod);
  return new Map([
    ['staging', join(root, name, 'staging')],
    ['prod', join(root, name, 'prod')],
  ]);
}

async function findings(directories: Map<string, string>) {
  const report = await checkParityOf({ source: { kind: 'hcl', directories }, now: NOW });
  return { status: report.status, findings: report.groups.flatMap((g) => [...g.differences, ...g.onlyIn]) };
}

async function exitCode(directories: Map<string, string>): Promise<number> {
  const output = join(root, `out-${Math.random().toString(36).slice(2)}.json`);
  const code = await run([...[...directories].flatMap(([env, dir]) => ['--hcl', `${env}=${dir}`]), '--format', 'json', '--output', output]);
  JSON.parse(readFileSync(output, 'utf8'));
  return code;
}

describe("issue 11's examples: identical directories have parity", () => {
  const LOCAL_BUCKET =
    'resource "aws_s3_bucket" "local" {\n  bucket = "exports"\n}\n\nresource ' +
    '"aws_s3_bucket_policy" "exports" {\n  bucket = aws_s3_bucket.local.id\n}\n';
  const LOOKUP = 'resource "aws_s3_bucket" "exports" {\n  bucket = lookup({a = "var.region"}, "a")\n}\n';

  test('`bucket = aws_s3_bucket.local.id` is a reference to a resource named `local`, not to `local.id`', async () => {
    const directories = pair('local-bucket', { 'main.tf': LOCAL_BUCKET });
    expect(await findings(directories)).toEqual({ status: 'pass', findings: [] });
    expect(await exitCode(directories)).toBe(0);
    expect(
      (await loadHclDirectory('staging', directories.get('staging')!)).resources.get('aws_s3_bucket_policy.exports')!.get('bucket'),
    ).toBe('${aws_s3_bucket.local.id}');
  });

  test('the string "var.region" inside `lookup({a = "var.region"}, "a")` is a literal, not a variable', async () => {
    const directories = pair('lookup-literal', { 'main.tf': LOOKUP });
    expect(await findings(directories)).toEqual({ status: 'pass', findings: [] });
    expect(await exitCode(directories)).toBe(0);
    expect((await loadHclDirectory('staging', directories.get('staging')!)).resources.get('aws_s3_bucket.exports')!.get('bucket')).toBe(
      '${lookup({a = "var.region"}, "a")}',
    );
  });
});

const VARIABLES =
  'variable "a" {\n  default = "one"\n}\n\nvariable "b" {\n  default = "two"\n}\n\nvariable ' +
  '"names" {\n  default = ["x", "y"]\n}\n\nvariable "suffix" {\n  type = string\n}\n\n' +
  'variable "on" {\n  type = bool\n}\n';

/** One directory's files: VARIABLES, a terraform.tfvars and a main.tf. */
function withVariables(tfvars: string, main: string): Record<string, string> {
  return { 'variables.tf': VARIABLES, 'terraform.tfvars': tfvars, 'main.tf': main };
}

describe('differences that live only inside a reference', () => {
  test('`var.a` against `var.b`, resolved to different values, is exactly that one difference', async () => {
    const tfvars = 'suffix = "s"\non = true\n';
    const directories = pair(
      'a-or-b',
      withVariables(tfvars, 'resource "aws_sqs_queue" "jobs" {\n  name = "app-${var.a}"\n  tags = { Same = var.a }\n}\n'),
      withVariables(tfvars, 'resource "aws_sqs_queue" "jobs" {\n  name = "app-${var.b}"\n  tags = { Same = var.a }\n}\n'),
    );
    expect(await findings(directories)).toEqual({
      status: 'fail',
      findings: [
        {
          address: 'aws_sqs_queue.jobs',
          path: 'name',
          values: { staging: 'app-one', prod: 'app-two' },
          absentIn: [],
          unknownIn: [],
          kind: 'invariant',
        },
      ],
    });
    expect(await exitCode(directories)).toBe(1);
  });

  test("an input used in a for-expression's value (which getReferencesInExpression skips) is substituted and compared", async () => {
    const main =
      'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n  policy = join(",", [for s in ' +
      'var.names : "${s}-${var.suffix}" if s != var.a])\n}\n';
    const directories = pair(
      'for-value',
      withVariables('suffix = "blue"\non = true\n', main),
      withVariables('suffix = "red"\non = true\n', main),
    );
    const { findings: found } = await findings(directories);
    expect(found).toEqual([
      {
        address: 'aws_sqs_queue.jobs',
        path: 'policy',
        values: {
          staging: '${join(",", [for s in ["x","y"] : "${s}-${"blue"}" if s != "one"])}',
          prod: '${join(",", [for s in ["x","y"] : "${s}-${"red"}" if s != "one"])}',
        },
        absentIn: [],
        unknownIn: [],
        kind: 'invariant',
      },
    ]);
  });

  test('an input in a heredoc directive (`%{ if var.on }`) is substituted and compared', async () => {
    const main =
      'resource "aws_ssm_parameter" "flag" {\n  name  = "flag"\n  value = <<-EOT\n    %{ if ' +
      'var.on }enabled%{ else }disabled%{ endif } in ${var.a}\n  EOT\n}\n';
    const directories = pair(
      'directive',
      withVariables('suffix = "s"\non = true\n', main),
      withVariables('suffix = "s"\non = false\n', main),
    );
    const { findings: found } = await findings(directories);
    expect(found.map((f) => ['address' in f && f.address, 'path' in f && f.path, 'values' in f && f.values])).toEqual([
      [
        'aws_ssm_parameter.flag',
        'value',
        { staging: '%{if true}enabled%{else}disabled%{endif} in one\n', prod: '%{if false}enabled%{else}disabled%{endif} in one\n' },
      ],
    ]);
  });
});

describe('what the parser tells the resolver', () => {
  test("a for-expression's own names shadow the inputs: `[for var in local.objs : var.name]` refers to no variable", async () => {
    const directories = pair('shadow', {
      'main.tf':
        'locals {\n  objs = [{ name = "n1" }]\n}\n\nresource "aws_sqs_queue" "q" {\n  name = ' +
        'join(",", [for var in local.objs : var.name])\n}\n',
    });
    const model = await loadHclDirectory('staging', directories.get('staging')!);
    expect(model.resources.get('aws_sqs_queue.q')!.get('name')).toBe('${join(",", [for var in [{"name":"n1"}] : var.name])}');
  });

  test('a local that is a one-element list stays a list (hcl2json wraps blocks in lists, not local values)', async () => {
    const directories = pair('one-element', {
      'main.tf':
        'locals {\n  zones = ["eu-west-1a"]\n  tags  = [{ team = "orders" }]\n}\n\nresource ' +
        '"aws_db_subnet_group" "g" {\n  name = "g"\n  zones = local.zones\n  first = ' +
        'local.tags[0].team\n}\n',
    });
    const attributes = (await loadHclDirectory('staging', directories.get('staging')!)).resources.get('aws_db_subnet_group.g')!;
    expect([attributes.get('zones'), attributes.get('first')]).toEqual([['eu-west-1a'], 'orders']);
  });

  test('a syntax error on a line with `${"$"}{` is reported at its column in the file as written', async () => {
    const directories = pair('syntax-error', { 'main.tf': 'resource "aws_sqs_queue" "q" {\n  name = "${"$"}{x}" ! 1\n}\n' });
    await expect(loadHclDirectory('staging', directories.get('staging')!)).rejects.toThrow(
      /found a syntax error at line 2, column 22: Missing newline after argument/,
    );
  });

  test('an undeclared input is still unknown, with the reason', async () => {
    const directories = pair('undeclared', {
      'main.tf': 'resource "aws_sqs_queue" "q" {\n  name = "q-${var.missing}"\n  delay_seconds = local.missing[0]\n}\n',
    });
    const attributes = (await loadHclDirectory('staging', directories.get('staging')!)).resources.get('aws_sqs_queue.q')!;
    expect([attributes.get('name'), attributes.get('delay_seconds')].map((v) => (v as UnknownValue).reason)).toEqual([
      'var.missing is not declared',
      'local.missing is not declared',
    ]);
  });

  test('an interpolation the parser refuses (in a .tf.json) is unknown, never text that compares equal', async () => {
    const directories = pair('unparsable', { 'main.tf.json': JSON.stringify({ resource: { aws_sqs_queue: { q: { name: '${var.a' } } } }) });
    const name = (await loadHclDirectory('staging', directories.get('staging')!)).resources.get('aws_sqs_queue.q')!.get('name');
    expect(name).toBeInstanceOf(UnknownValue);
    expect((name as UnknownValue).reason).toMatch(/^the expression "\$\{var\.a" does not parse: /);
  });

  test('one string the parser refuses leaves the others of its batch resolved', async () => {
    const queue = { good: '${var.a}-x', bad: '${var.a', list: ['${var.b}', 'plain'] };
    const directories = pair('batch', {
      'variables.tf': 'variable "a" {\n  default = "one"\n}\n\nvariable "b" {\n  default = "two"\n}\n',
      'main.tf.json': JSON.stringify({ resource: { aws_sqs_queue: { q: queue } } }),
    });
    const attributes = (await loadHclDirectory('staging', directories.get('staging')!)).resources.get('aws_sqs_queue.q')!;
    expect([attributes.get('good'), attributes.get('list')]).toEqual(['one-x', ['two', 'plain']]);
    expect(attributes.get('bad')).toBeInstanceOf(UnknownValue);
  });

  test('each distinct string goes to the parser once: a second directory with the same text parses nothing', async () => {
    const text = withVariables(
      'suffix = "s"\non = true\n',
      'resource "aws_sqs_queue" "once" {\n  name = "${var.a}-${var.suffix}-cache-probe"\n}\n',
    );
    const directories = pair('cache', text);
    await loadHclDirectory('staging', directories.get('staging')!);
    const after = parsedTemplateCount();
    await loadHclDirectory('prod', directories.get('prod')!);
    expect(parsedTemplateCount()).toBe(after);
  });
});

describe("against the library's own getReferencesInExpression", () => {
  /** Every single-line interpolated string of a few generated directories, as hcl2json writes them. */
  async function generatedStrings(): Promise<string[]> {
    const strings = new Set<string>();
    const walk = (value: unknown): void => {
      if (typeof value === 'string') {
        if (value.includes('${') && !value.includes('\n')) strings.add(value);
      } else if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    for (const seed of [7, 11])
      for (const [name, text] of Object.entries(generateLayout(seed).files)) if (name.endsWith('.tf')) walk(await parse(name, text));
    return [...strings];
  }

  test('every var/local reference it reports is one the resolver finds, at the same offset', async () => {
    const strings = await generatedStrings();
    expect(strings.length).toBeGreaterThan(50);
    let compared = 0;
    for (const source of strings) {
      const theirs = (await getReferencesInExpression('e.tf', source))
        .filter((r) => /^(var|local)\./.test(r.value))
        .map((r) => `${r.startPosition} ${r.value.split('.').slice(0, 2).join('.')}`);
      const parsed = await parseTemplate(source);
      if (parsed instanceof UnparsableTemplate) throw new Error(`${source}: ${parsed.message}`);
      const ours = parsed.references.map((r) => `${r.start} ${r.kind}.${r.name}`);
      compared += theirs.length;
      expect([source, theirs.filter((reference) => !ours.includes(reference))]).toEqual([source, []]);
    }
    expect(compared).toBeGreaterThan(100);
  });

  test("it misses inputs in a for-expression's value, which the resolver must substitute", async () => {
    const source = '${[for s in var.names : "${s}-${var.suffix}"]}';
    expect((await getReferencesInExpression('e.tf', source)).map((r) => r.value)).toEqual(['var.names']);
    const parsed = await parseTemplate(source);
    expect('references' in parsed && parsed.references.map((r) => `${r.kind}.${r.name}`)).toEqual(['var.names', 'var.suffix']);
  });
});
