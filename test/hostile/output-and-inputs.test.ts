/**
 * The two file-system layers directly: `--output` checked before work and written atomically (a
 * failed write leaves the previous report and no temporary file), and the input reader's classes
 * that the CLI suite does not reach (a byte order mark, text with U+FFFD, a dangling link). Every
 * command that writes a report refuses an output it cannot write before any work: no temporary
 * directory made (a synth, a PostgreSQL server), no connection opened (a database, AWS).
 */
import { spawnSync } from 'node:child_process';
import { type AddressInfo, type Server, createServer } from 'node:net';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitError } from '../../packages/parity/src/shared/exit-error';
import { listInputDirectory, readInputText } from '../../packages/parity/src/shared/input-files';
import { userFileSystemError } from '../../packages/parity/src/cli/main';
import { checkOutput, writeOutput } from '../../packages/parity/src/shared/output';
import { isCalendarDate } from '../../packages/parity/src/shared/waivers/waiver';
import { MIGRATIONS, PLAN } from './support/hostile-cases';
import { runCli } from './support/run-cli';

const dir = mkdtempSync(join(tmpdir(), 'parity-output-'));
// Traversable by uid 65534, for the rows that run unprivileged.
chmodSync(dir, 0o755);
afterAll(() => {
  chmodSync(join(dir, 'read-only-dir'), 0o755);
  rmSync(dir, { recursive: true, force: true });
});

const KIND = { what: 'a policy file (JSON or YAML)', fix: 'Check the path given to `--policy`.' };

function refusal(f: () => unknown): ExitError {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(ExitError);
    return error as ExitError;
  }
  throw new Error('expected a refusal');
}

describe('--output', () => {
  test('missing parent directories are created at write time, not at check time', () => {
    const file = join(dir, 'new', 'deeper', 'report.md');
    expect(checkOutput(file)).toBe(file);
    expect(existsSync(join(dir, 'new'))).toBe(false);
    writeOutput('# report', file);
    expect(readFileSync(file, 'utf8')).toBe('# report\n');
  });

  test('a failed write (through the CLI, file size limit: EFBIG) keeps the previous report whole and leaves no temporary file', () => {
    const out = join(dir, 'limited');
    mkdirSync(out);
    const file = join(out, 'report.json');
    writeFileSync(file, 'previous report\n');
    const repo = join(__dirname, '..', '..');
    const stacks = join(repo, 'test', 'fixtures', 'stacks', 'orders', 'stacks');
    // `ulimit -f 1`: no file beyond 1 KiB; SIGXFSZ ignored, so the write fails with EFBIG instead of killing the process.
    const script =
      `trap '' XFSZ; ulimit -f 1; exec "${process.execPath}" --require ` +
      `./scripts/register-typescript.cjs packages/parity/src/cli/main.ts check --stacks ` +
      `"${stacks}" --format json --output "${file}"`;
    const run = spawnSync('bash', ['-c', script], { cwd: repo, encoding: 'utf8' });
    expect([run.status, run.stderr]).toEqual([
      2,
      `parity: expected \`--output ${file}\` to be written, found that writing it failed: the file is larger than this process may ` +
        `write (EFBIG); nothing was left behind. Free space or pass another \`--output\`, then run again.\n`,
    ]);
    expect(readFileSync(file, 'utf8')).toBe('previous report\n');
    expect(readdirSync(out)).toEqual(['report.json']);
  });

  test('a symbolic link keeps pointing at its file, which receives the report; the mode is kept', () => {
    const target = join(dir, 'target.md');
    writeFileSync(target, 'old\n');
    chmodSync(target, 0o640);
    const link = join(dir, 'link.md');
    symlinkSync(target, link);
    writeOutput('new', link);
    expect([lstatSync(link).isSymbolicLink(), readlinkSync(link), readFileSync(target, 'utf8'), lstatSync(target).mode & 0o777]).toEqual([
      true,
      target,
      'new\n',
      0o640,
    ]);
  });

  test('/dev/null is written in place, never renamed over', () => {
    expect(checkOutput('/dev/null')).toBe('/dev/null');
    writeOutput('discarded', '/dev/null');
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  test('--outdir that is a file', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    expect(refusal(() => checkOutput(file, '--outdir', true)).message).toBe(
      `expected \`--outdir DIR\` a directory that can be created or written, found \`${file}\`, which is a regular file. Pass ` +
        `\`--outdir\` a writable directory, e.g. \`--outdir cdktf.out\`.`,
    );
  });
});

describe('inputs', () => {
  test('a UTF-8 byte order mark is dropped; U+FFFD written as text is text', () => {
    const file = join(dir, 'bom.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('groups: {}\n# \uFFFD\n')]));
    expect(readInputText(file, KIND)).toBe('groups: {}\n# \uFFFD\n');
  });

  test('invalid UTF-8 is binary, with its offset', () => {
    const file = join(dir, 'latin1.yaml');
    writeFileSync(file, Buffer.from('name: caf\xe9\n', 'latin1'));
    expect(refusal(() => readInputText(file, KIND)).message).toBe(
      `expected a policy file (JSON or YAML) at \`${file}\`, found binary data, not text (byte 9 is not UTF-8 text). Check the path ` +
        `given to \`--policy\`.`,
    );
  });

  test('an empty path', () => {
    expect(refusal(() => readInputText('', KIND)).message).toBe(
      'expected a policy file (JSON or YAML) at ``, found an empty path. Check the path given to `--policy`.',
    );
  });

  test('a listing follows links to files and directories, and marks a dangling link as neither', () => {
    const listed = join(dir, 'listed');
    mkdirSync(join(listed, 'sub'), { recursive: true });
    writeFileSync(join(listed, 'a.tf'), '');
    symlinkSync(join(listed, 'a.tf'), join(listed, 'b.tf'));
    symlinkSync(join(listed, 'sub'), join(listed, 'c'));
    symlinkSync(join(listed, 'nowhere'), join(listed, 'd.tf'));
    expect(listInputDirectory(listed, KIND)).toEqual([
      { name: 'a.tf', isFile: true, isDirectory: false },
      { name: 'b.tf', isFile: true, isDirectory: false },
      { name: 'c', isFile: false, isDirectory: true },
      { name: 'd.tf', isFile: false, isDirectory: false },
      { name: 'sub', isFile: false, isDirectory: true },
    ]);
  });
});

test.each([
  ['2026-02-28', true],
  ['2028-02-29', true],
  ['2026-02-29', false],
  ['2026-02-30', false],
  ['2026-13-01', false],
  ['2026-04-31', false],
  ['2026-00-10', false],
  ['2100-02-29', false],
  ['2000-02-29', true],
])('%s is a calendar date: %s', (date, real) => {
  expect(isCalendarDate(date)).toBe(real);
});

test('a file-system error below the input layer is one line, exit 2; any other error is left to the entry', () => {
  let raised: unknown;
  try {
    readFileSync(join(dir, 'no-such-file'));
  } catch (error) {
    raised = error;
  }
  const turned = userFileSystemError(raised);
  expect([turned?.code, turned?.message]).toEqual([
    2,
    `expected \`${join(dir, 'no-such-file')}\` to be usable (open), found nothing: no such file or directory (ENOENT). Check the ` +
      `path and its permissions, then run again.`,
  ]);
  expect(userFileSystemError(new TypeError('x is undefined'))).toBeUndefined();
  expect(userFileSystemError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBeUndefined();
});

describe('every command refuses an output it cannot write before any work', () => {
  // Anything that connects here (a database, AWS) is work that should not have started.
  let listener: Server;
  let connections = 0;
  let port = 0;
  beforeAll(async () => {
    mkdirSync(join(dir, 'a-report-directory'));
    mkdirSync(join(dir, 'read-only-dir'), { mode: 0o555 });
    chmodSync(join(dir, 'read-only-dir'), 0o555);
    listener = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    port = (listener.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => listener.close(() => resolve())));

  const url = () => `postgres://parity:parity@127.0.0.1:${port}/none`;
  /** Each command as it would run, with its work observable: a temporary directory, a connection, an outdir. */
  const COMMANDS: [string, () => string[]][] = [
    ['check (synthesizes the project)', () => ['check']],
    ['synth', () => ['synth', '--outdir', join(dir, 'synth-out')]],
    ['plan review', () => ['plan', 'review', '--plan', `staging=${PLAN}`]],
    ['migrations check (starts PostgreSQL)', () => ['migrations', 'check', '--dir', MIGRATIONS, '--all']],
    ['migrations profile', () => ['migrations', 'profile', '--database-url', url()]],
    ['preflight', () => ['preflight', '--database-url', url(), '--dir', MIGRATIONS]],
    ['data check', () => ['data', 'check', '--db', `prod=${url()}`, '--db', `staging=${url()}`]],
    ['drift (reads AWS)', () => ['drift', '--env', 'staging']],
    ['promote check', () => ['promote', 'check', '--from', 'staging', '--to', 'prod', '--database-url', url()]],
  ];
  const WRITE = 'Pass `--output` a writable path, e.g. `--output report.md`, or leave it out to print to standard output.';
  const OUTPUTS: [string, () => string, boolean, () => string][] = [
    [
      'under /proc',
      () => '/proc/nope/x',
      false,
      () => 'found `/proc/nope/x`, in `/proc`, a directory where no file can be created (ENOENT)',
    ],
    [
      '/dev/full',
      () => '/dev/full',
      false,
      () => 'found `/dev/full`, a device that takes no byte (every write fails: the disk is full, ENOSPC)',
    ],
    [
      'in a directory this user may not write (uid 65534)',
      () => join(dir, 'read-only-dir', 'new', 'report.md'),
      true,
      () =>
        `found \`${join(dir, 'read-only-dir', 'new', 'report.md')}\`, in \`${join(dir, 'read-only-dir')}\`, a directory this user ` +
        'may not write to (permission denied)',
    ],
  ];
  const rows = COMMANDS.flatMap(([command, argv]) =>
    OUTPUTS.map(([what, output, unprivileged, found]) => [command, what, argv, output, unprivileged, found] as const),
  );

  test.each(rows)('%s --output %s', async (_command, _what, argv, output, unprivileged, found) => {
    const scratchTmp = mkdtempSync(join(dir, 'tmp-'));
    chmodSync(scratchTmp, 0o777);
    // tsx keeps its compile cache there (tsx-UID); anything else appearing is the command's work.
    const made = new Set<string>();
    const watcher = watch(scratchTmp, (_event, name) => name && !name.startsWith('tsx-') && made.add(name));
    const before = connections;
    const run = await runCli([...argv(), '--output', output()], {
      unprivileged,
      watch: dir,
      env: {
        TMPDIR: scratchTmp,
        AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'x',
        AWS_REGION: 'us-east-1',
      },
      timeoutMs: 60_000,
    });
    watcher.close();
    expect({
      code: run.code,
      stderr: run.stderr,
      madeInTmp: [...made],
      connections: connections - before,
      synthOut: existsSync(join(dir, 'synth-out')),
      leftover: run.leftoverFiles.filter((f) => !f.startsWith(scratchTmp)),
    }).toEqual({
      code: 2,
      stderr: `parity: expected \`--output FILE\` a file that can be written, ${found()}. ${WRITE}\n`,
      madeInTmp: [],
      connections: 0,
      synthOut: false,
      leftover: [],
    });
  });

  test('a directory for `--output` names a file inside it; `synth --outdir` under /proc is refused the same way', async () => {
    const reports = join(dir, 'a-report-directory');
    const [asDirectory, outdir] = await Promise.all([
      runCli(['plan', 'review', '--plan', `staging=${PLAN}`, '--output', reports]),
      runCli(['synth', '--outdir', '/proc/nope']),
    ]);
    expect([asDirectory.code, asDirectory.stderr, outdir.code, outdir.stderr]).toEqual([
      2,
      `parity: expected \`--output FILE\` a file that can be written, found \`${reports}\`, which is a directory. Name a file inside it, ` +
        `e.g. \`--output ${join(reports, 'report.md')}\`.\n`,
      2,
      'parity: expected `--outdir DIR` a directory that can be created or written, found `/proc/nope`, in `/proc`, a directory where no ' +
        'file can be created (ENOENT). Pass `--outdir` a writable directory, e.g. `--outdir cdktf.out`.\n',
    ]);
  });

  test('a write under /proc that was never checked fails at once, one line, instead of looping in mkdir', () => {
    expect(refusal(() => writeOutput('report', '/proc/nope/deeper/report.md')).message).toBe(
      'expected `--output /proc/nope/deeper/report.md` to be written, found that writing it failed: ENOENT; nothing was left behind. ' +
        'Free space or pass another `--output`, then run again.',
    );
  });
});
