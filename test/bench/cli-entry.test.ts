/**
 * bench/cli-entry.ts finds the CLI entry of a checkout of either layout (packages/parity since
 * the package move, tools/ before it), refuses a directory with neither, and lays an old checkout
 * out as the current layout for runners that only take a checkout.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentLayoutView, locateCliEntry } from '../../bench/cli-entry';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'parity-cli-entry-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = (path: string, text = '') => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};

test('this checkout: the package layout', () => {
  const repo = join(__dirname, '..', '..');
  expect(locateCliEntry(repo)).toEqual({
    layout: 'package',
    preload: join(repo, 'scripts/register-typescript.cjs'),
    main: join(repo, 'packages/parity/src/cli/main.ts'),
  });
});

test('a checkout from before the package move: tools/cli', () => {
  file('tools/cli/main.ts');
  file('tools/cli/register-typescript.cjs');
  expect(locateCliEntry(dir)).toEqual({
    layout: 'tools',
    preload: join(dir, 'tools/cli/register-typescript.cjs'),
    main: join(dir, 'tools/cli/main.ts'),
  });
});

test('the newest layout wins when both are there', () => {
  for (const path of [
    'tools/cli/main.ts',
    'tools/cli/register-typescript.cjs',
    'packages/parity/src/cli/main.ts',
    'scripts/register-typescript.cjs',
  ])
    file(path);
  expect(locateCliEntry(dir).layout).toBe('package');
});

test('neither layout (an entry without its preload counts as none): refused, naming both', () => {
  file('tools/cli/main.ts');
  expect(() => locateCliEntry(dir)).toThrow(
    'expected a parity checkout with packages/parity/src/cli/main.ts with scripts/register-typescript.cjs, or tools/cli/main.ts with ' +
      `tools/cli/register-typescript.cjs, found neither in ${dir}. Fix: unpack a commit of this repository there ` +
      '(`git archive COMMIT | tar -x -C DIR`) and link node_modules into it.',
  );
});

test('not a directory: refused', () => {
  file('a-file');
  expect(() => locateCliEntry(join(dir, 'a-file'))).toThrow(
    `expected CHECKOUT to be a directory holding a checkout, found a file at ${join(dir, 'a-file')}. ` +
      'Fix: give the directory a commit of this repository is unpacked into.',
  );
  expect(() => locateCliEntry(join(dir, 'none'))).toThrow(`found nothing at ${join(dir, 'none')}.`);
});

test('the view of an old checkout runs its own CLI from the current paths, with its other files in place', () => {
  file('tools/cli/register-typescript.cjs', 'globalThis.preloaded = "old preload";\n');
  file(
    'tools/cli/main.ts',
    "process.stdout.write(`${globalThis.preloaded} ${require('./sibling').name} ${require('fs').readFileSync('config/x', 'utf8')}`);\n",
  );
  file('tools/cli/sibling.js', "exports.name = 'old sibling';\n");
  file('config/x', 'old config');
  file('packages/parity-cli/package.json', '{}');
  const view = currentLayoutView(dir, locateCliEntry(dir));
  try {
    const out = execFileSync(
      process.execPath,
      ['--require', join(view, 'scripts/register-typescript.cjs'), join(view, 'packages/parity/src/cli/main.ts')],
      {
        cwd: view,
        encoding: 'utf8',
      },
    );
    expect(out).toBe('old preload old sibling old config');
    expect(realpathSync(join(view, 'packages/parity-cli'))).toBe(join(dir, 'packages/parity-cli'));
    expect(readFileSync(join(view, 'config/x'), 'utf8')).toBe('old config');
  } finally {
    rmSync(view, { recursive: true, force: true });
  }
});
