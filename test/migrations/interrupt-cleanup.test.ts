/**
 * Nothing left behind, whatever happens. Ctrl-C and SIGTERM during a run: the real command in a child process, interrupted once its
 * embedded server is up. Nothing may be left: no postgres process, no temporary directory.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
let stderr = '';
const stderrSoFar = () => stderr;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out; stderr: ${stderrSoFar()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('%s stops the embedded server and removes its directory (exit %i)', async (signal, exitCode) => {
  const scratch = mkdtempSync(join(tmpdir(), 'parity-signal-test-'));
  chmodSync(scratch, 0o755);
  let child: ReturnType<typeof spawn> | undefined;
  try {
    child = spawn(process.execPath, ['bin/parity.cjs', 'migrations', 'check', '--dir', 'migrations', '--new', '7', '--scale', '0.5'], { cwd: root, env: { ...process.env, TMPDIR: scratch }, stdio: ['ignore', 'ignore', 'pipe'] });
    stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    const pidFile = await waitFor(() => {
      const dir = readdirSync(scratch).find((d) => d.startsWith('parity-pg-'));
      const file = dir && join(scratch, dir, 'data', 'postmaster.pid');
      return file && existsSync(file) && readFileSync(file, 'utf8').includes('ready') ? file : undefined;
    }, 30_000);
    const postgresPid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    expect(alive(postgresPid)).toBe(true);
    child.kill(signal);
    expect(await exited).toBe(exitCode);
    expect(stderr).toContain(`parity: ${signal} received, stopping the embedded server and removing its files`);
    expect(stderr).not.toContain('unexpected error');
    expect(alive(postgresPid)).toBe(false);
    expect(readdirSync(scratch).filter((d) => d.startsWith('parity-pg-'))).toEqual([]);
  } finally {
    if (child?.exitCode === null) child.kill('SIGKILL');
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('a migration that fails to apply is exit 2 with the server error, and nothing is left behind', async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'parity-failure-test-'));
  chmodSync(scratch, 0o755);
  try {
    const child = spawn(process.execPath, ['bin/parity.cjs', 'migrations', 'check', '--dir', 'test/fixtures/migrations/failing', '--all'], { cwd: root, env: { ...process.env, TMPDIR: scratch }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(err).toBe(
      'parity: expected every statement of test/fixtures/migrations/failing/0001_fails.sql to apply, found statement at test/fixtures/migrations/failing/0001_fails.sql:2 `INSERT INTO missing_table VALUES (1)` failed: relation "missing_table" does not exist. Fix the migration (run it against a local database to reproduce), then run the check again.\n',
    );
    expect(readdirSync(scratch).filter((d) => d.startsWith('parity-pg-'))).toEqual([]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
