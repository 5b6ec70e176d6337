/**
 * How a command declares its options, once: name, value name, description, default. The parser's
 * accepted options (args.ts) and the `--help` text (help.ts) are both generated from it, so the
 * help can never miss an option the parser accepts.
 */
export interface OptionBase {
  /** One line for `--help`: what the option does (no trailing period). */
  readonly description: string;
  /** What the command uses when the option is absent, as `--help` shows it (the command applies it). @default none shown */
  readonly default?: string;
  /** The option may be given more than once; its values come as a list. @default false */
  readonly multiple?: boolean;
  /** A one-letter alias (`-x`). @default none */
  readonly short?: string;
}

/** An option that takes a value, e.g. `--output FILE`. */
export interface StringOption extends OptionBase {
  readonly type: 'string';
  /** The value's name in the help and usage, e.g. `FILE`, `NAME=DIR`, `text|markdown|json`. */
  readonly value: string;
}

/** A switch, e.g. `--strict`. */
export interface BooleanOption extends OptionBase {
  readonly type: 'boolean';
}

export type OptionSpec = StringOption | BooleanOption;
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** One command (`parity check`) or subcommand (`parity plan review`): everything its parser and its `--help` need. */
export interface CommandSpec<O extends OptionSpecs = OptionSpecs> {
  /** The words after `parity`, e.g. `plan review`. */
  readonly name: string;
  /** One line for the listing of its group or of `parity --help`. */
  readonly summary: string;
  /** The usage line (`parity check [--stacks DIR | ...]`), also quoted by every usage error. */
  readonly usage: string;
  /** What the command does, a few lines, shown under the usage line. @default none */
  readonly description?: string;
  readonly options: O;
  /** The text report is coloured on a terminal: the command takes `--no-color` (NO_COLOR does the same). @default false */
  readonly colour?: boolean;
  /** At least one command line a user would run, without the leading `npx`. */
  readonly examples: readonly [string, ...string[]];
  /** The command's own exit codes with their meaning (70 and the signals are added for every command). */
  readonly exitCodes: readonly (readonly [number, string])[];
}

/** A group of subcommands (`parity plan`, `parity data`): `--help` lists them. */
export interface GroupSpec {
  readonly name: string;
  readonly summary: string;
  readonly description?: string;
  readonly subcommands: readonly CommandSpec[];
  readonly examples: readonly [string, ...string[]];
}

/** The identity function, typed so that each option's `type` and `multiple` stay literal and the parsed values are typed. */
export function defineCommand<const O extends OptionSpecs>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

type ValueOf<S extends OptionSpec> = S extends { readonly type: 'boolean' }
  ? S extends { readonly multiple: true }
    ? boolean[]
    : boolean
  : S extends { readonly multiple: true }
    ? string[]
    : string;

/** The parsed values of a command's options: each absent unless given. */
export type OptionValues<O extends OptionSpecs> = { -readonly [K in keyof O]?: ValueOf<O[K]> } & { 'no-color'?: boolean };
