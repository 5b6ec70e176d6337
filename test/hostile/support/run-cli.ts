/**
 * Runs the real `parity` entry as a child process (as CI and users do) and classifies how it ended:
 * `clean` (exit 2, one line on stderr, no stack trace, nothing left behind), `crash` (a stack trace
 * or `unexpected error`, or a file or process left behind), `silent` (it went on as if the input
 * were fine: exit 0 or 1), `hang` (still running at the time limit), `messy` (exit 2 without a
 * trace, but not in one line).
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export type Outcome = 'clean' | 'crash' | 'silent' | 'hang' | 'messy';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** Files in the watched directory that were not there before. */
  readonly leftoverFiles: string[];
  /** Processes still alive that carry this run's mark. */
  readonly leftoverProcesses: number[];
  readonly outcome: Outcome;
}

let counter = 0;

function markedProcesses(mark: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').includes(mark)) found.push(Number(entry));
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

function listing(dir: string | undefined): Set<string> {
  if (!dir) return new Set();
  const out = new Set<string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      out.add(join(d, e.name));
      if (e.isDirectory()) walk(join(d, e.name));
    }
  };
  walk(dir);
  return out;
}

export interface RunOptions {
  /** The checkout whose CLI runs (its `packages/parity/src/cli/main.ts`). @default this repository */
  readonly repo?: string;
  /** Run as uid/gid 65534. */
  readonly unprivileged?: boolean;
  /** A directory whose new files count as left behind. */
  readonly watch?: string;
  /** Time limit in ms before the run counts as a hang. @default 30000 */
  readonly timeoutMs?: number;
  /** Variables added to (or replacing) the environment, e.g. `TMPDIR`. @default none */
  readonly env?: NodeJS.ProcessEnv;
}

export function runCli(argv: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  const repo = options.repo ?? join(__dirname, '..', '..', '..');
  const mark = `PARITY_HOSTILE_RUN=${process.pid}-${++counter}`;
  const before = listing(options.watch);
  const child = spawn(
    process.execPath,
    ['--require', join(repo, 'scripts/register-typescript.cjs'), join(repo, 'packages/parity/src/cli/main.ts'), ...argv],
    {
      cwd: repo,
      env: { ...process.env, PARITY_HOSTILE_RUN: mark.split('=')[1], NO_COLOR: '1', HOME: '/tmp', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.unprivileged && process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}),
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const after = listing(options.watch);
      const leftoverFiles = [...after].filter((f) => !before.has(f));
      const leftoverProcesses = markedProcesses(mark);
      for (const pid of leftoverProcesses) process.kill(pid, 'SIGKILL');
      const lines = stderr.split('\n').filter((l) => l !== '');
      const trace = /unexpected error|^\s+at .+:\d+:\d+\)?$/m.test(stderr);
      const outcome: Outcome = timedOut
        ? 'hang'
        : trace
          ? 'crash'
          : code === 0 || code === 1
            ? 'silent'
            : leftoverFiles.length > 0 || leftoverProcesses.length > 0 || code !== 2
              ? 'crash'
              : lines.length === 1
                ? 'clean'
                : 'messy';
      resolve({ code, stdout, stderr, timedOut, leftoverFiles, leftoverProcesses, outcome });
    });
  });
}
