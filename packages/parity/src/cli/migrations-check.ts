/** `parity migrations check|profile`: parses arguments only, then calls the gate or the profiler. */
import { defineCommand, parseCommand, parseFormat, parsePositiveInt, type GroupSpec } from './args';
import { isHelpWord, renderGroupHelp } from './help';
import { ExitCode, badInput } from '../shared/exit-error';
import { checkOutput, useColour, writeOutput } from '../shared/output';
import type * as Gate from '../migrations/gate';
import type * as Workload from '../migrations/rehearsal/workload';
import type { RehearsalSettings } from '../migrations/rehearsal/gate-rehearsal';
import type * as MigrationsProfile from './migrations-profile';
import { currentProject } from './project';
import { hasBlockingFinding } from '../migrations/report/gate-report';
import type * as Progress from '../migrations/report/progress';
import type * as Render from '../migrations/report/render';
import type { Selection } from '../migrations/source/select-new';

const checkUsage =
  'parity migrations check [--dir migrations] [--tool ' +
  'sql|node-pg-migrate|knex|goose|dbmate|golang-migrate|flyway] [--profile FILE] [--database-url ' +
  'URL [--allow-non-empty]] [--all | --new N | --base REF] [--scale F] [--max-rows N] ' +
  '[--lock-budget-ms N] [--total-budget-ms N] [--squawk-exclude RULES] [--squawk-block RULES] ' +
  '[--squawk-config FILE] [--workload FILE | --no-rehearsal] [--open-transaction-ms N] [--format ' +
  'text|markdown|json] [--output FILE]';
const profileUsage = 'parity migrations profile --database-url URL --output FILE';

export const CHECK = defineCommand({
  name: 'migrations check',
  summary: 'run the new migrations at production volume, as their runner does, and judge them',
  usage: checkUsage,
  description:
    `Runs the new migrations on prod's PostgreSQL major at production-like volume, as their runner ` +
    'runs them (its transactions, SET LOCAL, Up/Down sections), traces the locks each statement ' +
    'takes and the work that grows with the table, lints them with squawk, rehearses them under ' +
    'production load, and judges them: the same verdict on every run. See docs/migration-gate.md.',
  options: {
    dir: { type: 'string', value: 'DIR', description: 'the migrations directory', default: 'migrations' },
    tool: {
      type: 'string',
      value: 'TOOL',
      description: 'their runner: sql, node-pg-migrate, knex, goose, dbmate, golang-migrate, flyway',
      default: 'detected from the directory',
    },
    profile: {
      type: 'string',
      value: 'FILE',
      description: "prod's data profile (parity migrations profile), the volume the tables are seeded to",
      default: '<dir>/profile.json when present',
    },
    'database-url': {
      type: 'string',
      value: 'URL',
      description: "a disposable server of prod's major to run on, instead of a throwaway embedded one",
    },
    'allow-non-empty': { type: 'boolean', description: 'with --database-url: run on a server that holds user objects' },
    all: { type: 'boolean', description: 'every migration is new (no merged ones, no data before them)' },
    new: { type: 'string', value: 'N', description: 'the last N migrations are new' },
    base: { type: 'string', value: 'REF', description: 'the migrations added since this git ref are new', default: 'origin/main' },
    scale: { type: 'string', value: 'F', description: "the fraction of prod's rows to seed, in (0, 1]", default: '1' },
    'max-rows': { type: 'string', value: 'N', description: 'at most this many rows per table', default: '1000000' },
    'lock-budget-ms': {
      type: 'string',
      value: 'N',
      description: 'a write-blocking lock held longer than this (estimated) blocks',
      default: '2000',
    },
    'total-budget-ms': {
      type: 'string',
      value: 'N',
      description: "a migration's estimated total longer than this blocks",
      default: '30000',
    },
    'squawk-exclude': { type: 'string', value: 'RULES', description: 'squawk rules not to run (comma-separated)' },
    'squawk-block': {
      type: 'string',
      value: 'RULES',
      description: 'squawk rules whose findings block (comma-separated)',
      default: 'none: squawk findings are warnings',
    },
    'squawk-config': { type: 'string', value: 'FILE', description: "squawk's configuration file (.squawk.toml)" },
    workload: {
      type: 'string',
      value: 'FILE',
      description:
        "the team's own statements for the rehearsal under load (plain SQL with literal values, e.g. " +
        'the top of pg_stat_statements) instead of the generated mix of primary-key reads, inserts and ' +
        'updates',
    },
    'no-rehearsal': { type: 'boolean', description: 'skip the rehearsal' },
    strict: { type: 'boolean', description: 'a `-- parity:allow` that waives nothing fails the check (by default it is a warning)' },
    'pg-version': {
      type: 'string',
      value: 'VERSION',
      description: "prod's PostgreSQL version, MAJOR or MAJOR.MINOR (the gate runs on that major)",
      default: "the project's declared engine version; required outside a project",
    },
    'open-transaction-ms': {
      type: 'string',
      value: 'N',
      description: "how long the lock-queue rehearsal's open transaction stays open once the migration starts (0 skips that phase)",
      default: '5000',
    },
    format: { type: 'string', value: 'text|markdown|json', description: 'report format', default: 'text' },
    output: { type: 'string', value: 'FILE', description: 'write the report there (atomically) instead of standard output' },
  },
  colour: true,
  examples: [
    'parity migrations check',
    'parity migrations check --dir db/migrations --tool goose --profile profile.json --new 1 --format markdown --output gate.md',
    'parity migrations check --all --no-rehearsal',
  ],
  exitCodes: [
    [0, 'pass'],
    [1, 'a blocking finding'],
    [2, 'bad input or an unusable database'],
  ],
});

export const PROFILE = defineCommand({
  name: 'migrations profile',
  summary: "write a database's data profile (row counts and column statistics, no row values)",
  usage: profileUsage,
  description:
    "Reads a database's statistics (row counts, sizes, column statistics; no row values) and writes " +
    'them as the JSON profile that `migrations check --profile` and `data seed --profile` seed ' +
    'from. Run it against prod or a restored copy.',
  options: {
    'database-url': { type: 'string', value: 'URL', description: 'the database to profile (prod, a replica or a restored copy)' },
    output: { type: 'string', value: 'FILE', description: 'where the profile (JSON) goes' },
  },
  examples: ['parity migrations profile --database-url "$PROD_REPLICA_URL" --output migrations/profile.json'],
  exitCodes: [
    [0, 'written'],
    [2, 'bad input or an unusable database'],
  ],
});

export const GROUP: GroupSpec = {
  name: 'migrations',
  summary: 'run migrations at production volume',
  subcommands: [CHECK, PROFILE],
  examples: [
    'parity migrations profile --database-url "$PROD_REPLICA_URL" --output migrations/profile.json',
    'parity migrations check --dir migrations --base origin/main',
  ],
};

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function parseScale(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1)
    throw badInput("`--scale` a fraction of prod's rows in (0, 1]", `\`${value}\``, 'Run again with e.g. `--scale 0.1`.');
  return n;
}

function selection(values: { all?: boolean; new?: string; base?: string }): Selection {
  const given = [values.all ? '--all' : '', values.new ? '--new' : '', values.base ? '--base' : ''].filter(Boolean);
  if (given.length > 1)
    throw badInput('one of `--all`, `--new N`, `--base REF`', given.map((g) => `\`${g}\``).join(' and '), 'Keep only one.');
  if (values.all) return { kind: 'all' };
  if (values.new) return { kind: 'last', count: parsePositiveInt('new', values.new)! };
  return { kind: 'since', base: values.base ?? 'origin/main' };
}

/** `--workload`, `--no-rehearsal`, `--open-transaction-ms`, checked (and the workload file read) before any work. */
async function rehearsalSettings(values: {
  workload?: string;
  'no-rehearsal'?: boolean;
  'open-transaction-ms'?: string;
}): Promise<RehearsalSettings> {
  if (values['no-rehearsal'] && values.workload !== undefined)
    throw badInput('either `--workload FILE` or `--no-rehearsal`', 'both', 'Keep one of them.');
  const raw = values['open-transaction-ms'];
  const openTransactionMs = raw === undefined ? 5_000 : Number(raw);
  if (!Number.isInteger(openTransactionMs) || openTransactionMs < 0 || openTransactionMs > 600_000) {
    throw badInput(
      '`--open-transaction-ms` a whole number of milliseconds from 0 to 600000',
      `\`${raw}\``,
      'Run again with e.g. `--open-transaction-ms 5000` (0 skips the lock-queue rehearsal).',
    );
  }
  if (values['no-rehearsal']) return { enabled: false, openTransactionMs };
  return {
    enabled: true,
    openTransactionMs,
    statements:
      values.workload === undefined
        ? undefined
        : await (require('../migrations/rehearsal/workload') as typeof Workload).readWorkloadFile(values.workload),
  };
}

/** Prod's PostgreSQL version: `--pg-version`, else the project's configuration; outside a project it must be given. */
export function prodPostgresVersion(flag: string | undefined, cwd: string = process.cwd()): string {
  if (flag !== undefined) {
    if (!/^\d+(\.\d+)?$/.test(flag))
      throw badInput(
        "`--pg-version` prod's PostgreSQL version, `MAJOR` or `MAJOR.MINOR`",
        `\`${flag}\``,
        'Run again with e.g. `--pg-version 16.8` (`SHOW server_version` on prod).',
      );
    return flag;
  }
  const project = currentProject(cwd);
  if (project) return project.database.engineVersion;
  throw badInput(
    "`--pg-version` prod's PostgreSQL version (the gate runs on that major)",
    'none, and no cdktf project here that declares it',
    'Run again with e.g. `--pg-version 16.8` (`SHOW server_version` on prod).',
  );
}

async function check(argv: string[]): Promise<number> {
  const parsed = parseCommand(CHECK, argv);
  if (parsed.help) return ExitCode.ok;
  const { values, positionals } = parsed;
  if (positionals.length > 0) throw badInput('no positional arguments', `\`${positionals.join(' ')}\``, `usage: ${checkUsage}`);
  const declaredVersion = prodPostgresVersion(values['pg-version']);
  const rehearsal = await rehearsalSettings(values);
  const format = parseFormat(values.format, ['text', 'markdown', 'json'] as const, 'text');
  checkOutput(values.output);
  // The engine loads only once the command runs, so `--help` costs what `parity --help` does; `require`, not
  // `import()`: tsx's CommonJS hook (bin/parity.cjs) does not see dynamic imports.
  const { runMigrationGate } = require('../migrations/gate') as typeof Gate;
  const { terminalProgress } = require('../migrations/report/progress') as typeof Progress;
  const { renderReport } = require('../migrations/report/render') as typeof Render;
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
    declaredVersion,
    progress: terminalProgress(process.stderr),
    rehearsal,
  });
  writeOutput(renderReport(report, format, useColour(values.output, values['no-color'])), values.output);
  return hasBlockingFinding(report) ? ExitCode.findings : ExitCode.ok;
}

async function profile(argv: string[]): Promise<number> {
  const parsed = parseCommand(PROFILE, argv);
  if (parsed.help) return ExitCode.ok;
  const { values } = parsed;
  if (!values['database-url'])
    throw badInput('`--database-url URL` of the database to profile (prod or a restored copy)', 'none', `usage: ${profileUsage}`);
  if (values.output === undefined) throw badInput('`--output FILE` for the profile', 'none', `usage: ${profileUsage}`);
  checkOutput(values.output);
  const { writeDataProfile } = require('./migrations-profile') as typeof MigrationsProfile;
  const written = await writeDataProfile(values['database-url'], values.output);
  process.stderr.write(`parity: wrote the profile of ${written.tables} tables to ${values.output}\n`);
  return ExitCode.ok;
}

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (isHelpWord(sub)) {
    process.stdout.write(renderGroupHelp(GROUP));
    return ExitCode.ok;
  }
  if (sub === 'check') return check(rest);
  if (sub === 'profile') return profile(rest);
  throw badInput(
    'a subcommand `check` or `profile`',
    sub ? `\`${sub}\`` : 'none',
    `Run \`npx parity migrations check --all\` or see usage: ${checkUsage}. \`parity migrations --help\` explains both.`,
  );
}
