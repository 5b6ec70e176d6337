/**
 * action/install.cjs: a package directory is used in place (its `bin`), a tarball is installed with
 * npm into a directory of its own (never the repository), and a package whose `parity --help`
 * does not exit 0 is refused before any command runs.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScript, scratch } from './support/run-script';

const FAKE = join(__dirname, 'support', 'fake-parity.cjs');

/** A package like @env-parity/parity: a package.json with a `parity` bin. */
function fakePackage(bin: Record<string, string> | string = { parity: 'bin/parity.cjs' }): string {
  const dir = join(scratch(), 'parity');
  mkdirSync(join(dir, 'bin'), { recursive: true });
  copyFileSync(FAKE, join(dir, 'bin', 'parity.cjs'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: '@env-parity/parity', version: '0.1.0', bin }));
  return dir;
}

test('a package directory (`./packages/parity`) is used in place: its bin, no install', async () => {
  const dir = fakePackage();
  const repository = join(dir, '..');
  const result = await runScript('install.cjs', { PARITY_PACKAGE: './parity' }, repository);
  expect(result.code).toBe(0);
  expect(result.outputs).toEqual({ bin: join(dir, 'bin', 'parity.cjs'), version: '0.1.0' });
  expect(result.stdout).toContain(`parity: @env-parity/parity@0.1.0 from the directory ${dir}`);
  expect(existsSync(join(dir, 'node_modules'))).toBe(false);
});

test('a tarball is installed with npm under RUNNER_TEMP, leaving the working directory alone', async () => {
  const dir = fakePackage();
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', join(dir, '..')], { cwd: dir, encoding: 'utf8' }).trim();
  const repository = scratch();
  writeFileSync(join(repository, 'package.json'), '{"name":"their-infra","private":true}\n');
  const result = await runScript('install.cjs', { PARITY_PACKAGE: join(dir, '..', packed), npm_config_offline: 'true' }, repository);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.outputs.bin).toMatch(/env-parity-action\/[0-9a-f]{16}\/node_modules\/@env-parity\/parity\/bin\/parity\.cjs$/);
  expect(existsSync(result.outputs.bin!)).toBe(true);
  expect(readFileSync(join(repository, 'package.json'), 'utf8')).toBe('{"name":"their-infra","private":true}\n');
  expect(existsSync(join(repository, 'node_modules'))).toBe(false);
});

test.each([
  [{ PARITY_PACKAGE: '' }, 'expected `package` a package directory, a tarball or a registry version, found an empty value.'],
  [
    { PARITY_PACKAGE: './nowhere.tgz' },
    'expected `package` a package directory, a tarball or a registry version, found `./nowhere.tgz`: no such file.',
  ],
])('bad input %j: exit 2', async (env, message) => {
  const result = await runScript('install.cjs', env);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(`::error::env-parity action: ${message}`);
  expect(result.outputs).toEqual({});
});

test('a package without a `parity` bin is refused', async () => {
  const dir = fakePackage({ other: 'bin/parity.cjs' });
  const result = await runScript('install.cjs', { PARITY_PACKAGE: dir });
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(
    'expected @env-parity/parity to have a `parity` bin in its package.json, found {"other":"bin/parity.cjs"}.',
  );
});

test('a package that cannot start (`parity --help` fails) is refused before any command runs', async () => {
  const dir = fakePackage();
  const result = await runScript('install.cjs', { PARITY_PACKAGE: dir, FAKE_PARITY_HELP_EXIT: '1' });
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('expected `parity --help` of @env-parity/parity@0.1.0 to exit 0, found 1');
  expect(result.stderr).toContain('Fix: install its dependencies first (`npm ci` in the repository).');
  expect(result.outputs).toEqual({});
});
