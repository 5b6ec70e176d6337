/**
 * The `parity` command line: a thin entry that only picks the command and hands over the rest of
 * the arguments. Each command module parses its own options, calls an async function that returns
 * data, renders it, and throws an ExitError to end with a non-zero code. Errors are caught here,
 * once.
 */
import { ExitCode, ExitError } from '../shared/exit-error';

interface CommandModule {
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(argv: string[]): Promise<number>;
}

const commands: Record<string, { summary: string; load: () => CommandModule }> = {
  synth: { summary: 'synthesize every environment and print the parity summary', load: () => require('./synth') as CommandModule },
  check: { summary: 'report every difference between environments of a parity group', load: () => require('./check') as CommandModule },
  plan: { summary: '`plan review`: review terraform plans of several environments for a pull request', load: () => require('./plan-review') as CommandModule },
  migrations: { summary: '`migrations check|profile`: run migrations at production volume', load: () => require('./migrations-check') as CommandModule },
  preflight: { summary: 'deploy gate: fail unless the database has every migration', load: () => require('./preflight') as CommandModule },
  data: { summary: '`data check|seed`: hold staging\'s database against prod\'s; fill it to prod\'s volume', load: () => require('./data') as CommandModule },
  drift: { summary: 'compare live environments with each other and with the code', load: () => require('./drift') as CommandModule },
  promote: { summary: '`promote check`: may prod get what staging runs (fingerprint, soak, migrations)', load: () => require('./promote') as CommandModule },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return ['usage: parity <command> [options]', '', ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? ExitCode.ok : ExitCode.badInput;
  }
  const command = commands[name];
  if (!command) {
    throw new ExitError(ExitCode.badInput, `expected a command (${Object.keys(commands).join(', ')}), found \`${name}\`. Run \`npx parity --help\`.`);
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
  return new ExitError(ExitCode.badInput, `expected \`${e.path}\` to be usable (${e.syscall ?? 'access'}), found ${USER_FS_ERRORS[e.code]} (${e.code}). Check the path and its permissions, then run again.`);
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
        process.stderr.write(`parity: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
        process.exitCode = ExitCode.badInput;
      }
    },
  );
}

if (require.main === module) void runCli(process.argv.slice(2));
