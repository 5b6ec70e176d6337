/**
 * `--help` and `-h` on the CLI, every command and every group, run through the real entry: exit 0,
 * on stdout, nothing on stderr, every option the parser accepts described, an example, the exit codes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '../../packages/parity/src/cli/main';
import { parserOptions } from '../../packages/parity/src/cli/args';
import type { CommandSpec, GroupSpec } from '../../packages/parity/src/cli/command-spec';
import { toolVersion } from '../../packages/parity/src/shared/version';
import { REPO, runParity } from './support/run-parity';

function isCommand(value: unknown): value is CommandSpec {
  return typeof value === 'object' && value !== null && 'usage' in value && 'options' in value && 'exitCodes' in value;
}
function isGroup(value: unknown): value is GroupSpec {
  return typeof value === 'object' && value !== null && 'subcommands' in value;
}

/** Every command and group the entry dispatches to, from the command modules' own declarations. */
const specs = Object.entries(commands).flatMap(([name, entry]) => {
  if (name === 'version') return [];
  const exported = Object.values(entry.load() as unknown as Record<string, unknown>);
  const groups = exported.filter(isGroup);
  const own = exported.filter(isCommand);
  if (groups.length + own.length === 0) throw new Error(`src/cli module of \`${name}\` exports no CommandSpec or GroupSpec`);
  return [
    ...groups.map((g) => ({ kind: 'group' as const, name, spec: g })),
    ...own.map((c) => ({ kind: 'command' as const, name: c.name, spec: c })),
  ];
});
const commandSpecs = specs.filter((s) => s.kind === 'command').map((s) => s.spec as CommandSpec);

test('the declarations cover every command and subcommand the issue names', () => {
  expect(specs.map((s) => `${s.kind} ${s.name}`).sort()).toEqual(
    [
      'command check',
      'command data check',
      'command data seed',
      'command drift',
      'command migrations check',
      'command migrations profile',
      'command plan review',
      'command preflight',
      'command promote check',
      'command synth',
      'group data',
      'group migrations',
      'group plan',
      'group promote',
    ].sort(),
  );
  // Each group lists exactly the subcommands its module declares.
  for (const { spec } of specs.filter((s) => s.kind === 'group')) {
    const group = spec as GroupSpec;
    for (const sub of group.subcommands) expect(commandSpecs).toContain(sub);
  }
});

test('every command parses through its declaration: no command file calls the parser directly', () => {
  const dir = join(REPO, 'packages/parity/src/cli');
  const direct = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && f !== 'args.ts')
    .filter((f) => /\bparseArgs\(|\bparseCommandArgs\(/.test(readFileSync(join(dir, f), 'utf8')));
  expect(direct).toEqual([]);
});

describe.each(commandSpecs.map((spec) => [spec.name, spec] as const))('parity %s', (name, spec) => {
  test.concurrent.each(['--help', '-h'])(`%s: exit 0, stdout only, every option, an example, the exit codes`, async (flag) => {
    const run = await runParity([...name.split(' '), flag]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const text = run.stdout;
    expect(text.split('\n')[0]).toBe(`usage: ${spec.usage}`);
    // Every option the parser accepts, with its value name, in the Options section.
    const options = text.slice(text.indexOf('\nOptions:\n'), text.indexOf('\nExamples:\n'));
    for (const [option, config] of Object.entries(parserOptions(spec))) {
      const declared = spec.options[option];
      const shown = `--${option}${declared?.type === 'string' ? ` ${declared.value}` : ''}`;
      expect(options).toMatch(new RegExp(`^  (-\\w, )?${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( |\\n|$)`, 'm'));
      if (config.short) expect(options).toContain(`-${config.short}, --${option}`);
      if (declared?.default !== undefined) expect(options.replace(/\s+/g, ' ')).toContain(`default ${declared.default}`);
    }
    expect(text).toMatch(/\nExamples:\n {2}parity \S/);
    for (const example of spec.examples) expect(example.startsWith(`parity ${name}`)).toBe(true);
    expect(text.replace(/\n {2}/g, ' ')).toContain(
      `Exit codes: ${spec.exitCodes.map(([code, meaning]) => `${code} ${meaning}`).join(', ')}.`,
    );
    expect(text).toContain('Any command: 70 an unexpected error');
    expect(text).toContain('PARITY_DEBUG=1');
    if (spec.colour) expect(text).toMatch(/^ {2}--no-color +no colour/m);
    else expect(text).not.toContain('--no-color');
  });
});

test.concurrent.each([
  'check',
  'synth',
  'drift',
  'preflight',
  'plan review',
  'data check',
  'data seed',
  'migrations check',
  'migrations profile',
  'promote check',
])('`parity %s` with a bad option beside --help still prints the help (exit 0)', async (name) => {
  const run = await runParity([...name.split(' '), '--output', '--help']);
  expect(run.code).toBe(0);
  expect(run.stdout.split('\n')[0]).toMatch(new RegExp(`^usage: parity ${name} `));
});

describe.each(specs.filter((s) => s.kind === 'group').map((s) => [s.name, s.spec as GroupSpec] as const))(
  'parity %s (a group)',
  (name, group) => {
    test.concurrent.each(['--help', '-h', 'help'])('%s: exit 0, lists every subcommand, an example', async (flag) => {
      const run = await runParity([name, flag]);
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      expect(run.stdout.split('\n')[0]).toBe(
        `usage: parity ${name} <${group.subcommands.map((s) => s.name.split(' ')[1]).join('|')}> [options]`,
      );
      for (const sub of group.subcommands) expect(run.stdout).toMatch(new RegExp(`^ {2}parity ${sub.name} +\\S`, 'm'));
      expect(run.stdout).toMatch(/\nExamples:\n {2}parity \S/);
      expect(run.stdout).toContain(`Run \`parity ${group.subcommands[0]!.name} --help\``);
      expect(run.stdout).toContain('Any command: 70 an unexpected error');
    });
  },
);

describe('parity itself', () => {
  test.concurrent.each([['--help'], ['-h'], ['help']])('%s: exit 0, every command, the options, examples, exit codes', async (flag) => {
    const run = await runParity([flag]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout.split('\n')[0]).toBe('usage: parity <command> [options]');
    for (const name of Object.keys(commands)) expect(run.stdout).toMatch(new RegExp(`^ {2}${name} +\\S`, 'm'));
    expect(run.stdout).toMatch(/^ {2}-h, --help +print this help/m);
    expect(run.stdout).toMatch(/^ {2}--version +print the version/m);
    expect(run.stdout).toMatch(/\nExamples:\n {2}parity \S/);
    expect(run.stdout.replace(/\n {2}/g, ' ')).toContain('Exit codes: 0 pass, 1 findings');
    expect(run.stdout).toContain('70 an unexpected error');
    expect(run.stdout).toContain('NO_COLOR');
  });

  test.concurrent('`parity help plan review` is `parity plan review --help`', async () => {
    const [viaHelp, viaFlag] = await Promise.all([runParity(['help', 'plan', 'review']), runParity(['plan', 'review', '--help'])]);
    expect(viaHelp).toEqual(viaFlag);
    expect(viaHelp.code).toBe(0);
  });

  test.concurrent.each([['--version'], ['version']])('%s prints the version of package.json, exit 0', async (flag) => {
    const manifest = JSON.parse(readFileSync(join(REPO, 'packages/parity/package.json'), 'utf8')) as { version: string };
    expect(toolVersion()).toBe(manifest.version);
    expect(await runParity([flag])).toEqual({ code: 0, stdout: `parity ${manifest.version}\n`, stderr: '' });
  });
});
