/**
 * The `--help` text of a command or group, generated from its declaration (command-spec.ts):
 * usage line, description, every option the parser accepts, examples, exit codes, environment.
 */
import { ExitCode } from '../shared/exit-error';
import type { CommandSpec, GroupSpec, OptionSpec } from './command-spec';

/** Lines are wrapped to this width (a terminal of 100 columns, a pull-request log). */
const WIDTH = 100;
/** Option names longer than this put their description on the next line instead of widening the column. */
const LONGEST_INLINE_OPTION = 27;

/** Said in every command's help: the codes any command can end with besides its own. */
export const COMMON_EXIT_CODES =
  `Any command: ${ExitCode.unexpected} an unexpected error (a bug in parity, not in the input: ` +
  'the message asks you to report it), 130/143 interrupted by SIGINT/SIGTERM (servers stopped, ' +
  'files removed).';

/** The environment variables a command reads: NO_COLOR when it colours, PARITY_DEBUG always. */
export function environmentLine(colour: boolean): string {
  return (
    `Environment: ${colour ? 'NO_COLOR (any value) turns colour off, as --no-color does; ' : ''}` +
    'PARITY_DEBUG=1 adds the stack trace to an unexpected error.'
  );
}

/** Wraps `text` to WIDTH; continuation lines start with `indent` spaces. */
export function wrap(text: string, indent: number, first = ''): string {
  const lines: string[] = [];
  let line = first;
  let words = 0;
  for (const word of text.split(/ +/).filter(Boolean)) {
    if (words > 0 && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = `${' '.repeat(indent)}${word}`;
    } else {
      line = words > 0 ? `${line} ${word}` : `${line}${word}`;
    }
    words++;
  }
  lines.push(line);
  return lines.join('\n');
}

function optionName(name: string, option: OptionSpec): string {
  return `${option.short ? `-${option.short}, ` : ''}--${name}${option.type === 'string' ? ` ${option.value}` : ''}`;
}

function optionDescription(option: OptionSpec): string {
  const notes = [option.multiple ? 'repeatable' : '', option.default !== undefined ? `default ${option.default}` : ''].filter(Boolean);
  return notes.length > 0 ? `${option.description} (${notes.join('; ')})` : option.description;
}

/** Two columns, `  --name VALUE   description`; a name too long for the column has its description below it. */
export function renderOptions(rows: readonly (readonly [string, string])[]): string {
  const column = Math.min(Math.max(...rows.map(([name]) => name.length)), LONGEST_INLINE_OPTION) + 2;
  return rows
    .map(([name, description]) =>
      name.length <= column - 2
        ? wrap(description, column + 2, `  ${name.padEnd(column)}`)
        : `  ${name}\n${wrap(description, column + 2, ' '.repeat(column + 2))}`,
    )
    .join('\n');
}

function paragraphs(text: string): string {
  return text
    .split('\n\n')
    .map((p) => (/^ /m.test(p) ? p : wrap(p.replace(/\n/g, ' '), 0)))
    .join('\n\n');
}

/** The rows of a command's options as its parser accepts them, in declaration order, then --no-color and --help. */
export function optionRows(spec: CommandSpec): [string, string][] {
  const rows: [string, string][] = Object.entries(spec.options).map(([name, option]) => [
    optionName(name, option),
    optionDescription(option),
  ]);
  if (spec.colour) rows.push(['--no-color', 'no colour in the text report, even on a terminal (as NO_COLOR=1)']);
  rows.push(['-h, --help', 'print this help and exit']);
  return rows;
}

export function renderCommandHelp(spec: CommandSpec): string {
  const sections = [
    `usage: ${spec.usage}`,
    ...(spec.description ? [paragraphs(spec.description)] : []),
    `Options:\n${renderOptions(optionRows(spec))}`,
    `Examples:\n${spec.examples.map((e) => `  ${e}`).join('\n')}`,
    [
      wrap(`Exit codes: ${spec.exitCodes.map(([code, meaning]) => `${code} ${meaning}`).join(', ')}.`, 2),
      wrap(COMMON_EXIT_CODES, 2),
      wrap(environmentLine(spec.colour ?? false), 2),
    ].join('\n'),
  ];
  return `${sections.join('\n\n')}\n`;
}

export function renderGroupHelp(group: GroupSpec): string {
  const width = Math.max(...group.subcommands.map((s) => s.name.length));
  const sections = [
    `usage: parity ${group.name} <${group.subcommands.map((s) => s.name.split(' ').pop()).join('|')}> [options]`,
    ...(group.description ? [paragraphs(group.description)] : []),
    `Subcommands:\n${group.subcommands.map((s) => wrap(s.summary, width + 11, `  parity ${s.name.padEnd(width)}  `)).join('\n')}`,
    `Examples:\n${group.examples.map((e) => `  ${e}`).join('\n')}`,
    `Run \`parity ${group.subcommands[0]!.name} --help\` (each subcommand the same way) for its options and exit codes.`,
    [wrap(COMMON_EXIT_CODES, 2), wrap(environmentLine(group.subcommands.some((s) => s.colour)), 2)].join('\n'),
  ];
  return `${sections.join('\n\n')}\n`;
}

/** `help`, `-h` or `--help` as a group's or the CLI's first argument. */
export function isHelpWord(arg: string | undefined): boolean {
  return arg === '--help' || arg === '-h' || arg === 'help';
}
