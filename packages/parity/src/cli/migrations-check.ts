/** `parity migrations check|profile`: parses arguments only, then calls the gate or the profiler. */
import { parseCommandArgs, parseFormat, parsePositiveInt } from './args';
import { ExitCode, badInput } from '../shared/exit-error';
import { checkOutput, useColour, writeOutput } from '../shared/output';
import { runMigrationGate } from '../migrations/gate';
import { readWorkloadFile } from '../migrations/rehearsal/workload';
import type { RehearsalSettings } from '../migrations/rehearsal/gate-rehearsal';
import { writeDataProfile } from './migrations-profile';
import { hasBlockingFinding } from '../migrations/report/gate-report';
import { terminalProgress } from '../migrations/report/progress';
import { renderReport } from '../migrations/report/render';
import type { Selection } from '../migrations/source/select-new';

const checkUsage =
  'parity migrations check [--dir migrations] [--tool sql|node-pg-migrate|knex|goose|dbmate|golang-migrate|flyway] [--profile FILE] [--database-url URL [--allow-non-empty]] [--all | --new N | --base REF] [--scale F] [--max-rows N] [--lock-budget-ms N] [--total-budget-ms N] [--squawk-exclude RULES] [--squawk-block RULES] [--squawk-config FILE] [--workload FILE | --no-rehearsal] [--open-transaction-ms N] [--format text|markdown|json] [--output FILE]';
const checkHelp = `usage: ${checkUsage}

Runs the new migrations on prod's PostgreSQL major at production-like volume, as their runner runs them, and judges them.
Rehearsal under production load (on by default):
  --workload FILE           the team's own statements (plain SQL with literal values, e.g. the top of pg_stat_statements)
                            instead of the generated mix of primary-key reads, inserts and updates
  --no-rehearsal            skip the rehearsal
  --open-transaction-ms N   how long the lock-queue rehearsal's open transaction stays open once the migration starts
                            (default 5000; 0 skips that phase)
See docs/migration-gate.md for every option.`;
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

/** `--workload`, `--no-rehearsal`, `--open-transaction-ms`, checked (and the workload file read) before any work. */
async function rehearsalSettings(values: { workload?: string; 'no-rehearsal'?: boolean; 'open-transaction-ms'?: string }): Promise<RehearsalSettings> {
  if (values['no-rehearsal'] && values.workload !== undefined) throw badInput('either `--workload FILE` or `--no-rehearsal`', 'both', 'Keep one of them.');
  const raw = values['open-transaction-ms'];
  const openTransactionMs = raw === undefined ? 5_000 : Number(raw);
  if (!Number.isInteger(openTransactionMs) || openTransactionMs < 0 || openTransactionMs > 600_000) {
    throw badInput('`--open-transaction-ms` a whole number of milliseconds from 0 to 600000', `\`${raw}\``, 'Run again with e.g. `--open-transaction-ms 5000` (0 skips the lock-queue rehearsal).');
  }
  if (values['no-rehearsal']) return { enabled: false, openTransactionMs };
  return { enabled: true, openTransactionMs, statements: values.workload === undefined ? undefined : await readWorkloadFile(values.workload) };
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
      strict: { type: 'boolean' },
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
      workload: { type: 'string' },
      'no-rehearsal': { type: 'boolean' },
      'open-transaction-ms': { type: 'string' },
      format: { type: 'string' },
      output: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    checkUsage,
  );
  if (values.help) {
    process.stdout.write(`${checkHelp}\n`);
    return ExitCode.ok;
  }
  if (positionals.length > 0) throw badInput('no positional arguments', `\`${positionals.join(' ')}\``, `usage: ${checkUsage}`);
  const rehearsal = await rehearsalSettings(values);
  const format = parseFormat(values.format, ['text', 'markdown', 'json'] as const, 'text');
  checkOutput(values.output);
  const report = await runMigrationGate({
    dir: values.dir ?? 'migrations',
    tool: values.tool,
    profileFile: values.profile,
    databaseUrl: values['database-url'],
    allowNonEmpty: values['allow-non-empty'] ?? false,
    strict: values.strict,
    selection: selection(values),
    scale: parseScale(values.scale),
    maxRows: parsePositiveInt('max-rows', values['max-rows']) ?? 1_000_000,
    lockBudgetMs: parsePositiveInt('lock-budget-ms', values['lock-budget-ms']) ?? 2_000,
    totalBudgetMs: parsePositiveInt('total-budget-ms', values['total-budget-ms']) ?? 30_000,
    squawk: { exclude: list(values['squawk-exclude']), block: list(values['squawk-block']), configFile: values['squawk-config'] },
    progress: terminalProgress(process.stderr),
    rehearsal,
  });
  writeOutput(renderReport(report, format, useColour(values.output)), values.output);
  return hasBlockingFinding(report) ? ExitCode.findings : ExitCode.ok;
}

async function profile(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, { 'database-url': { type: 'string' }, output: { type: 'string' } }, profileUsage);
  if (!values['database-url']) throw badInput('`--database-url URL` of the database to profile (prod or a restored copy)', 'none', `usage: ${profileUsage}`);
  if (values.output === undefined) throw badInput('`--output FILE` for the profile', 'none', `usage: ${profileUsage}`);
  checkOutput(values.output);
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
