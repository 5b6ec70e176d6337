/**
 * Runs the real `parity` entry (packages/parity/bin/parity.cjs) as a child process, as users and CI
 * do, and collects its exit code and both streams. `preload` adds a `--require` module (a test-only
 * fault injector); `tty` runs it under a pseudo-terminal (util-linux `script`) so colour can show.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const REPO = join(__dirname, '..', '..', '..');
export const BIN = join(REPO, 'packages/parity/bin/parity.cjs');

export interface ParityRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ParityRunOptions {
  /** Variables added to (or, when undefined, removed from) the environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A module to load first with `node --require`. */
  readonly preload?: string;
  /** Run under a pseudo-terminal: standard output is a TTY; both streams arrive on `stdout`. */
  readonly tty?: boolean;
  /** @default 60000 */
  readonly timeoutMs?: number;
  /** The working directory (a directory outside the repository: no project around it). @default REPO */
  readonly cwd?: string;
}

function quote(arg: string): string {
  return `'${arg.replaceAll("'", "'\\''")}'`;
}

export function runParity(argv: readonly string[], options: ParityRunOptions = {}): Promise<ParityRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: '/tmp' };
  // The caller's terminal settings must not leak into what is asserted.
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  delete env.PARITY_DEBUG;
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const node = [process.execPath, ...(options.preload ? ['--require', options.preload] : []), BIN, ...argv];
  const [command, args] = options.tty ? ['script', ['-qec', node.map(quote).join(' '), '/dev/null']] : [node[0]!, node.slice(1)];
  const child = spawn(command, args as string[], { cwd: options.cwd ?? REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`parity ${argv.join(' ')} still running after ${options.timeoutMs ?? 60_000} ms`));
    }, options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
