/**
 * Before/after benchmark of `parity plan review` on one large plan: the command of a baseline
 * checkout (`--before DIR`, e.g. an unpacked `git archive main` with node_modules linked) against
 * this checkout's, with plain `JSON.parse` of the same file as the yardstick, all in the same run.
 * Rounds are interleaved (each round runs the three commands in a rotating order), so that load
 * from other processes on a shared machine falls on all three alike; medians are reported. Also
 * times the JSON grammar check alone (json-validate.ts of both trees, in this process) on the file.
 *
 *   npx tsx bench/plan-review-compare.ts --before DIR [--plan FILE | --mib 100] [--rounds 7]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = join(__dirname, '..');
const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const before = option('--before');
if (!before || !existsSync(join(before, 'packages', 'parity', 'bin', 'parity.cjs'))) {
  process.stderr.write(
    'usage: npx tsx bench/plan-review-compare.ts --before DIR [--plan FILE | --mib 100] ' +
      '[--rounds 7]\n  DIR: a checkout of the baseline with packages/parity/bin/parity.cjs and ' +
      'node_modules\n',
  );
  process.exit(2);
}
const rounds = Number(option('--rounds') ?? 7);
const mib = Number(option('--mib') ?? 100);
const plan = option('--plan') ?? join(tmpdir(), 'parity-plan-bench', `plan-${mib}.json`);
if (!existsSync(plan))
  execFileSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'bench', 'plan-generate.ts'), plan, String(mib)], {
    stdio: 'inherit',
  });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** `parity plan review` of the plan with the entry point of the checkout at `tree`. */
const planReview = (tree: string): string[] => [
  'node',
  join(tree, 'packages', 'parity', 'bin', 'parity.cjs'),
  'plan',
  'review',
  '--plan',
  `prod=${plan}`,
  '--format',
  'json',
  '--output',
  '/dev/null',
];
const commands: Record<string, string[]> = {
  'JSON.parse (baseline)': ['node', '-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(plan)}, 'utf8'))`],
  'plan review, before': planReview(resolve(before)),
  'plan review, after': planReview(root),
};
const names = Object.keys(commands);
const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
for (let round = 0; round <= rounds; round++) {
  for (let k = 0; k < names.length; k++) {
    const name = names[(round + k) % names.length]!;
    const [cmd, ...rest] = commands[name]!;
    const started = process.hrtime.bigint();
    const result = spawnSync(cmd!, rest, { cwd: name.endsWith('before') ? before : root, stdio: ['ignore', 'ignore', 'pipe'] });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.status !== 0 && result.status !== 1) throw new Error(`${name} exited ${result.status}: ${result.stderr}`);
    if (round > 0) times[name]!.push(seconds); // round 0 warms the file cache
  }
}

// The grammar check alone, both versions in this process, interleaved.
type Validate = (buf: Buffer, pos: number, end: number) => number;
const validatorOf = (tree: string): Validate =>
  (require(join(tree, 'packages', 'parity', 'src', 'shared', 'plan', 'json-validate.ts')) as { validatedEnd: Validate }).validatedEnd;
const validators: Record<string, Validate> = {
  'json-validate, before': validatorOf(resolve(before)),
  'json-validate, after': validatorOf(root),
};
const buf = readFileSync(plan);
const start = buf.indexOf(0x7b);
for (const name of Object.keys(validators)) times[name] = [];
for (let round = 0; round <= rounds; round++) {
  for (const name of round % 2 ? Object.keys(validators).reverse() : Object.keys(validators)) {
    const started = process.hrtime.bigint();
    validators[name]!(buf, start, buf.length);
    if (round > 0) times[name]!.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
}

const size = statSync(plan).size / 1024 / 1024;
const load = readFileSync('/proc/loadavg', 'utf8').trim();
process.stdout.write(
  `plan ${plan}: ${size.toFixed(1)} MiB; ${rounds} interleaved rounds after 1 warm-up; Node ` +
    `${process.version}; load average at the end ${load}\n`,
);
for (const [name, values] of Object.entries(times)) {
  process.stdout.write(
    `${name.padEnd(24)} median ${median(values).toFixed(3)} s  (min ` +
      `${Math.min(...values).toFixed(3)}, max ${Math.max(...values).toFixed(3)})\n`,
  );
}
