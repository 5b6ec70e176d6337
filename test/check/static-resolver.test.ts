/** Static resolution of HCL inputs: variables, tfvars, locals; what it cannot know stays unknown. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitError } from '../../packages/parity/src/shared/exit-error';
import { loadHclDirectory } from '../../packages/parity/src/parity/hcl/load-hcl-directory';
import { StaticResolver } from '../../packages/parity/src/parity/hcl/static-resolver';
import { templateParts } from '../../packages/parity/src/parity/hcl/template-parts';
import { UnknownValue } from '../../packages/parity/src/parity/environment-model';

const resolver = new StaticResolver(
  new Map<string, unknown>([
    ['env', 'staging'],
    ['sizes', { small: 't3.small', large: 'm6i.large' }],
    ['zones', ['a', 'b']],
    ['password', new UnknownValue('var.password has no default')],
  ]),
  {
    prefix: 'acme-${var.env}',
    name: '${local.prefix}-api',
    loop: '${local.loop}',
    tags: { Env: '${var.env}' },
    secret_tags: { Pass: '${var.password}' },
  },
);

describe('the static resolver', () => {
  test.each([
    ['${var.env}', 'staging'],
    ['${local.name}', 'acme-staging-api'],
    ['${var.sizes.large}', 'm6i.large'],
    ['${var.sizes["small"]}', 't3.small'],
    ['${var.zones[1]}', 'b'],
    ['${var.zones}', ['a', 'b']],
    ['${local.tags}', { Env: 'staging' }],
    ['${upper(var.env)}-x', '${upper("staging")}-x'],
    ['${var.env == "prod" ? 3 : 1}', '${"staging" == "prod" ? 3 : 1}'],
    ['${aws_s3_bucket.b.arn}/*', '${aws_s3_bucket.b.arn}/*'],
    ['${format("%s-${var.env}", local.prefix)}', '${format("%s-${"staging"}", "acme-staging")}'],
    ['$${literal}', '$${literal}'],
    // Offsets from the parser are UTF-8 bytes; the text is UTF-16.
    ['é-${var.env}-ü', 'é-staging-ü'],
    ['${format("é—%s", var.env)}', '${format("é—%s", "staging")}'],
    ['%{if var.env == "prod"}big%{else}small%{endif}', '%{if "staging" == "prod"}big%{else}small%{endif}'],
    ['${[for z in var.zones : "${z}-${local.prefix}"]}', '${[for z in ["a","b"] : "${z}-${"acme-staging"}"]}'],
    ['${aws_s3_bucket.local.id}-${lookup({ a = "var.env" }, "a")}', '${aws_s3_bucket.local.id}-${lookup({ a = "var.env" }, "a")}'],
  ])('%s resolves to %j', async (expression, expected) => {
    expect(await resolver.resolve(expression)).toEqual(expected);
  });

  test.each([
    ['${var.password}', 'var.password has no default'],
    ['db-${var.password}', 'var.password has no default'],
    ['${md5(var.password)}', 'var.password has no default'],
    ['${var.missing}', 'var.missing is not declared'],
    ['${local.loop}', 'local.loop refers to itself'],
    ['${var.sizes.huge}', 'var.sizes.huge has no element "huge"'],
    // Substituted as text, an unknown inside a value would compare equal to itself.
    ['${merge(local.secret_tags, { a = 1 })}', 'var.password has no default'],
    ['x-${local.secret_tags}', 'var.password has no default'],
  ])('%s is unknown: %s', async (expression, reason) => {
    const value = await resolver.resolve(expression);
    expect(value).toBeInstanceOf(UnknownValue);
    expect((value as UnknownValue).reason).toBe(reason);
  });

  test('template parts respect nested braces and quotes', async () => {
    expect(await templateParts('a-${lookup({ "k" = "}" }, "k")}-b')).toEqual([
      { text: 'a-' },
      { expression: 'lookup({ "k" = "}" }, "k")' },
      { text: '-b' },
    ]);
  });
});

describe('reading a directory', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'parity-hcl-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function layout(name: string, files: Record<string, string>): string {
    const root = join(dir, name);
    mkdirSync(root, { recursive: true });
    for (const [file, text] of Object.entries(files)) writeFileSync(join(root, file), text);
    return root;
  }

  test('tfvars order: terraform.tfvars, then *.auto.tfvars, then the other *.tfvars', async () => {
    const root = layout('order', {
      'main.tf':
        'variable "a" {\n  default = "default"\n}\nvariable "b" {\n  default = "default"\n}\nvariable "c" {\n  default = ' +
        '"default"\n}\nresource "null_resource" "r" {\n  triggers = {\n    a = var.a\n    b = var.b\n    c = var.c\n  }\n}\n',
      'terraform.tfvars': 'a = "tfvars"\nb = "tfvars"\nc = "tfvars"\n',
      'x.auto.tfvars': 'b = "auto"\nc = "auto"\n',
      'extra.tfvars': 'c = "extra"\n',
    });
    const attributes = (await loadHclDirectory('dev', root)).resources.get('null_resource.r')!;
    expect([attributes.get('triggers.a'), attributes.get('triggers.b'), attributes.get('triggers.c')]).toEqual(['tfvars', 'auto', 'extra']);
  });

  test('a tfvars value for an undeclared variable is bad input', async () => {
    const root = layout('undeclared', { 'main.tf': 'resource "null_resource" "r" {}\n', 'terraform.tfvars': 'typo_name = 1\n' });
    await expect(loadHclDirectory('dev', root)).rejects.toThrow(
      new ExitError(
        2,
        `expected only declared variables in ${join(root, 'terraform.tfvars')}, found a value for \`typo_name\`, which no ` +
          `\`variable\` block declares. Declare \`variable "typo_name" {}\` in ${root}, or remove the line.`,
      ),
    );
  });

  test('a resource declared in two files is bad input', async () => {
    const root = layout('twice', { 'a.tf': 'resource "aws_s3_bucket" "b" {}\n', 'b.tf': 'resource "aws_s3_bucket" "b" {}\n' });
    await expect(loadHclDirectory('dev', root)).rejects.toThrow(
      `expected each aws_s3_bucket declared once, found \`aws_s3_bucket.b\` declared again in ${join(root, 'b.tf')}. Remove one of ` +
        `the two declarations.`,
    );
  });

  test('a directory with no .tf files is bad input', async () => {
    const root = layout('none', { 'README.md': '# nothing\n' });
    await expect(loadHclDirectory('dev', root)).rejects.toThrow(
      `expected \`*.tf\` files in ${root}, found none. Point \`--hcl dev=DIR\` at the directory holding the environment's \`*.tf\` files.`,
    );
  });
});
