/**
 * Where a command's report goes: `--output FILE` or standard output. `checkOutput` runs before any
 * work (a 50 s gate run must not end in an unwritable path); `writeOutput` writes atomically, to a
 * temporary file in the same directory then renamed over the target, so a failure never leaves
 * half a report.
 */
import {
  type Stats,
  accessSync,
  closeSync,
  constants,
  fsyncSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { type ExitError, badInput } from './exit-error';

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** The character device that accepts no byte (Linux's `/dev/full`, 1:7): every write fails with ENOSPC. */
function isDevFull(stats: Stats): boolean {
  return process.platform === 'linux' && stats.isCharacterDevice() && stats.rdev === ((1 << 8) | 7);
}

/**
 * Why this process cannot create an entry in `dir`, or undefined when it can. Found by creating one
 * (a file, or with `asDirectory` a directory, as the write will) and removing it at once: `access(2)`
 * says yes to root everywhere, /proc included, where creating anything fails.
 */
function cannotCreateIn(dir: string, asDirectory = false): string | undefined {
  const probe = join(dir, `.parity-probe-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    if (asDirectory) {
      mkdirSync(probe);
      rmdirSync(probe);
    } else {
      closeSync(openSync(probe, 'wx', 0o600));
      rmSync(probe, { force: true });
    }
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return 'a directory this user may not write to (permission denied)';
    if (code === 'EROFS') return 'a directory on a read-only file system (EROFS)';
    if (code === 'ENOSPC' || code === 'EDQUOT') return `a directory on a full disk or quota (${code})`;
    return `a directory where no file can be created (${code ?? (error as Error).message})`;
  }
}

/**
 * Checks that `--output` (or `--outdir`, with `directory`) can be written, before the command does
 * any work: not empty, not a directory (or, for a directory, not a file), not under a file, and in
 * a directory where this process can really create it (probed, so root, /proc and read-only mounts
 * are told apart), and not `/dev/full`. Missing parent directories are allowed when the nearest
 * existing one accepts a new directory: `writeOutput` creates them, as it always has. Returns the path unchanged.
 */
export function checkOutput<T extends string | undefined>(path: T, option = '--output', directory = false): T {
  if (path === undefined) return path;
  const what = directory ? `\`${option} DIR\` a directory that can be created or written` : `\`${option} FILE\` a file that can be written`;
  const fix = directory
    ? `Pass \`${option}\` a writable directory, e.g. \`${option} cdktf.out\`.`
    : `Pass \`${option}\` a writable path, e.g. \`${option} report.md\`, or leave it out to print to standard output.`;
  if (path.trim() === '') throw badInput(what, `\`${option} "${path}"\`, an empty path`, fix);
  const target = resolve(path);
  const stats = statOrUndefined(target);
  if (stats) {
    if (directory) {
      if (!stats.isDirectory()) throw badInput(what, `\`${path}\`, which is ${stats.isFile() ? 'a regular file' : 'not a directory'}`, fix);
      const reason = cannotCreateIn(target);
      if (reason) throw badInput(what, `\`${path}\`, ${reason}`, fix);
      return path;
    }
    if (stats.isDirectory())
      throw badInput(what, `\`${path}\`, which is a directory`, `Name a file inside it, e.g. \`${option} ${join(path, 'report.md')}\`.`);
    if (isDevFull(stats))
      throw badInput(what, `\`${path}\`, a device that takes no byte (every write fails: the disk is full, ENOSPC)`, fix);
    try {
      accessSync(target, constants.W_OK);
    } catch {
      throw badInput(what, `\`${path}\`, a file this user may not write to (permission denied)`, fix);
    }
    const besideIt = stats.isFile() ? cannotCreateIn(dirname(realpathSync(target))) : undefined;
    if (besideIt) throw badInput(what, `\`${path}\` in ${besideIt}: the report is written beside it, then renamed`, fix);
    return path;
  }
  // Walk up to the nearest path that exists: it must be a directory this user may write to.
  let ancestor = dirname(target);
  let ancestorStats = statOrUndefined(ancestor);
  while (!ancestorStats && ancestor !== dirname(ancestor)) {
    ancestor = dirname(ancestor);
    ancestorStats = statOrUndefined(ancestor);
  }
  if (ancestorStats && !ancestorStats.isDirectory())
    throw badInput(what, `\`${path}\`, under \`${ancestor}\`, which is a file, not a directory`, fix);
  if (!ancestorStats) throw badInput(what, `\`${path}\`, under no existing directory`, fix);
  // Creating the file (parent there) or the first missing directory (parent missing) is what the write will do.
  const reason = cannotCreateIn(ancestor, directory || ancestor !== dirname(target));
  if (reason) throw badInput(what, `\`${path}\`, in \`${ancestor}\`, ${reason}`, fix);
  return path;
}

function writeFailed(path: string, error: unknown): ExitError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOSPC'
      ? 'the disk is full (ENOSPC)'
      : code === 'EDQUOT'
        ? 'the disk quota is exceeded (EDQUOT)'
        : code === 'EROFS'
          ? 'the file system is read-only (EROFS)'
          : code === 'EFBIG'
            ? 'the file is larger than this process may write (EFBIG)'
            : `${code ?? (error as Error).message}`;
  return badInput(
    `\`--output ${path}\` to be written`,
    `that writing it failed: ${reason}; nothing was left behind`,
    'Free space or pass another `--output`, then run again.',
  );
}

function writeAll(fd: number, body: string): void {
  const bytes = Buffer.from(body, 'utf8');
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
}

/**
 * `mkdir -p`, one level at a time: Node 20's `mkdirSync(dir, { recursive: true })` never returns
 * when mkdir fails with ENOENT under a parent that exists (`/proc/nope`): it retries forever.
 */
function makeDirectories(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !statOrUndefined(d) && d !== dirname(d); d = dirname(d)) missing.unshift(d);
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** Writes `body` to `file` through a temporary file in the same directory and a rename. */
export function writeFileAtomically(file: string, body: string): void {
  const existing = statOrUndefined(file);
  if (existing && !existing.isFile()) {
    // `/dev/null`, `/dev/stdout`, a FIFO: written in place (renaming over a device would replace it).
    let fd: number | undefined;
    try {
      fd = openSync(file, 'w');
      writeAll(fd, body);
    } catch (error) {
      throw writeFailed(file, error);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    return;
  }
  // A symbolic link keeps pointing where it did: the file it names is replaced.
  const target = existing ? realpathSync(file) : resolve(file);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | undefined;
  try {
    makeDirectories(dirname(target));
    fd = openSync(temporary, 'wx', existing ? existing.mode & 0o777 : 0o644);
    writeAll(fd, body);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    throw writeFailed(file, error);
  }
}

/** Writes a rendered report to `--output FILE` (atomically) or to standard output. */
export function writeOutput(text: string, outputFile?: string): void {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (outputFile !== undefined) writeFileAtomically(outputFile, body);
  else process.stdout.write(body);
}

/**
 * True when colour may be used: the report goes to standard output, that is a terminal, and
 * neither `--no-color` (`noColor`) nor NO_COLOR (any non-empty value, https://no-color.org) says no.
 */
export function useColour(outputFile?: string, noColor = false): boolean {
  return outputFile === undefined && !noColor && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
}
