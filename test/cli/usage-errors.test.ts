/** Usage errors through the real entry: on stderr, exit 2, one line (expected, found, fix), nothing on stdout. */
import { runParity } from './support/run-parity';

test.concurrent('plain `parity`: the usage on stderr, exit 2, nothing on stdout', async () => {
  const run = await runParity([]);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.split('\n')[0]).toBe('usage: parity <command> [options]');
  expect(run.stderr).toMatch(/^ {2}check +report every difference/m);
  expect(run.stderr).toContain('Run `parity --help` for the options, examples and exit codes.');
});

test.concurrent.each([
  [['deploy'], 'parity: expected a command (synth, check, plan, migrations, preflight, data, drift, promote, version), found `deploy`. Run `npx parity --help`.'],
  [['--verbose'], 'parity: expected a command (synth, check, plan, migrations, preflight, data, drift, promote, version), found an option `--verbose` before any command. Run `npx parity --help`.'],
  [['constructor'], 'parity: expected a command (synth, check, plan, migrations, preflight, data, drift, promote, version), found `constructor`. Run `npx parity --help`.'],
  [['check', '--polcy', 'x'], 'parity: expected options as in `usage: parity check [--stacks DIR | --hcl NAME=DIR --hcl NAME=DIR ...] [--policy FILE] [--format text|markdown|json|html] [--output FILE] [--group NAME] [--strict]`, found an unknown option `--polcy`. Fix the command line.'],
  [['plan', 'review', '--plan'], 'parity: expected options as in `usage: parity plan review --plan ENV=PLAN.json [--plan ENV=PLAN.json ...] [--format text|markdown|json] [--output FILE] [--waivers FILE]`, found `--plan` without its value. Fix the command line.'],
  [['preflight', '--no-color'], 'parity: expected options as in `usage: parity preflight --database-url URL [--dir migrations] [--tool sql|node-pg-migrate|knex|goose|dbmate|golang-migrate|flyway] [--env NAME] [--format text|json] [--output FILE]`, found an unknown option `--no-color`. Fix the command line.'],
  [['plan'], 'parity: expected `parity plan review`, found `parity plan` with no subcommand. Run `parity plan review --plan ENV=PLAN.json [--plan ENV=PLAN.json ...] [--format text|markdown|json] [--output FILE] [--waivers FILE]`.'],
  [['promote'], 'parity: expected a subcommand of `parity promote` (check), found none. Run `npx parity promote check --from ENV --to ENV [--min-soak HOURS] [--database-url URL] [--migrations-dir DIR] [--tool sql|node-pg-migrate|knex|goose|dbmate|golang-migrate|flyway] [--timeout SECONDS] [--format text|markdown|json] [--output FILE]`. `parity promote check --help` explains it.'],
  [['migrations'], 'parity: expected a subcommand `check` or `profile`, found none. Run `npx parity migrations check --all` or see usage: parity migrations check [--dir migrations] [--tool sql|node-pg-migrate|knex|goose|dbmate|golang-migrate|flyway] [--profile FILE] [--database-url URL [--allow-non-empty]] [--all | --new N | --base REF] [--scale F] [--max-rows N] [--lock-budget-ms N] [--total-budget-ms N] [--squawk-exclude RULES] [--squawk-block RULES] [--squawk-config FILE] [--workload FILE | --no-rehearsal] [--open-transaction-ms N] [--format text|markdown|json] [--output FILE]. `parity migrations --help` explains both.'],
])('%j: stderr, exit 2, one line', async (argv, line) => {
  expect(await runParity(argv)).toEqual({ code: 2, stdout: '', stderr: `${line}\n` });
});

// Every command that colours takes --no-color: the next problem reported is the bad format, not the option.
test.concurrent.each([
  [['check', '--no-color', '--format', 'pdf'], 'text, markdown, json, html'],
  [['synth', '--no-color', '--format', 'pdf'], 'text, markdown, json, html'],
  [['plan', 'review', '--no-color', '--format', 'pdf'], 'text, markdown, json'],
  [['drift', '--no-color', '--format', 'pdf'], 'text, markdown, json'],
  [['migrations', 'check', '--no-color', '--format', 'pdf'], 'text, markdown, json'],
  [['data', 'check', '--no-color', '--format', 'pdf'], 'text, markdown, json, html'],
])('%j accepts --no-color', async (argv, formats) => {
  expect(await runParity(argv)).toEqual({ code: 2, stdout: '', stderr: `parity: expected \`--format\` one of ${formats}, found \`pdf\`. Run again with \`--format text\`.\n` });
});
