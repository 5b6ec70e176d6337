/**
 * Counts how the hostile inputs of test/hostile end: clean exit 2, crash, silent, hang, messy.
 * Runs every case through the real CLI of a checkout (default: this one), one at a time.
 *
 *   node --require ./scripts/register-typescript.cjs bench/hostile-inputs.ts [CHECKOUT] [--list]
 *
 * CHECKOUT is a directory holding another version's packages/parity/ (e.g. `git archive main | tar -x -C DIR`
 * with node_modules linked in), to measure the baseline in the same run.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hostileCases, makeScratch, removeScratch } from '../test/hostile/support/hostile-cases';
import { type Outcome, runCli } from '../test/hostile/support/run-cli';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const list = args.includes('--list');
  const repo = args.find((a) => !a.startsWith('--'));
  const root = mkdtempSync(join(tmpdir(), 'parity-hostile-'));
  try {
    makeScratch(root);
    const tally: Record<Outcome, number> = { clean: 0, crash: 0, silent: 0, hang: 0, messy: 0 };
    const cases = hostileCases(root);
    for (const c of cases) {
      const run = await runCli(c.argv, {
        repo: repo ? resolve(repo) : undefined,
        unprivileged: c.unprivileged,
        watch: join(root, 'out'),
        timeoutMs: 20_000,
      });
      tally[run.outcome]++;
      if (list)
        process.stdout.write(
          `${run.outcome.padEnd(6)} ${String(run.code).padEnd(4)} ${c.name}\n       ` +
            `${run.stderr.trim().split('\n').slice(0, 3).join('\n       ').replaceAll(root, '$ROOT')}\n`,
        );
    }
    process.stdout.write(
      `${cases.length} tried: ${Object.entries(tally)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}\n`,
    );
  } finally {
    removeScratch(root);
  }
}

void main();
