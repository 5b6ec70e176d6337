/**
 * Static lint with squawk (npm `squawk-cli`, its platform binary): findings merged into the
 * report as warnings (`squawk/<rule>`), or blocking for the rules named in `--squawk-block`.
 * Rules are configurable with `--squawk-exclude` and a `.squawk.toml` (`--squawk-config`).
 */
import { spawnSync } from 'node:child_process';
import { badInput } from '../cli/exit-error';
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

function squawkBinary(): string {
  const name = `@squawk-cli/${process.platform}-${process.arch}/bin/squawk`;
  try {
    return require.resolve(name);
  } catch {
    throw badInput(`squawk's binary (npm \`${name}\`, an optional dependency of squawk-cli)`, 'no such file', 'Run `npm install --include=optional`.');
  }
}

/** Lints one script. */
export function squawkFindings(script: MigrationScript, options: SquawkOptions): Finding[] {
  const args = ['--reporter', 'json', `--pg-version=${options.pgVersion}`, '--stdin-filepath', script.path];
  if (options.exclude.length > 0) args.push(`--exclude=${options.exclude.join(',')}`);
  if (options.configFile) args.push('--config', options.configFile);
  const result = spawnSync(squawkBinary(), args, { input: script.sql, encoding: 'utf8' });
  let violations: SquawkViolation[];
  try {
    violations = JSON.parse(result.stdout || '[]') as SquawkViolation[];
  } catch {
    throw badInput('squawk to print its JSON report', `\`${(result.stderr || result.stdout).trim().slice(0, 300)}\``, 'Check `--squawk-config` and `--squawk-exclude`.');
  }
  return violations.map((v) => ({
    rule: `squawk/${v.rule_name}`,
    level: options.block.includes(v.rule_name) ? 'blocking' : 'warning',
    message: `${script.path}:${v.line + 1 + script.lineOffset}: ${v.message}${v.help ? ` ${v.help}` : ''}`,
  }));
}
