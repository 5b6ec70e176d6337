/**
 * Loads one plain Terraform directory (one environment: `envs/staging`) into the parity model:
 * parses every `*.tf` / `*.tf.json` file with `@cdktf/hcl2json` (HashiCorp's HCL parser compiled to
 * WebAssembly, shipped in the package: no network), reads variable values from defaults and the
 * directory's `*.tfvars` files, resolves `var.*` and `local.*`, and builds the flat model.
 */
import { join } from 'node:path';
import { badInput } from '../../shared/exit-error';
import { listInputDirectory, readInputText } from '../../shared/input-files';
import { type EnvironmentModel, UnknownValue } from '../environment-model';
import { type ModelOptions, environmentModelFromTerraformJson } from '../load-terraform-json';
import { parseJsonObjectFile } from '../../shared/read-json-file';
import { parseHcl } from './hcl-runtime';
import { StaticResolver } from './static-resolver';

type Block = Record<string, unknown>;

/** The merged configuration of a directory, in Terraform JSON's shape. */
interface MergedConfiguration {
  resource: Record<string, Record<string, unknown>>;
  data: Record<string, Record<string, unknown>>;
  module: Record<string, unknown>;
  output: Record<string, unknown>;
  provider: Record<string, unknown[]>;
  terraform: unknown[];
  locals: Record<string, unknown>;
  variable: Record<string, unknown>;
  /** `moved`, `removed`, `import` and `check` blocks, by kind. */
  history: Record<string, unknown[]>;
}

/**
 * `${"$"}{` and `${"%"}{`, the other way to write the `$${` and `%%{` escapes. hcl2json joins a
 * template's parts after unescaping each, so `"${"$"}{var.x}"` would come back as `${var.x}`, a
 * reference; written as the escape, it comes back as the literal `$${var.x}`. Both spellings mean
 * the same in every template (strings and heredocs; elsewhere, in comments, it changes nothing).
 */
const CONSTRUCTED_ESCAPE = /(?<!\$)\$\{\s*"([$%])"\s*\}\{/g;

/** Parses one HCL file; a syntax error is bad input naming the file and line. */
export async function parseHclFile(file: string): Promise<Block> {
  const text = readInputText(file, {
    what: 'a Terraform file',
    fix: `Make ${file} a readable text file, or remove it from its directory.`,
  });
  const escaped = text.replace(CONSTRUCTED_ESCAPE, '$1$1{');
  try {
    return await parseHcl(file, escaped);
  } catch (escapedError) {
    // A syntax error is reported on the file as written (the rewrite shifts columns).
    const error =
      escaped === text
        ? escapedError
        : await parseHcl(file, text).then(
            () => escapedError,
            (original: unknown) => original,
          );
    const message = (error as Error).message.replace(/^parse config: \[|\]$/g, '');
    const at = /:(\d+),(\d+)(?:-[\d,]+)?: ([^;]+)(?:; (.*))?/.exec(message);
    const where = at ? `line ${at[1]}, column ${at[2]}: ${at[3]}${at[4] ? ` (${at[4].split(/ \S+\.tf(?:vars)?:\d/)[0]})` : ''}` : message;
    throw badInput(
      `HCL that parses in ${file}`,
      `a syntax error at ${where}`,
      `Fix ${file} (\`terraform validate\` in its directory shows the same error), then run again.`,
    );
  }
}

const unwrap = (value: unknown): unknown => (Array.isArray(value) && value.length === 1 ? value[0] : value);

/** A null-prototype object: block names such as `constructor` or `toString` are data, never inherited members. */
const record = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/** Named blocks as Terraform JSON writes them: an object (a `"resource": "x"` in a `.tf.json` is bad input). */
function blocksOf(value: unknown, label: string, file: string): Block {
  if (value === undefined || value === null) return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as Block;
  throw badInput(
    `\`${label}\` as an object of named blocks in ${file}`,
    Array.isArray(value) ? 'a list' : `a ${typeof value}`,
    `Fix ${file}.`,
  );
}

/** Named blocks come as one-element lists (`{"main": [{...}]}`); a local's value comes as it is (`zones = ["a"]` is a list). */
function addNamed(
  into: Record<string, unknown>,
  blocks: unknown,
  label: string,
  file: string,
  values: 'blocks' | 'values' = 'blocks',
): void {
  for (const [name, body] of Object.entries(blocksOf(blocks, label, file))) {
    if (Object.hasOwn(into, name))
      throw badInput(
        `each ${label} declared once`,
        `\`${label}.${name}\` declared again in ${file}`,
        `Remove one of the two declarations.`,
      );
    into[name] = values === 'blocks' ? unwrap(body) : body;
  }
}

/** Refactoring and tracking blocks: not resources, but part of what an environment's code does. */
const HISTORY_BLOCKS = new Set(['moved', 'removed', 'import', 'check']);

function merge(into: MergedConfiguration, document: Block, file: string): void {
  for (const [key, value] of Object.entries(document)) {
    if (key === 'resource' || key === 'data') {
      for (const [type, blocks] of Object.entries(blocksOf(value, key, file)))
        addNamed((into[key][type] ??= record()), blocks, key === 'data' ? `data.${type}` : type, file);
    } else if (key === 'module' || key === 'output' || key === 'variable') {
      addNamed(into[key], value, key, file);
    } else if (key === 'locals') {
      for (const block of Array.isArray(value) ? value : [value]) addNamed(into.locals, block, 'local', file, 'values');
    } else if (key === 'provider') {
      for (const [name, configs] of Object.entries(blocksOf(value, key, file)))
        (Object.hasOwn(into.provider, name) ? into.provider[name]! : (into.provider[name] = [])).push(
          ...(Array.isArray(configs) ? configs : [configs]),
        );
    } else if (key === 'terraform') {
      into.terraform.push(...(Array.isArray(value) ? value : [value]));
    } else if (HISTORY_BLOCKS.has(key)) {
      // Compared as one list per kind: a `moved` or `removed` block in prod only is history one
      // environment has and the other does not.
      (Object.hasOwn(into.history, key) ? into.history[key]! : (into.history[key] = [])).push(...(Array.isArray(value) ? value : [value]));
    } else {
      throw badInput(
        'Terraform blocks (resource, data, module, output, variable, locals, provider, terraform, moved, removed, import, check)',
        `a top-level \`${key}\` block in ${file}`,
        'The parity check does not read it yet: remove it from the directory or open an issue.',
      );
    }
  }
}

/** Files Terraform loads automatically first, then the other `*.tfvars` of the directory. */
function tfvarsFiles(files: readonly string[]): string[] {
  const automatic: string[] = files.filter((f) => f === 'terraform.tfvars' || f === 'terraform.tfvars.json');
  const auto = files.filter((f) => /\.auto\.tfvars(\.json)?$/.test(f)).sort();
  const others = files.filter((f) => /\.tfvars(\.json)?$/.test(f) && !automatic.includes(f) && !auto.includes(f)).sort();
  return [...automatic, ...auto, ...others];
}

async function variableValues(
  directory: string,
  files: readonly string[],
  declared: Record<string, unknown>,
): Promise<Map<string, unknown>> {
  const values = new Map<string, unknown>();
  for (const [name, body] of Object.entries(declared)) {
    const definition = (body ?? {}) as Block;
    values.set(
      name,
      'default' in definition
        ? definition.default
        : new UnknownValue(`var.${name} has no default and no value in a *.tfvars file of ${directory}`),
    );
  }
  for (const file of tfvarsFiles(files)) {
    const path = join(directory, file);
    const assigned = file.endsWith('.json') ? parseJsonObjectFile(path) : await parseHclFile(path);
    for (const [name, value] of Object.entries(assigned)) {
      if (!values.has(name))
        throw badInput(
          `only declared variables in ${path}`,
          `a value for \`${name}\`, which no \`variable\` block declares`,
          `Declare \`variable "${name}" {}\` in ${directory}, or remove the line.`,
        );
      values.set(name, value);
    }
  }
  return values;
}

/** Lists and parses a directory's Terraform files; bad input if it is missing or holds none. */
export async function loadHclDirectory(environment: string, directory: string, options: ModelOptions = {}): Promise<EnvironmentModel> {
  const files = listInputDirectory(directory, {
    what: `a directory of Terraform files for \`${environment}\``,
    fix: `Check the path: \`--hcl ${environment}=envs/${environment}\`.`,
  })
    // A FIFO or a dangling link named like a Terraform file is read, and refused, rather than skipped.
    .filter((entry) => entry.isFile || (!entry.isDirectory && /\.(tf|tf\.json|tfvars|tfvars\.json)$/.test(entry.name)))
    .map((entry) => entry.name);
  const terraformFiles = files.filter((f) => f.endsWith('.tf') || f.endsWith('.tf.json'));
  if (terraformFiles.length === 0) {
    throw badInput(
      `\`*.tf\` files in ${directory}`,
      'none',
      `Point \`--hcl ${environment}=DIR\` at the directory holding the environment's \`*.tf\` files.`,
    );
  }
  const merged: MergedConfiguration = {
    resource: record(),
    data: record(),
    module: record(),
    output: record(),
    provider: record(),
    terraform: [],
    locals: record(),
    variable: record(),
    history: record(),
  };
  for (const file of terraformFiles) {
    const path = join(directory, file);
    merge(merged, file.endsWith('.json') ? parseJsonObjectFile(path) : await parseHclFile(path), path);
  }
  const resolver = new StaticResolver(await variableValues(directory, files, merged.variable), merged.locals);
  const { locals: _locals, variable: _variable, history, ...blocks } = merged;
  const configuration = { ...blocks, ...history };
  return environmentModelFromTerraformJson(await resolver.resolve(configuration), environment, directory, options);
}
