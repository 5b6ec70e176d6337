/**
 * The commands' parsing: `parseCommand` reads a command line against its declaration
 * (command-spec.ts) and prints the generated help for `-h`/`--help`; plus small argument helpers
 * shared by the commands' thin parsers.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ENVIRONMENT_NAME, ENVIRONMENT_NAME_RULE } from '../shared/environment-names';
import { badInput } from '../shared/exit-error';
import type { CommandSpec, OptionSpecs, OptionValues } from './command-spec';
import { renderCommandHelp } from './help';

export { defineCommand, type CommandSpec, type GroupSpec } from './command-spec';

/** What `parseCommand` returns: the help was printed (the command returns 0), or the parsed command line. */
export type ParsedCommand<O extends OptionSpecs> =
  | { readonly help: true }
  | { readonly help: false; readonly values: OptionValues<O>; readonly positionals: string[] };

/** The options `util.parseArgs` accepts for a command: its declared ones, `--no-color` when it colours, and `-h`/`--help`. */
export function parserOptions(spec: CommandSpec): NonNullable<ParseArgsConfig['options']> {
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, o] of Object.entries(spec.options)) {
    options[name] = { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) };
  }
  if (spec.colour) options['no-color'] = { type: 'boolean' };
  options.help = { type: 'boolean', short: 'h' };
  return options;
}

/** True when `argv` asks for help (`-h` or `--help` anywhere before `--`). */
export function asksForHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

/**
 * Parses a command line against a command's declaration. `--help`/`-h` print the command's help to
 * standard output (even beside options that would not parse, as `parity check --hcl --help`); any
 * other problem is a usage error: exit 2, one line, the usage quoted.
 */
export function parseCommand<O extends OptionSpecs>(spec: CommandSpec<O>, argv: string[]): ParsedCommand<O> {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseCommandArgs(argv, parserOptions(spec), spec.usage);
  } catch (error) {
    if (!asksForHelp(argv)) throw error;
    parsed = { values: { help: true }, positionals: [] };
  }
  if (parsed.values.help) {
    process.stdout.write(renderCommandHelp(spec));
    return { help: true };
  }
  delete parsed.values.help;
  return { help: false, values: parsed.values as OptionValues<O>, positionals: parsed.positionals };
}

/**
 * `util.parseArgs` with usage errors turned into exit code 2 and the command's usage line.
 */
export function parseCommandArgs<T extends ParseArgsConfig['options']>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    // One line, as every bad input: what was expected (the usage), what was found.
    const message = (error as Error).message.split('\n')[0]!;
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    const missing = /^Option '(\S+)[^']*' argument missing/.exec(message);
    const found = unknown
      ? `an unknown option \`${unknown[1]}\``
      : missing
        ? `\`${missing[1]}\` without its value`
        : message.replace(/\.$/, '');
    throw badInput(`options as in \`usage: ${usage}\``, found, 'Fix the command line.');
  }
}

/** Exit 2 unless `name` is a valid environment name; `where` says where it was given. */
export function checkEnvironmentName(name: string, where: string): string {
  if (!ENVIRONMENT_NAME.test(name)) {
    const suggestion =
      name
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^[^a-z]+|-+$/g, '') || 'staging';
    throw badInput(ENVIRONMENT_NAME_RULE, `\`${name}\` in ${where}`, `Name it e.g. \`${suggestion}\`.`);
  }
  return name;
}

/** Parses repeated `NAME=VALUE` options (`--plan staging=plan.json`), rejecting a name given twice. */
export function parseNamedValues(option: string, values: readonly string[] | undefined): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const raw of values ?? []) {
    const eq = raw.indexOf('=');
    if (eq <= 0 || eq === raw.length - 1) {
      throw badInput(
        `\`--${option} NAME=PATH\``,
        `\`--${option} ${raw}\``,
        `Write it as \`--${option} staging=${raw.includes('=') ? raw.slice(raw.indexOf('=') + 1) || 'PATH' : raw}\`.`,
      );
    }
    const name = raw.slice(0, eq);
    checkEnvironmentName(name, `\`--${option} ${raw}\``);
    if (pairs.has(name)) {
      throw badInput(`each environment once in \`--${option}\``, `\`${name}\` twice`, `Pass \`--${option} ${name}=...\` only once.`);
    }
    pairs.set(name, raw.slice(eq + 1));
  }
  return pairs;
}

/** Checks `--format` against the formats a command supports. */
export function parseFormat<F extends string>(value: string | undefined, allowed: readonly F[], fallback: F): F {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as F;
  throw badInput(`\`--format\` one of ${allowed.join(', ')}`, `\`${value}\``, `Run again with \`--format ${fallback}\`.`);
}

/** Parses a positive integer option. */
export function parsePositiveInt(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw badInput(`\`--${option}\` a positive whole number`, `\`${value}\``, `Run again with e.g. \`--${option} 1\`.`);
  return n;
}
