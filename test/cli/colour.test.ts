/**
 * Colour on a terminal, and `--no-color` / NO_COLOR turning it off, through the real entry under a
 * pseudo-terminal (util-linux `script`, part of every Debian install).
 */
import { join } from 'node:path';
import { REPO, runParity } from './support/run-parity';

// Built from a string: a control character in a regular-expression literal reads as a typo.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[\\d+(;\\d+)*m`);
const fixtures = join(REPO, 'test/fixtures');
const commands: Record<string, string[]> = {
  check: [
    'check',
    '--hcl',
    `staging=${join(fixtures, 'hcl/orders-terraform/envs/staging')}`,
    '--hcl',
    `prod=${join(fixtures, 'hcl/orders-terraform/envs/prod')}`,
  ],
  'plan review': [
    'plan',
    'review',
    '--plan',
    `staging=${join(fixtures, 'plans/staging-terraform-1.8.json')}`,
    '--plan',
    `prod=${join(fixtures, 'plans/prod-terraform-1.8.json')}`,
  ],
};

describe.each(Object.entries(commands))('parity %s on a terminal', (_name, argv) => {
  test.concurrent('coloured by default', async () => {
    const run = await runParity(argv, { tty: true });
    expect([0, 1]).toContain(run.code);
    expect(run.stdout).toMatch(ANSI);
  });

  test.concurrent('--no-color: no ANSI code, the same text', async () => {
    const [coloured, plain] = await Promise.all([runParity(argv, { tty: true }), runParity([...argv, '--no-color'], { tty: true })]);
    expect(plain.code).toBe(coloured.code);
    expect(plain.stdout).not.toMatch(ANSI);
    expect(plain.stdout).toBe(coloured.stdout.replace(new RegExp(ANSI.source, 'g'), ''));
  });

  test.concurrent('NO_COLOR=1: no ANSI code; NO_COLOR empty: colour (https://no-color.org)', async () => {
    const [off, empty] = await Promise.all([
      runParity(argv, { tty: true, env: { NO_COLOR: '1' } }),
      runParity(argv, { tty: true, env: { NO_COLOR: '' } }),
    ]);
    expect(off.stdout).not.toMatch(ANSI);
    expect(empty.stdout).toMatch(ANSI);
  });
});

test.concurrent('piped (not a terminal): never coloured', async () => {
  const run = await runParity(commands.check!);
  expect(run.code).toBe(1);
  expect(run.stdout).not.toMatch(ANSI);
});
