/** Usage errors through the real entry: on stderr, exit 2, one line (expected, found, fix), nothing on stdout. */
import * as check from '../../packages/parity/src/cli/check';
import * as migrations from '../../packages/parity/src/cli/migrations-check';
import * as plan from '../../packages/parity/src/cli/plan-review';
import * as preflight from '../../packages/parity/src/cli/preflight';
import * as promote from '../../packages/parity/src/cli/promote';
import { runParity } from './support/run-parity';

test.concurrent('plain `parity`: the usage on stderr, exit 2, nothing on stdout', async () => {
  const run = await runParity([]);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.split('\n')[0]).toBe('usage: parity <command> [options]');
  expect(run.stderr).toMatch(/^ {2}check +report every difference/m);
  expect(run.stderr).toContain('Run `parity --help` for the options, examples and exit codes.');
});

// The usage lines are the commands' own declarations; everything around them is spelled out.
const COMMANDS = 'parity: expected a command (synth, check, plan, migrations, preflight, data, drift, promote, version)';
const options = (usage: string, found: string) =>
  `parity: expected options as in \`usage: ${usage}\`, found ${found}. Fix the command line.`;

test.concurrent.each([
  [['deploy'], `${COMMANDS}, found \`deploy\`. Run \`npx parity --help\`.`],
  [['--verbose'], `${COMMANDS}, found an option \`--verbose\` before any command. Run \`npx parity --help\`.`],
  [['constructor'], `${COMMANDS}, found \`constructor\`. Run \`npx parity --help\`.`],
  [['check', '--polcy', 'x'], options(check.COMMAND.usage, 'an unknown option `--polcy`')],
  [['plan', 'review', '--plan'], options(plan.REVIEW.usage, '`--plan` without its value')],
  [['preflight', '--no-color'], options(preflight.COMMAND.usage, 'an unknown option `--no-color`')],
  [['plan'], `parity: expected \`parity plan review\`, found \`parity plan\` with no subcommand. Run \`${plan.REVIEW.usage}\`.`],
  [
    ['promote'],
    `parity: expected a subcommand of \`parity promote\` (check), found none. Run \`npx ${promote.CHECK.usage}\`. ` +
      '`parity promote check --help` explains it.',
  ],
  [
    ['migrations'],
    'parity: expected a subcommand `check` or `profile`, found none. Run `npx parity migrations check --all` or see usage: ' +
      `${migrations.CHECK.usage}. \`parity migrations --help\` explains both.`,
  ],
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
  expect(await runParity(argv)).toEqual({
    code: 2,
    stdout: '',
    stderr: `parity: expected \`--format\` one of ${formats}, found \`pdf\`. Run again with \`--format text\`.\n`,
  });
});
