/**
 * How long a command stays up after its last byte of output (bench/hcl-exit.sh), with Node's timers:
 *
 *   tsx bench/hcl-exit-linger.ts RUNS LABEL BIN ARGS...   runs `node BIN ARGS...` RUNS times; prints the
 *                                                           median wall time and the median time from the
 *                                                           last byte on stdout or stderr to the exit
 */
import { spawn } from 'node:child_process';

function once(bin: string, args: readonly string[]): Promise<{ wall: number; linger: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    let last = start;
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const seen = (): void => {
      last = performance.now();
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('error', reject);
    child.on('exit', () => {
      const end = performance.now();
      resolve({ wall: end - start, linger: end - last });
    });
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

async function main(): Promise<void> {
  const [runs, label, bin, ...args] = process.argv.slice(2);
  if (!runs || !label || !bin) throw new Error('usage: hcl-exit-linger.ts RUNS LABEL BIN ARGS...');
  const results: { wall: number; linger: number }[] = [];
  for (let i = 0; i < Number(runs); i++) results.push(await once(bin, args));
  const lingers = results.map((r) => r.linger);
  console.log(
    `${label.padEnd(24)} wall median ${median(results.map((r) => r.wall))
      .toFixed(0)
      .padStart(5)} ms, ` +
      `after the last output median ${median(lingers).toFixed(0).padStart(5)} ms ` +
      `(${lingers.map((l) => l.toFixed(0)).join(', ')})`,
  );
}

void main();
