/**
 * The `parity` command line: a thin entry that only picks the command and hands over the rest of
 * the arguments. Each command module parses its own options against its declaration (args.ts,
 * command-spec.ts), calls an async function that returns data, renders it, and throws an
 * ExitError to end with a non-zero code. Errors are caught here, once: an ExitError prints its
 * one line; anything else is a bug (exit 70, a line asking to report it).
 */
import { ExitCode, ExitError, unexpectedErrorReport } from '../shared/exit-error';
import { toolVersion } from '../shared/version';
import { COMMON_EXIT_CODES, environmentLine, isHelpWord, renderOptions, wrap } from './help';

interface CommandModule {
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(argv: string[]): Promise<number>;
}

/** Every command, loaded only when it runs (`parity --help` and `--version` load none). */
export const commands: Record<string, { summary: string; load: () => CommandModule }> = {
  synth: { summary: 'synthesize every environment and print the parity summary', load: () => require('./synth') as CommandModule },
  check: { summary: 'report every difference between environments of a parity group', load: () => require('./check') as CommandModule },
  plan: {
    summary: '`plan review`: review terraform plans of several environments for a pull request',
    load: () => require('./plan-review') as CommandModule,
  },
  migrations: {
    summary: '`migrations check|profile`: run migrations at production volume',
    load: () => require('./migrations-check') as CommandModule,
  },
  preflight: { summary: 'deploy gate: fail unless the database has every migration', load: () => require('./preflight') as CommandModule },
  data: {
    summary: "`data check|seed`: hold staging's database against prod's; fill it to prod's volume",
    load: () => require('./data') as CommandModule,
  },
  drift: { summary: 'compare live environments with each other and with the code', load: () => require('./drift') as CommandModule },
  promote: {
    summary: '`promote check`: may prod get what staging runs (fingerprint, soak, migrations)',
    load: () => require('./promote') as CommandModule,
  },
  version: { summary: 'print the version (as `parity --version`)', load: () => ({ run: async () => printVersion() }) },
};

function printVersion(): number {
  process.stdout.write(`parity ${toolVersion()}\n`);
  return ExitCode.ok;
}

/** The short usage: what plain `parity` prints to stderr. */
export function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    'usage: parity <command> [options]',
    '       parity <command> --help',
    '       parity --version',
    '',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

/** `parity --help`: the usage, the global options, examples, exit codes and environment. */
export function help(): string {
  return [
    usage(),
    '',
    'Options:',
    renderOptions([
      ['-h, --help', "print this help and exit (`parity COMMAND --help` or `parity help COMMAND`: a command's)"],
      ['--version', 'print the version and exit'],
    ]),
    '',
    'Examples:',
    '  parity check --hcl staging=envs/staging --hcl prod=envs/prod',
    '  parity plan review --plan staging=staging.json --plan prod=prod.json --format markdown',
    '  parity migrations check --dir migrations --base origin/main',
    '',
    wrap(
      'Exit codes: 0 pass, 1 findings (differences, drift, a blocking finding, refused), 2 bad input ' +
        'or usage (one line on stderr: expected, found, fix), 3 something could not be read (drift, ' +
        "data check, promote check); each command's --help lists its own.",
      2,
    ),
    wrap(COMMON_EXIT_CODES, 2),
    wrap(environmentLine(true), 2),
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    // Nothing asked for: the usage goes where errors go, and the exit says the command line was incomplete.
    process.stderr.write(`${usage()}\n\nRun \`parity --help\` for the options, examples and exit codes.\n`);
    return ExitCode.badInput;
  }
  if (name === 'help' && rest.length > 0) return main([...rest, '--help']);
  if (isHelpWord(name)) {
    process.stdout.write(`${help()}\n`);
    return ExitCode.ok;
  }
  if (name === '--version') return printVersion();
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    const what = name.startsWith('-') ? `an option \`${name}\` before any command` : `\`${name}\``;
    throw new ExitError(
      ExitCode.badInput,
      `expected a command (${Object.keys(commands).join(', ')}), found ${what}. Run \`npx parity --help\`.`,
    );
  }
  // `require`, not `import()`: tsx's CommonJS hook (bin/parity.cjs) does not see dynamic imports.
  return command.load().run(rest);
}

/** File-system errors a user causes (a path, its type, its permissions), wherever they surface. */
const USER_FS_ERRORS: Record<string, string> = {
  ENOENT: 'nothing: no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'a directory where a file was expected',
  ENOTDIR: 'a file where a directory was expected',
  ELOOP: 'a loop of symbolic links',
  ENAMETOOLONG: 'a path too long for the file system',
  ENOSPC: 'the disk is full',
  EROFS: 'a read-only file system',
};

/** A safety net below the file-system layer (src/shared/input-files.ts): one line, exit 2, never a trace. */
export function userFileSystemError(error: unknown): ExitError | undefined {
  const e = error as NodeJS.ErrnoException | undefined;
  if (!e || typeof e.code !== 'string' || typeof e.path !== 'string' || !Object.hasOwn(USER_FS_ERRORS, e.code)) return undefined;
  return new ExitError(
    ExitCode.badInput,
    `expected \`${e.path}\` to be usable (${e.syscall ?? 'access'}), found ${USER_FS_ERRORS[e.code]}` +
      ` (${e.code}). Check the path and its permissions, then run again.`,
  );
}

/** Runs the CLI and sets the process exit code; the only place errors are caught. */
export function runCli(argv: string[]): Promise<void> {
  return main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      error = userFileSystemError(error) ?? error;
      if (error instanceof ExitError) {
        process.stderr.write(`parity: ${error.message}\n`);
        process.exitCode = error.code;
      } else {
        process.stderr.write(unexpectedErrorReport(error));
        process.exitCode = ExitCode.unexpected;
      }
    },
  );
}

if (require.main === module) {
  // Run directly (`node --require scripts/register-typescript.cjs .../main.ts`), as bin/parity.cjs does it.
  (require('../migrations/server/cleanup') as typeof import('../migrations/server/cleanup')).handleUnhandledRejections();
  void runCli(process.argv.slice(2));
}
