/** `parity migrations check|profile`: parses arguments only, then calls the gate or the profiler. */
import { parseCommandArgs, parseFormat, parsePositiveInt } from '../cli/args';
import { ExitCode, badInput } from '../cli/exit-error';
import { useColour, writeOutput } from '../cli/output';
import { runMigrationGate } from './gate';
import { writeDataProfile } from './profile-command';
import { hasBlockingFinding } from './report/gate-report';
import { terminalProgress } from './report/progress';
import { renderReport } from './report/render';
import type { Selection } from './source/select-new';

const checkUsage =
  'parity migrations check [--dir migrations] [--tool sql|node-pg-migrate|knex|goose|dbmate|golang-migrate|flyway] [--profile FILE] [--database-url URL [--allow-non-empty]] [--all | --new N | --base REF] [--scale F] [--max-rows N] [--lock-budget-ms N] [--total-budget-ms N] [--squawk-exclude RULES] [--squawk-block RULES] [--squawk-config FILE] [--format text|markdown|json] [--output FILE]';
const profileUsage = 'parity migrations profile --database-url URL --output FILE';

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function parseScale(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1) throw badInput('`--scale` a fraction of prod\'s rows in (0, 1]', `\`${value}\``, 'Run again with e.g. `--scale 0.1`.');
  return n;
}

function selection(values: { all?: boolean; new?: string; base?: string }): Selection {
  const given = [values.all ? '--all' : '', values.new ? '--new' : '', values.base ? '--base' : ''].filter(Boolean);
  if (given.length > 1) throw badInput('one of `--all`, `--new N`, `--base REF`', given.map((g) => `\`${g}\``).join(' and '), 'Keep only one.');
  if (values.all) return { kind: 'all' };
  if (values.new) return { kind: 'last', count: parsePositiveInt('new', values.new)! };
  return { kind: 'since', base: values.base ?? 'origin/main' };
}

async function check(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      dir: { type: 'string' },
      tool: { type: 'string' },
      profile: { type: 'string' },
      'database-url': { type: 'string' },
      'allow-non-empty': { type: 'boolean' },
      all: { type: 'boolean' },
      new: { type: 'string' },
      base: { type: 'string' },
      scale: { type: 'string' },
      'max-rows': { type: 'string' },
      'lock-budget-ms': { type: 'string' },
      'total-budget-ms': { type: 'string' },
      'squawk-exclude': { type: 'string' },
      'squawk-block': { type: 'string' },
      'squawk-config': { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string' },
    },
    checkUsage,
  );
  if (positionals.length > 0) throw badInput('no positional arguments', `\`${positionals.join(' ')}\``, `usage: ${checkUsage}`);
  const format = parseFormat(values.format, ['text', 'markdown', 'json'] as const, 'text');
  const report = await runMigrationGate({
    dir: values.dir ?? 'migrations',
    tool: values.tool,
    profileFile: values.profile,
    databaseUrl: values['database-url'],
    allowNonEmpty: values['allow-non-empty'] ?? false,
    selection: selection(values),
    scale: parseScale(values.scale),
    maxRows: parsePositiveInt('max-rows', values['max-rows']) ?? 1_000_000,
    lockBudgetMs: parsePositiveInt('lock-budget-ms', values['lock-budget-ms']) ?? 2_000,
    totalBudgetMs: parsePositiveInt('total-budget-ms', values['total-budget-ms']) ?? 30_000,
    squawk: { exclude: list(values['squawk-exclude']), block: list(values['squawk-block']), configFile: values['squawk-config'] },
    progress: terminalProgress(process.stderr),
  });
  writeOutput(renderReport(report, format, useColour(values.output)), values.output);
  return hasBlockingFinding(report) ? ExitCode.findings : ExitCode.ok;
}

async function profile(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { 'database-url': { type: 'string' }, output: { type: 'string' } }, profileUsage);
  if (!values['database-url']) throw badInput('`--database-url URL` of the database to profile (prod or a restored copy)', 'none', `usage: ${profileUsage}`);
  if (!values.output) throw badInput('`--output FILE` for the profile', 'none', `usage: ${profileUsage}`);
  const written = await writeDataProfile(values['database-url'], values.output);
  process.stderr.write(`parity: wrote the profile of ${written.tables} tables to ${values.output}\n`);
  return ExitCode.ok;
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'check') return check(rest);
  if (sub === 'profile') return profile(rest);
  throw badInput('a subcommand `check` or `profile`', sub ? `\`${sub}\`` : 'none', `Run \`npx parity migrations check --all\` or see usage: ${checkUsage}`);
}
