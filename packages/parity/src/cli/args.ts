/** Small argument helpers shared by the commands' thin parsers. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { badInput } from '../shared/exit-error';

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
    const found = unknown ? `an unknown option \`${unknown[1]}\`` : missing ? `\`${missing[1]}\` without its value` : message.replace(/\.$/, '');
    throw badInput(`options as in \`usage: ${usage}\``, found, 'Fix the command line.');
  }
}

/** An environment's name, as config/schema.ts has it: lower-case letters, digits and dashes, starting with a letter. */
export const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]*$/;

/** Exit 2 unless `name` is a valid environment name; `where` says where it was given. */
export function checkEnvironmentName(name: string, where: string): string {
  if (!ENVIRONMENT_NAME.test(name)) {
    const suggestion = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+|-+$/g, '') || 'staging';
    throw badInput('an environment name of lower-case letters, digits and dashes, starting with a letter', `\`${name}\` in ${where}`, `Name it e.g. \`${suggestion}\`.`);
  }
  return name;
}

/** Parses repeated `NAME=VALUE` options (`--plan staging=plan.json`), rejecting a name given twice. */
export function parseNamedValues(option: string, values: readonly string[] | undefined): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const raw of values ?? []) {
    const eq = raw.indexOf('=');
    if (eq <= 0 || eq === raw.length - 1) {
      throw badInput(`\`--${option} NAME=PATH\``, `\`--${option} ${raw}\``, `Write it as \`--${option} staging=${raw.includes('=') ? raw.slice(raw.indexOf('=') + 1) || 'PATH' : raw}\`.`);
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
  if (!Number.isInteger(n) || n <= 0) throw badInput(`\`--${option}\` a positive whole number`, `\`${value}\``, `Run again with e.g. \`--${option} 1\`.`);
  return n;
}
