/** `npm run synth` (`parity synth`): writes every environment's stack and prints the parity summary. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../packages/parity/src/cli/synth';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parity-synth-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('synthesizes dev, staging and prod, says where, and prints the text summary', async () => {
  const written: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk)) > 0);
  let code: number;
  try {
    code = await run(['--outdir', join(dir, 'out'), '--output', join(dir, 'summary.txt')]);
  } finally {
    spy.mockRestore();
  }
  expect(code).toBe(0);
  for (const env of ['dev', 'staging', 'prod']) expect(existsSync(join(dir, 'out', 'stacks', env, 'cdk.tf.json'))).toBe(true);
  expect(written.join('')).toBe(
    ['dev', 'staging', 'prod'].map((env) => `synthesized ${env}: ${join(dir, 'out', 'stacks', env, 'cdk.tf.json')}\n`).join(''),
  );
  expect(readFileSync(join(dir, 'summary.txt'), 'utf8').split('\n')[0]).toMatch(
    /^parity check: PASS: 0 differences, 0 resources in some environments only, 0 waived, \d+ allowed \(policy: config\/\)$/,
  );
});

test('a positional argument is bad input', async () => {
  await expect(run(['cdktf.out'])).rejects.toThrow(
    'expected only options, found `cdktf.out`. Run `npx parity synth [--outdir DIR] [--format text|markdown|json|html] [--output FILE]`.',
  );
});
