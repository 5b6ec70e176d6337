/**
 * Static lint with squawk (npm `squawk-cli`, its platform binary): findings merged into the
 * report as warnings (`squawk/<rule>`), or blocking for the rules named in `--squawk-block`.
 * Rules are configurable with `--squawk-exclude` and a `.squawk.toml` (`--squawk-config`).
 * squawk is told whether the runner wraps the file in a transaction (`--assume-in-transaction`),
 * so that it never contradicts what the runner does. Its exit status and stderr are read: the
 * options are checked before any work, and a squawk that fails is an error, never "no findings".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { badInput } from '../shared/exit-error';
import type { Finding } from './report/finding';
import type { MigrationScript } from './source/migration';

export interface SquawkOptions {
  /** Rules to leave out. */
  readonly exclude: readonly string[];
  /** Rules whose findings block. */
  readonly block: readonly string[];
  /** A `.squawk.toml`. */
  readonly configFile?: string;
  /** Prod's PostgreSQL version, e.g. `16.8`. */
  readonly pgVersion: string;
}

interface SquawkViolation {
  line: number;
  column: number;
  level: string;
  message: string;
  help: string | null;
  rule_name: string;
}

/** Bounded: squawk lints a file in milliseconds. */
const timeoutMs = 30_000;

function squawkBinary(): string {
  const name = `@squawk-cli/${process.platform}-${process.arch}/bin/squawk`;
  try {
    return require.resolve(name);
  } catch {
    throw badInput(
      `squawk's binary (npm \`${name}\`, an optional dependency of squawk-cli)`,
      'no such file',
      'Run `npm install --include=optional`.',
    );
  }
}

function baseArgs(options: Omit<SquawkOptions, 'block'>): string[] {
  const args = ['--reporter', 'json', `--pg-version=${options.pgVersion}`];
  if (options.exclude.length > 0) args.push(`--exclude=${options.exclude.join(',')}`);
  if (options.configFile) args.push('--config', options.configFile);
  return args;
}

function run(args: readonly string[], input: string) {
  const result = spawnSync(squawkBinary(), args, { input, encoding: 'utf8', timeout: timeoutMs, killSignal: 'SIGKILL' });
  // squawk may exit (a bad option, a bad config) before it reads stdin: the write then fails with
  // EPIPE, and its exit status and stderr are what tell why.
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'EPIPE' && result.status !== null)
    return { ...result, error: undefined };
  return result;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]!.slice(0, 300);
}

/**
 * Checks the options before any work: the config file exists and squawk accepts it, and every rule
 * of `--squawk-exclude` and `--squawk-block` is one squawk knows (exit 2 otherwise).
 */
export function checkSquawkOptions(options: SquawkOptions): void {
  if (options.configFile && (!existsSync(options.configFile) || !statSync(options.configFile).isFile())) {
    throw badInput(
      '`--squawk-config` a squawk configuration file (`.squawk.toml`)',
      `\`${options.configFile}\`: no such file`,
      'Pass the path of an existing `.squawk.toml`, or leave `--squawk-config` out.',
    );
  }
  const probe = (args: string[], flag: string, names: readonly string[]) => {
    const result = run(args, 'SELECT 1;\n');
    if (result.error) throw badInput('squawk to run', `\`${result.error.message}\``, 'Run `npm install --include=optional`.');
    if (result.status === 0) return;
    const stderr = result.stderr ?? '';
    const unknown = /invalid rule name ([^\s:]+)/.exec(stderr)?.[1];
    if (unknown)
      throw badInput(
        `\`${flag}\` rule names squawk knows (https://squawkhq.com/docs/rules)`,
        `\`${unknown}\` in \`${names.join(',')}\``,
        'Fix the rule name (e.g. `require-concurrent-index-creation`), then run the check again.',
      );
    if (/configuration error/i.test(stderr))
      throw badInput(
        '`--squawk-config` a `.squawk.toml` squawk can read',
        `\`${firstLine(stderr)}\` in ${options.configFile}`,
        'Fix the file (see https://squawkhq.com/docs/configuration), or leave `--squawk-config` out.',
      );
    throw badInput(
      'squawk to accept its options',
      `exit status ${result.status ?? result.signal}: \`${firstLine(stderr || result.stdout || '')}\``,
      'Check `--squawk-config`, `--squawk-exclude` and `--squawk-block`.',
    );
  };
  probe(baseArgs(options), '--squawk-exclude', options.exclude);
  if (options.block.length > 0)
    probe(
      ['--reporter', 'json', `--pg-version=${options.pgVersion}`, `--exclude=${options.block.join(',')}`],
      '--squawk-block',
      options.block,
    );
}

/** Lints one script; `wrapped` says whether the runner runs it in one transaction. */
export function squawkFindings(script: MigrationScript, options: SquawkOptions, wrapped: boolean): Finding[] {
  const args = [...baseArgs(options), '--stdin-filepath', script.path, wrapped ? '--assume-in-transaction' : '--no-assume-in-transaction'];
  const result = run(args, script.sql);
  const failed = (found: string) =>
    badInput(
      `squawk to lint ${script.path} and print its JSON report`,
      found,
      'A check that cannot run never passes: fix the cause, or leave squawk out with `--squawk-exclude`.',
    );
  if (result.error) throw failed(`\`${result.error.message}\``);
  if (result.status !== 0 && result.status !== 1)
    throw failed(`exit status ${result.status ?? result.signal}: \`${firstLine(result.stderr || result.stdout || '')}\``);
  let violations: SquawkViolation[];
  try {
    violations = JSON.parse(result.stdout) as SquawkViolation[];
    if (!Array.isArray(violations)) throw new Error('not a list');
  } catch {
    throw failed(`exit status ${result.status} and no JSON report: \`${firstLine(result.stderr || result.stdout || '(nothing)')}\``);
  }
  if (result.status === 1 && violations.length === 0)
    throw failed(`exit status 1 with no findings: \`${firstLine(result.stderr || '(nothing on stderr)')}\``);
  const unparsed = violations.filter((v) => v.rule_name === 'syntax-error');
  // PostgreSQL's own parser read the file; squawk's may not: its rules did not run there, and the report says so.
  const notLinted: Finding[] =
    unparsed.length > 0
      ? [
          {
            rule: 'squawk/syntax-error',
            level: 'warning',
            message:
              `${script.path}:${unparsed[0]!.line + 1 + script.lineOffset}: squawk could not parse this ` +
              `(${unparsed[0]!.message}), which PostgreSQL parses: squawk's rules did not run on it.`,
          },
        ]
      : [];
  return [
    ...notLinted,
    ...violations
      .filter((v) => v.rule_name !== 'syntax-error')
      .map(
        (v): Finding => ({
          rule: `squawk/${v.rule_name}`,
          level: options.block.includes(v.rule_name) ? 'blocking' : 'warning',
          message: `${script.path}:${v.line + 1 + script.lineOffset}: ${v.message}${v.help ? ` ${v.help}` : ''}`,
        }),
      ),
  ];
}
