/**
 * When the embedded PostgreSQL does not start, the one line says what failed: permission denied on
 * the binaries or on the data directory (naming the directory, the user it runs as and the fix), a
 * full disk, the port, or the server's own line. The permission and disk cases are real: root runs
 * initdb as `postgres`, so a 0700 directory on the way is enough; the full disk is a 16 MiB tmpfs.
 * (`tmpDirectory` stands for TMPDIR: jest's `process.env` is not the one os.tmpdir() reads.)
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ExitError } from '../../packages/parity/src/shared/exit-error';
import { startEmbeddedServer } from '../../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../../packages/parity/src/migrations/server/postgres-binaries';
import {
  type StartFailureContext,
  classifyStartFailure,
  decisiveLine,
  startFailure,
} from '../../packages/parity/src/migrations/server/start-failure';

const asRoot = process.getuid?.() === 0;
const binaries = embeddedPostgresBinaries();
const SOURCE = binaries.source;
const postgresUid = () => Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
const scratch = mkdtempSync(join(tmpdir(), 'parity-start-failure-'));
// Enterable by `postgres`: only the directories each test locks may stop it.
chmodSync(scratch, 0o755);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function refusal(start: () => Promise<unknown>): Promise<ExitError> {
  const outcome = await start().then(
    (server) => (server as { stop(): Promise<void> }).stop().then(() => undefined),
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(ExitError);
  const error = outcome as ExitError;
  expect([error.code, error.message.includes('\n')]).toEqual([2, false]);
  return error;
}

(asRoot ? describe : describe.skip)('as root (initdb runs as `postgres`; skipped unless root: no other user to be)', () => {
  test('TMPDIR under a 0700 directory: names the directory, the user and the fix; nothing left behind', async () => {
    const locked = join(scratch, 'locked');
    mkdirSync(locked, { mode: 0o700 });
    chmodSync(locked, 0o700);
    const error = await refusal(() => startEmbeddedServer(binaries, { tmpDirectory: locked }));
    expect(error.message.replace(/parity-pg-\w{6}/, 'parity-pg-XXXXXX')).toBe(
      `expected the embedded PostgreSQL (${SOURCE}) to start, found permission denied: it runs as user \`postgres\` (uid ` +
        `${postgresUid()}; this runs as root, and PostgreSQL refuses root), which cannot enter \`${locked}\` (mode 0700, owner uid 0) on ` +
        `the way to its data directory under \`${locked}\` (${binaries.initdb} exited with 1: initdb: error: could not open file ` +
        `"${locked}/parity-pg-XXXXXX/pwfile" for reading: Permission denied). Nothing was left behind. Run \`chmod o+x ${locked}\`, ` +
        'set TMPDIR to a directory `postgres` can enter (e.g. `TMPDIR=/tmp`), or pass `--database-url` to a disposable PostgreSQL server.',
    );
    expect(readdirSync(locked)).toEqual([]);
  });

  test('the binaries under a 0700 directory: names it and `chmod o+x`; nothing left behind', async () => {
    const hidden = join(scratch, 'hidden');
    mkdirSync(hidden, { mode: 0o700 });
    chmodSync(hidden, 0o700);
    symlinkSync(dirname(binaries.initdb), join(hidden, 'bin'));
    const moved = { ...binaries, initdb: join(hidden, 'bin', 'initdb'), postgres: join(hidden, 'bin', 'postgres') };
    const data = mkdtempSync(join(scratch, 'tmp-'));
    chmodSync(data, 0o755);
    const error = await refusal(() => startEmbeddedServer(moved, { tmpDirectory: data }));
    expect(error.message).toBe(
      `expected the embedded PostgreSQL (${SOURCE}) to start, found permission denied: it runs as user \`postgres\` (uid ` +
        `${postgresUid()}; this runs as root, and PostgreSQL refuses root), which cannot enter \`${hidden}\` (mode 0700, owner uid 0) on ` +
        `the way to its binaries in \`${join(hidden, 'bin')}\` (spawn ${moved.initdb} EACCES). Nothing was left behind. Run \`chmod o+x ` +
        `${hidden}\` (every directory above the binaries must be enterable by \`postgres\`), install the project where \`postgres\` can ` +
        'reach it, or pass `--database-url` to a disposable PostgreSQL server.',
    );
    expect(readdirSync(data)).toEqual([]);
  });

  test('a full disk (a 16 MiB tmpfs; initdb needs about 40): says the disk, not permissions; nothing left behind', async () => {
    const small = join(scratch, 'small');
    mkdirSync(small);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m,mode=1777', 'tmpfs', small], { stdio: 'pipe' });
    } catch (error) {
      // Root without CAP_SYS_ADMIN (a container that forbids mounts): the classifier tests below still cover the wording.
      console.warn(`skipped the real full disk: mount -t tmpfs failed (${(error as Error).message.split('\n')[0]})`);
      return;
    }
    try {
      const error = await refusal(() => startEmbeddedServer(binaries, { tmpDirectory: small }));
      expect(error.message).toMatch(
        new RegExp(
          `^expected the embedded PostgreSQL \\(${SOURCE.replace(/[.]/g, '\\.')}\\) to start, found the disk under \`${small}\` full ` +
            '\\([^()]*No space left on device\\)\\. Nothing was left behind\\. Free space there, set TMPDIR to a file system with room ' +
            '\\(a new cluster needs about 40 MiB, more as the gate seeds rows\\), or pass `--database-url` to a disposable PostgreSQL ' +
            'server\\.$',
        ),
      );
      expect(readdirSync(small)).toEqual([]);
    } finally {
      execFileSync('umount', [small]);
    }
  });
});

describe('the classifier, on the texts initdb, the server and Node print', () => {
  const context: StartFailureContext = {
    source: SOURCE,
    binDirectory: '/opt/pg/bin',
    tmpDirectory: '/var/tmp',
    user: { name: 'postgres', uid: 999, gid: 999, dropped: true },
  };
  // initdb's pg_fatal formats (src/bin/initdb/initdb.c), the server's (src/backend/libpq/pqcomm.c,
  // storage/file), %m printed as strerror; Node's spawn error for a binary it may not execute.
  test.each([
    ['initdb: error: could not create directory "/var/tmp/parity-pg-x/data": No space left on device', undefined, 'disk-full'],
    ['initdb: error: could not write file "/var/tmp/parity-pg-x/data/postgresql.conf": No space left on device', undefined, 'disk-full'],
    ['FATAL:  could not write to file "pg_wal/xlogtemp.123": No space left on device', undefined, 'disk-full'],
    ['ENOSPC: no space left on device, write', 'ENOSPC', 'disk-full'],
    ['initdb: error: could not open file "/var/tmp/parity-pg-x/pwfile" for reading: Permission denied', undefined, 'permission'],
    ['initdb: error: could not access directory "/var/tmp/parity-pg-x/data": Permission denied', undefined, 'permission'],
    ['spawn /opt/pg/bin/initdb EACCES', 'EACCES', 'permission'],
    ['LOG:  could not bind IPv4 address "127.0.0.1": Address already in use', undefined, 'port'],
    ['FATAL:  could not create any TCP/IP sockets', undefined, 'port'],
    ['FATAL:  could not load library "/opt/pg/lib/libpq.so.5": cannot open shared object file', undefined, 'other'],
  ])('%s → %s', (message, code, kind) => {
    expect(classifyStartFailure({ code, message })).toBe(kind);
  });

  test('the decisive line of a server log is its FATAL line, on one line', () => {
    const log =
      '2026-12-01 14:00:00.000 UTC [1] LOG:  starting PostgreSQL 16.14\n' +
      '2026-12-01 14:00:00.001 UTC [1] LOG:  could not bind IPv4 address "127.0.0.1": Address already in use\n' +
      '2026-12-01 14:00:00.002 UTC [1] FATAL:  could not create any TCP/IP sockets\n';
    expect(decisiveLine(`exited with 1 while starting: ${log}`)).toBe(
      '2026-12-01 14:00:00.002 UTC [1] FATAL:  could not create any TCP/IP sockets',
    );
    expect(startFailure(new Error(`exited with 1 while starting: ${log}`), context).message).toBe(
      `expected the embedded PostgreSQL (${SOURCE}) to start, found that it could not listen on 127.0.0.1 (2026-12-01 14:00:00.002 UTC ` +
        '[1] FATAL:  could not create any TCP/IP sockets). Nothing was left behind. Run again (another process took the port between ' +
        'choosing and binding it), or pass `--database-url` to a disposable PostgreSQL server.',
    );
  });

  test('a full disk names TMPDIR; anything else gives the server’s own line', () => {
    const full = 'initdb exited with 1: initdb: error: could not create directory "/var/tmp/parity-pg-x/data": No space left on device';
    expect(startFailure(new Error(full), context).message).toBe(
      `expected the embedded PostgreSQL (${SOURCE}) to start, found the disk under \`/var/tmp\` full (${full}). Nothing was left ` +
        'behind. Free space there, set TMPDIR to a file system with room (a new cluster needs about 40 MiB, more as the gate seeds ' +
        'rows), ' +
        'or pass `--database-url` to a disposable PostgreSQL server.',
    );
    expect(startFailure(new Error('did not accept connections within 30 s: LOG:  starting\nFATAL:  bad things'), context).message).toBe(
      `expected the embedded PostgreSQL (${SOURCE}) to start, found: FATAL:  bad things. Nothing was left behind. Pass ` +
        '`--database-url` to a disposable PostgreSQL server.',
    );
  });
});
