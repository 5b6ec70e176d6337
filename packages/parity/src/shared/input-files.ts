/**
 * The one file-system layer for reading what a user points a command at (policy files, plans,
 * stacks, HCL directories, waivers, profiles, migrations). Every problem a user can cause (nothing
 * there, a file under a file, no permission, a directory where a file was expected or the other way
 * round, a FIFO or device that could block forever, a file too large, binary data where text was
 * expected) becomes the same exit 2: what was expected, what was found, and the fix.
 */
import { type Dirent, type Stats, closeSync, fstatSync, openSync, readSync, readdirSync, statSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { ExitError, badInput } from './exit-error';

/** What a command expected to find at a path, for the messages. */
export interface InputKind {
  /** What was expected, with an article: `a policy file (JSON or YAML)`, `a plan JSON file`. */
  readonly what: string;
  /** The sentence that tells the user what to do about a wrong path: `Check the path given to \`--policy\`.` */
  readonly fix: string;
  /** Largest size read, in bytes. @default TEXT_LIMIT for text, BINARY_LIMIT for buffers */
  readonly maxBytes?: number;
}

/** Text inputs (policy, waivers, HCL, stacks, migrations): beyond this they are not configuration. */
export const TEXT_LIMIT = 256 * 1024 * 1024;
/** Byte inputs (plans): Node's Buffer holds up to 4 GiB; a plan four times the largest seen is refused first. */
export const BINARY_LIMIT = 2 * 1024 * 1024 * 1024;

function sizeText(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${bytes} bytes`;
}

/** What a non-regular, non-directory file is, in words. */
function specialKind(stats: Stats): string {
  if (stats.isFIFO()) return 'a named pipe (FIFO), which is never read: it could wait forever';
  if (stats.isCharacterDevice()) return 'a character device, which is never read: it could wait forever or never end';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'something that is neither a file nor a directory';
}

/** The first ancestor of `path` that exists and is not a directory (for ENOTDIR). */
function fileInPath(path: string): string | undefined {
  for (let p = dirname(path); p !== dirname(p); p = dirname(p)) {
    try {
      if (!statSync(p).isDirectory()) return p;
    } catch {
      // Keep going up.
    }
  }
  return undefined;
}

/** Describes a failed stat/open/read as what was found. Unknown codes are not user-caused: rethrown. */
function foundForError(error: unknown, path: string, expectDirectory: boolean): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'nothing: no such file or directory';
    case 'ENOTDIR': {
      const file = fileInPath(path);
      return file
        ? `that \`${file}\` is a file, not a directory, so nothing can be under it`
        : 'a file where a directory was expected in the path';
    }
    case 'EACCES':
    case 'EPERM':
      return expectDirectory ? 'a directory that cannot be listed (permission denied)' : 'a file that cannot be read (permission denied)';
    case 'EISDIR':
      return 'a directory';
    case 'ELOOP':
      return 'a loop of symbolic links';
    case 'ENAMETOOLONG':
      return 'a path too long for the file system';
    case 'EIO':
      return 'a file the disk could not read (I/O error)';
    default:
      throw error;
  }
}

function fail(kind: InputKind, path: string, found: string, fix = kind.fix): ExitError {
  return badInput(`${kind.what} at \`${path}\``, found, fix);
}

const PERMISSION_FIX = (path: string, directory: boolean) =>
  `Make it readable (\`chmod ${directory ? 'u+rx' : 'u+r'} ${path}\`) or run as a user who may read it.`;

function isPermission(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM';
}

/** Stats a path, turning every user-caused error into exit 2. */
function statInput(path: string, kind: InputKind, directory: boolean): Stats {
  if (path === '') throw fail(kind, '', 'an empty path', kind.fix);
  try {
    return statSync(path);
  } catch (error) {
    throw fail(kind, path, foundForError(error, path, directory), isPermission(error) ? PERMISSION_FIX(path, directory) : kind.fix);
  }
}

/**
 * Reads a regular file's bytes. Refuses (exit 2) anything that is not a regular file, before
 * opening it: a FIFO or a terminal would block the command forever.
 */
export function readInputBytes(path: string, kind: InputKind): Buffer {
  const stats = statInput(path, kind, false);
  if (stats.isDirectory()) throw fail(kind, path, 'a directory', kind.fix);
  if (!stats.isFile()) throw fail(kind, path, specialKind(stats), 'Pass a regular file.');
  const limit = kind.maxBytes ?? BINARY_LIMIT;
  if (stats.size > limit)
    throw fail(
      kind,
      path,
      `a file of ${sizeText(stats.size)}, larger than the ${sizeText(limit)} this reads`,
      'Pass the right file; if it really is that large, split it.',
    );
  let fd: number;
  try {
    // O_NONBLOCK: if the path was swapped for a FIFO since the stat, opening it does not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw fail(kind, path, foundForError(error, path, false), isPermission(error) ? PERMISSION_FIX(path, false) : kind.fix);
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw fail(kind, path, specialKind(opened), 'Pass a regular file.');
    const buffer = Buffer.allocUnsafe(opened.size);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } catch (error) {
    if (error instanceof ExitError) throw error;
    throw fail(kind, path, foundForError(error, path, false), kind.fix);
  } finally {
    closeSync(fd);
  }
}

/** Where binary data starts in a buffer that should be text: a NUL byte or bytes that are not UTF-8. */
function binaryOffset(buffer: Buffer): number | undefined {
  const nul = buffer.indexOf(0);
  if (nul >= 0) return nul;
  const text = buffer.toString('utf8');
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0 && !buffer.includes(Buffer.from('\uFFFD', 'utf8'))) return Buffer.byteLength(text.slice(0, bad), 'utf8');
  return undefined;
}

/** Reads a regular file as UTF-8 text (a byte order mark is dropped); binary content is exit 2. */
export function readInputText(path: string, kind: InputKind): string {
  const bytes = readInputBytes(path, { ...kind, maxBytes: kind.maxBytes ?? TEXT_LIMIT });
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const offset = binaryOffset(body);
  if (offset !== undefined) throw fail(kind, path, `binary data, not text (byte ${offset} is not UTF-8 text)`, kind.fix);
  return body.toString('utf8');
}

/** One entry of a directory listing, with what it is (symbolic links followed). */
export interface DirectoryEntry {
  readonly name: string;
  readonly isFile: boolean;
  readonly isDirectory: boolean;
}

function entryOf(directory: string, dirent: Dirent): DirectoryEntry {
  if (!dirent.isSymbolicLink()) return { name: dirent.name, isFile: dirent.isFile(), isDirectory: dirent.isDirectory() };
  try {
    const target = statSync(`${directory}/${dirent.name}`);
    return { name: dirent.name, isFile: target.isFile(), isDirectory: target.isDirectory() };
  } catch {
    // A dangling link is neither: it is skipped like any other non-file.
    return { name: dirent.name, isFile: false, isDirectory: false };
  }
}

/** Lists a directory (sorted by name); a regular file, a missing path or an unreadable directory is exit 2. */
export function listInputDirectory(path: string, kind: InputKind): DirectoryEntry[] {
  const stats = statInput(path, kind, true);
  if (!stats.isDirectory()) throw fail(kind, path, stats.isFile() ? 'a regular file, not a directory' : specialKind(stats), kind.fix);
  try {
    return readdirSync(path, { withFileTypes: true })
      .map((d) => entryOf(path, d))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    throw fail(kind, path, foundForError(error, path, true), isPermission(error) ? PERMISSION_FIX(path, true) : kind.fix);
  }
}

/** A migration script (any tool): a directory or FIFO named like a migration is exit 2. */
export const MIGRATION_FILE: InputKind = {
  what: 'a migration file',
  fix: 'Make it a readable text file, or move it out of the migrations directory.',
};

/** The `--dir` of the migration commands. */
export const MIGRATIONS_DIRECTORY: InputKind = { what: 'a migrations directory', fix: 'Pass `--dir PATH` (default `migrations`).' };

/** The names in a directory (sorted), for commands that pick their files by name. */
export function inputDirectoryNames(path: string, kind: InputKind): string[] {
  return listInputDirectory(path, kind).map((entry) => entry.name);
}
