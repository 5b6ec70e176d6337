/**
 * Nothing left behind, whatever happens. The real command runs in a child process (its own process
 * group) and is sent SIGINT or SIGTERM at each phase: initdb, seeding, a plain statement, a polled
 * CREATE INDEX CONCURRENTLY, squawk; and through `npx`. Each time: exit 130/143, one line on
 * stderr, no process of the run left (server, backends, initdb, squawk), no temporary directory.
 * Phases are recognised from outside with `ps`: initdb's and squawk's command lines, and the
 * command tag PostgreSQL puts in a backend's process title (`INSERT`, `DO`, `CREATE INDEX`).
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

jest.setTimeout(120_000);

const root = join(__dirname, '..', '..');

interface Proc {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly args: string;
}

/** The working directory of a process ('' when unreadable): PostgreSQL's processes work in their data directory. */
function cwdOf(pid: number): string {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return '';
  }
}

/** Processes of the run still alive: in its groups, under its scratch directory, or children of its node. */
function leftovers(scratch: string, groups: readonly number[], node: number): Proc[] {
  return processes().filter(
    (p) =>
      groups.includes(p.pgid) ||
      groups.includes(p.pid) ||
      groups.includes(p.ppid) ||
      p.args.includes(scratch) ||
      cwdOf(p.pid).startsWith(scratch) ||
      p.ppid === node,
  );
}

function processes(): Proc[] {
  // Zombies (state Z) are dead already: they only wait for the container's init to reap them.
  return execFileSync('ps', ['-eo', 'pid=,ppid=,pgid=,stat=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && !m[4]!.startsWith('Z'))
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), pgid: Number(m[3]), args: m[5]! }));
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting; ${what()}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** The postmaster of the run's embedded server, once it is up. */
function postmasterPid(scratch: string): number | undefined {
  const dir = readdirSync(scratch).find((d) => d.startsWith('parity-pg-'));
  const file = dir && join(scratch, dir, 'data', 'postmaster.pid');
  if (!file) return undefined;
  // initdb's single-user backends create and remove postmaster.pid too, so the file can vanish
  // between any check and the read: a missing file only means "not up yet".
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return text.includes('ready') ? Number(text.split('\n')[0]) : undefined;
}

/** A backend of the run's server whose process title ends with `tag` (its current command). */
function backendRunning(scratch: string, tag: string): number | undefined {
  const postmaster = postmasterPid(scratch);
  if (!postmaster) return undefined;
  return processes().find((p) => p.ppid === postmaster && p.args.startsWith('postgres: ') && p.args.endsWith(` ${tag}`))?.pid;
}

interface Phase {
  readonly name: string;
  readonly args: (scratch: string) => string[];
  /** Returns the process group(s) of the run to check afterwards, once the phase is under way. */
  readonly reached: (scratch: string, child: number) => number[] | undefined;
}

const check = ['packages/parity/bin/parity.cjs', 'migrations', 'check'];
const phases: Phase[] = [
  {
    name: 'initdb',
    args: () => [...check, '--dir', 'test/fixtures/migrations/interrupt-plain', '--new', '1'],
    reached: (scratch) => {
      const initdb = processes().find((p) => p.args.includes('/initdb ') && p.args.includes(scratch));
      return initdb && [initdb.pgid];
    },
  },
  {
    name: 'seeding',
    args: () => [...check, '--dir', 'test/fixtures/migrations/interrupt-plain', '--new', '1'],
    reached: (scratch) => (backendRunning(scratch, 'INSERT') ? [postmasterPid(scratch)!] : undefined),
  },
  {
    name: 'a plain statement',
    args: () => [...check, '--dir', 'test/fixtures/migrations/interrupt-plain', '--new', '1'],
    reached: (scratch) => (backendRunning(scratch, 'DO') ? [postmasterPid(scratch)!] : undefined),
  },
  {
    name: 'a polled CREATE INDEX CONCURRENTLY',
    args: () => [...check, '--dir', 'test/fixtures/migrations/interrupt-concurrent', '--new', '1'],
    reached: (scratch) => (backendRunning(scratch, 'CREATE INDEX') ? [postmasterPid(scratch)!] : undefined),
  },
  {
    name: 'squawk',
    args: (scratch) => [...check, '--dir', join(scratch, 'big'), '--all'],
    reached: (_scratch, child) => {
      const squawk = processes().find((p) => p.ppid === child && p.args.includes('squawk'));
      return squawk && [squawk.pid];
    },
  },
];

/** A directory with one migration of one 100,000-row INSERT: squawk takes seconds over it. */
function bigMigration(scratch: string): void {
  const dir = join(scratch, 'big');
  execFileSync('mkdir', ['-p', dir]);
  writeFileSync(
    join(dir, '0001_many.sql'),
    `INSERT INTO t (a, b) VALUES ${Array.from({ length: 100_000 }, (_, i) => `(${i}, 'v${i}')`).join(', ')};\n`,
  );
}

const cases = phases.flatMap((phase, i) => [
  [phase.name, 'SIGINT', i % 2 === 0 ? 'group' : 'process', 130] as const,
  [phase.name, 'SIGTERM', i % 2 === 0 ? 'process' : 'group', 143] as const,
]);

test.each(cases)('%s: %s (to the %s) stops everything and exits %i', async (phaseName, signal, target, exitCode) => {
  const phase = phases.find((p) => p.name === phaseName)!;
  const scratch = mkdtempSync(join(tmpdir(), 'parity-signal-test-'));
  chmodSync(scratch, 0o755);
  if (phase.name === 'squawk') bigMigration(scratch);
  let stderr = '';
  const child = spawn(process.execPath, phase.args(scratch), {
    cwd: root,
    env: { ...process.env, TMPDIR: scratch },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  try {
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const groups = await waitFor(
      () => phase.reached(scratch, child.pid!),
      60_000,
      () => `stderr: ${stderr}`,
    );
    if (target === 'group') process.kill(-child.pid!, signal);
    else child.kill(signal);
    expect(await exited).toBe(exitCode);
    expect(stderr).toBe(`parity: ${signal} received, stopping the embedded server and removing its files\n`);
    await new Promise((r) => setTimeout(r, 100));
    expect(leftovers(scratch, groups, child.pid!)).toEqual([]);
    expect(readdirSync(scratch).filter((d) => d.startsWith('parity-'))).toEqual([]);
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('SIGTERM to `npx parity` stops the command it started: no orphaned node, no server, no directory', async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'parity-npx-test-'));
  chmodSync(scratch, 0o755);
  const npx = spawn('npx', ['parity', 'migrations', 'check', '--dir', 'test/fixtures/migrations/interrupt-plain', '--new', '1'], {
    cwd: root,
    env: { ...process.env, TMPDIR: scratch },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  try {
    const server = await waitFor(
      () => backendRunning(scratch, 'INSERT') ?? backendRunning(scratch, 'DO'),
      60_000,
      () => 'no server',
    );
    const postmaster = postmasterPid(scratch)!;
    const node = processes().find((p) => p.pgid === npx.pid && p.args.includes('migrations check') && p.args.startsWith('node '));
    expect(node).toBeDefined();
    expect(server).toBeGreaterThan(0);
    npx.kill('SIGTERM');
    await waitFor(
      () => (processes().some((p) => p.pid === node!.pid) ? undefined : true),
      30_000,
      () => 'the command is still running',
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(leftovers(scratch, [postmaster], node!.pid)).toEqual([]);
    expect(readdirSync(scratch).filter((d) => d.startsWith('parity-'))).toEqual([]);
  } finally {
    try {
      process.kill(-npx.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('a migration that fails to apply is exit 2 with the server error, and nothing is left behind', async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'parity-failure-test-'));
  chmodSync(scratch, 0o755);
  try {
    const child = spawn(
      process.execPath,
      ['packages/parity/bin/parity.cjs', 'migrations', 'check', '--dir', 'test/fixtures/migrations/failing', '--all'],
      { cwd: root, env: { ...process.env, TMPDIR: scratch }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(err).toBe(
      'parity: expected every statement of test/fixtures/migrations/failing/0001_fails.sql to apply, found statement at ' +
        'test/fixtures/migrations/failing/0001_fails.sql:2 `INSERT INTO missing_table VALUES (1)` failed: relation "missing_table" ' +
        'does not exist. Fix the migration (run it against a local database to reproduce), then run the check again.\n',
    );
    expect(readdirSync(scratch).filter((d) => d.startsWith('parity-'))).toEqual([]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
