/**
 * A seeded generator of one Terraform directory with the expression shapes that trip a reader of
 * references: locals that refer to locals, resources named `local` and `var`, strings that look
 * like references (`"var.region"`, `"$${var.x}"`, `"${"$"}{var.x}"`, `{a = "var.nope"}`), heredocs
 * (plain and indented, with and without interpolation and directives), for-expressions (list and
 * map, with `if`), nested function calls, conditionals, splats and index expressions. Every input
 * it refers to has a value, so a directory holds no unknown value; the names it puts only inside
 * literals (`var.nope`, `local.nope`) are declared nowhere, so a reader that takes them for
 * references reports an unknown.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedLayout {
  /** File name → text. */
  readonly files: Readonly<Record<string, string>>;
  /** Attribute values the model must hold: resource address, top-level attribute, value. */
  readonly expectations: readonly { readonly address: string; readonly path: string; readonly value: unknown }[];
  /** How many resources it declares. */
  readonly resources: number;
}

export interface GeneratorOptions {
  /** Resource blocks; default 6 to 14. */
  readonly resources?: number;
  /** Locals; default 4 to 10. */
  readonly locals?: number;
}

const VARIABLES = `variable "region" {
  default = "eu-west-1"
}

variable "names" {
  default = ["alpha", "beta", "gamma"]
}

variable "sizes" {
  default = {
    small = "t3.small"
    large = "m6i.large"
  }
}

variable "enabled" {
  default = false
}

variable "replicas" {
  default = 1
}

variable "objs" {
  default = [
    { name = "one", port = 80 },
    { name = "two", port = 443 },
  ]
}

variable "size_key" {
  type = string
}
`;

/** Values from terraform.tfvars (overriding two defaults, giving the one without a default). */
const TFVARS = 'enabled  = true\nreplicas = 3\nsize_key = "large"\n';

/** Literal strings that look like references; the model keeps them as written (escapes as hcl2json writes them). */
const LOOK_ALIKES: readonly (readonly [string, string])[] = [
  ['"var.region"', 'var.region'],
  ['"local.nope"', 'local.nope'],
  ['"var.nope[0]"', 'var.nope[0]'],
  ['"$${var.nope}"', '$${var.nope}'],
  ['"${"$"}{var.nope}"', '$${var.nope}'],
  ['"${ "$" }{local.nope}"', '$${local.nope}'],
  ['"%%{ if var.nope }x%%{ endif }"', '%%{ if var.nope }x%%{ endif }'],
  ['"aws_s3_bucket.local.id"', 'aws_s3_bucket.local.id'],
];

const TYPES = ['aws_s3_bucket', 'aws_sqs_queue', 'aws_instance', 'aws_iam_role', 'aws_ssm_parameter'] as const;
const NAMES = ['local', 'var', 'main', 'exports', 'logs', 'web', 'each_one', 'path_x'] as const;

class Writer {
  private readonly locals: string[] = [];

  constructor(
    private readonly random: () => number,
    /** Other resources' addresses, for references that must stay as they are. */
    private readonly addresses: readonly string[],
  ) {}

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  int(max: number): number {
    return Math.floor(this.random() * max);
  }

  /** A reference to an input or a resource, in one of the ways Terraform allows writing it. */
  reference(): string {
    const local = this.locals.length > 0 ? this.pick(this.locals) : 'suffix';
    return this.pick([
      'var.region',
      'var.names[1]',
      'var.names.0',
      'var.sizes["large"]',
      'var.sizes.small',
      'var.sizes[var.size_key]',
      'var.objs[0].port',
      'var.replicas',
      `local.${local}`,
      `local.${local}`,
      'local.suffix',
      `${this.pick(this.addresses)}.id`,
      'aws_s3_bucket.local.arn',
      'aws_s3_bucket.var.bucket',
      'count.index',
      'path.module',
    ]);
  }

  /** An expression of bounded depth. */
  expression(depth: number): string {
    if (depth <= 0) return this.random() < 0.7 ? this.reference() : this.pick(LOOK_ALIKES)[0];
    const inner = () => this.expression(depth - 1);
    switch (this.int(12)) {
      case 0:
        return `"pre-\${${inner()}}-post"`;
      case 1:
        return `"\${ ${this.reference()} }/\${${this.reference()}}"`;
      case 2:
        return `lookup({ a = "var.nope", b = ${inner()} }, "${this.pick(['a', 'b'])}")`;
      case 3:
        return `format("%s-%s", upper(${inner()}), join(",", [${inner()}, "local.nope"]))`;
      case 4:
        return `var.enabled ? ${inner()} : ${inner()}`;
      case 5:
        return `[for s in var.names : upper("\${s}-\${local.suffix}") if s != ${inner()}]`;
      case 6:
        return `{ for k, v in var.sizes : k => "\${v}-\${${this.reference()}}" }`;
      case 7:
        return this.pick(['var.objs[*].name', 'aws_instance.web[*].id', 'var.objs.*.port', `[${inner()}, "x"][0]`]);
      case 8:
        return `var.sizes[${this.pick(['var.size_key', 'local.size_key', '"small"'])}]`;
      case 9:
        return `coalesce(${inner()}, try(${inner()}, "\${"$"}{var.nope}"))`;
      case 10:
        return `(${inner()} == "x" ? 1 : var.replicas) * 2`;
      default:
        return this.pick(LOOK_ALIKES)[0];
    }
  }

  heredoc(): string {
    const reference = this.reference();
    const body = this.pick([
      `plain text, no interpolation\nvar.region and local.suffix stay text\n`,
      `region \${${reference}}\n$\${var.nope} is escaped\n`,
      `%{ if var.enabled }on%{ else }off%{ endif } \${${reference}}\n`,
      `%{ for n in var.names ~}\n- \${n} in \${var.region}\n%{ endfor ~}\n`,
    ]);
    if (this.random() < 0.5) return `<<EOT\n${body}EOT`;
    const indented = body
      .split('\n')
      .map((line) => (line ? `    ${line}` : line))
      .join('\n');
    return `<<-EOT\n${indented}  EOT`;
  }

  local(name: string, depth: number): string {
    const text = `  ${name} = ${this.random() < 0.2 ? this.heredoc() : this.expression(depth)}`;
    this.locals.push(name);
    return text;
  }

  resource(type: string, name: string, expectations: { address: string; path: string; value: unknown }[]): string {
    const lines = [`resource "${type}" "${name}" {`];
    const address = `${type}.${name}`;
    const [literal, kept] = this.pick(LOOK_ALIKES);
    lines.push(`  note = ${literal}`);
    expectations.push({ address, path: 'note', value: kept });
    lines.push(`  region = var.region`);
    expectations.push({ address, path: 'region', value: 'eu-west-1' });
    lines.push(`  bucket_ref = aws_s3_bucket.local.id`);
    expectations.push({ address, path: 'bucket_ref', value: '${aws_s3_bucket.local.id}' });
    for (let i = 0, n = 2 + this.int(5); i < n; i++)
      lines.push(`  attr_${i} = ${this.random() < 0.15 ? this.heredoc() : this.expression(1 + this.int(3))}`);
    if (this.random() < 0.4)
      lines.push('', '  tags = {', `    Name   = "\${local.suffix}-${name}"`, `    Lookup = ${this.expression(2)}`, '  }');
    lines.push('}');
    return lines.join('\n');
  }
}

/** One directory's files for a seed; the same seed always gives the same bytes. */
export function generateLayout(seed: number, options: GeneratorOptions = {}): GeneratedLayout {
  const random = randomSource(seed);
  const resourceCount = options.resources ?? 6 + Math.floor(random() * 9);
  const localCount = options.locals ?? 4 + Math.floor(random() * 7);
  const declared: [string, string][] = [
    ['aws_s3_bucket', 'local'],
    ['aws_s3_bucket', 'var'],
    ['aws_instance', 'web'],
  ];
  const seen = new Set(declared.map(([t, n]) => `${t}.${n}`));
  while (declared.length < resourceCount) {
    const type = TYPES[Math.floor(random() * TYPES.length)]!;
    // Bare names (`local`, `var`) while they last, then numbered ones: the loop always ends.
    const name =
      `${NAMES[Math.floor(random() * NAMES.length)]!}` +
      `${declared.length % 3 === 0 && declared.length < 24 ? '' : `_${declared.length}`}`;
    if (seen.has(`${type}.${name}`)) continue;
    seen.add(`${type}.${name}`);
    declared.push([type, name]);
  }
  const writer = new Writer(random, [...seen]);
  const locals = ['locals {', '  suffix   = "svc"', '  size_key = var.size_key'];
  for (let i = 0; i < localCount; i++) locals.push(writer.local(`l${i}`, 1 + Math.floor(random() * 3)));
  locals.push('}');
  const expectations: { address: string; path: string; value: unknown }[] = [];
  const main = declared.map(([type, name]) => writer.resource(type, name, expectations));
  return {
    files: {
      'variables.tf': VARIABLES,
      'locals.tf': `${locals.join('\n')}\n`,
      'main.tf': `${main.join('\n\n')}\n`,
      'terraform.tfvars': TFVARS,
    },
    expectations,
    resources: declared.length,
  };
}

/** Writes the files into `directory` (created). */
export function writeLayout(directory: string, files: Readonly<Record<string, string>>): void {
  mkdirSync(directory, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, name), text);
}
