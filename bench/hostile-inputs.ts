/**
 * Counts how the hostile inputs of test/hostile end: clean exit 2, crash, silent, hang, messy.
 * Runs every case through the real CLI of a checkout (default: this one), one at a time.
 *
 *   node --require ./scripts/register-typescript.cjs bench/hostile-inputs.ts [CHECKOUT] [--list]
 *
 * CHECKOUT is a directory holding another version of this repository (e.g. `git archive COMMIT | tar -x -C DIR`
 * with node_modules linked in), to measure the baseline in the same run. Its CLI entry is found by
 * bench/cli-entry.ts: packages/parity/src/cli/main.ts, or tools/cli/main.ts before the package move
 * (1897135); a checkout with neither is refused (exit 2).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hostileCases, makeScratch, removeScratch } from '../test/hostile/support/hostile-cases';
import { type Outcome, runCli } from '../test/hostile/support/run-cli';
import { currentLayoutView, locateCliEntry } from './cli-entry';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const list = args.includes('--list');
  const unknown = args.filter((a) => a.startsWith('-') && a !== '--list');
  const positional = args.filter((a) => !a.startsWith('-'));
  if (unknown.length > 0 || positional.length > 1) {
    process.stderr.write(
      `hostile-inputs: expected [CHECKOUT] [--list], found \`${args.join(' ')}\`. ` +
        'Fix: give at most one checkout directory and `--list`.\n',
    );
    return 2;
  }
  const checkout = resolve(positional[0] ?? join(__dirname, '..'));
  let entry: ReturnType<typeof locateCliEntry>;
  try {
    entry = locateCliEntry(checkout);
  } catch (error) {
    process.stderr.write(`hostile-inputs: ${(error as Error).message}\n`);
    return 2;
  }
  // runCli spawns the current layout of the checkout it is given; an older one runs through a view.
  const repo = entry.layout === 'package' ? checkout : currentLayoutView(checkout, entry);
  process.stdout.write(`CLI: ${entry.main}\n`);
  const root = mkdtempSync(join(tmpdir(), 'parity-hostile-'));
  try {
    makeScratch(root);
    const tally: Record<Outcome, number> = { clean: 0, crash: 0, silent: 0, hang: 0, messy: 0 };
    const cases = hostileCases(root);
    for (const c of cases) {
      const run = await runCli(c.argv, {
        repo,
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
    if (repo !== checkout) rmSync(repo, { recursive: true, force: true });
  }
  return 0;
}

void main().then((code) => {
  process.exitCode = code;
});
