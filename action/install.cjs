#!/usr/bin/env node
'use strict';
/**
 * The action's install step: finds or installs the `parity` package named by the `package` input
 * and writes the path of its `parity` entry to $GITHUB_OUTPUT as `bin`.
 *
 * - A directory (`./packages/parity`): used in place, as a workspace links it; its dependencies
 *   must already be installed (`npm ci` of the workspace).
 * - Anything else npm installs (`@env-parity/parity@0.1.0`, `./parity-0.1.0.tgz`): installed with
 *   `npm install --save-exact` into a directory of its own under $RUNNER_TEMP, never into the
 *   repository (its package.json and lock stay untouched).
 *
 * Either way `parity --help` must exit 0 before any command runs: a package that cannot start
 * fails here, in its own words, rather than as a command that "found" something.
 */
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { isAbsolute, join, resolve } = require('node:path');

function fail(message) {
  const error = new Error(message);
  error.userError = true;
  return error;
}

/** The `parity` entry of the package in `dir`, from its package.json `bin`. */
function binOf(dir) {
  const manifestPath = join(dir, 'package.json');
  if (!existsSync(manifestPath))
    throw fail(
      `expected a package directory with a package.json, found \`${dir}\` without one. ` +
        `Fix: pass \`package\` a package directory, a tarball or a registry version.`,
    );
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const entry = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.parity;
  if (typeof entry !== 'string')
    throw fail(
      `expected ${manifest.name ?? dir} to have a \`parity\` bin in its package.json, found ${JSON.stringify(manifest.bin ?? null)}. ` +
        `Fix: pass \`package\` the @env-parity/parity package.`,
    );
  const bin = resolve(dir, entry);
  if (!existsSync(bin))
    throw fail(
      `expected the \`parity\` bin ${bin} of ${manifest.name ?? dir}, found no such file. ` +
        `Fix: build the package first (its \`bin\` names a file that is not there).`,
    );
  return { bin, name: manifest.name, version: manifest.version };
}

function looksLikePath(spec) {
  return spec.startsWith('.') || isAbsolute(spec) || spec.startsWith('~');
}

/** Installs `spec` into its own directory under `root`; returns that package's directory. */
function npmInstall(spec, root) {
  const target = looksLikePath(spec) ? resolve(spec) : spec;
  if (looksLikePath(spec) && !existsSync(target))
    throw fail(
      `expected \`package\` a package directory, a tarball or a registry version, found \`${spec}\`: no such file. ` +
        `Fix: build the tarball first (\`npm pack\`) or name a version, e.g. \`@env-parity/parity@0.1.0\`.`,
    );
  const prefix = join(root, createHash('sha256').update(target).digest('hex').slice(0, 16));
  mkdirSync(prefix, { recursive: true });
  writeFileSync(join(prefix, 'package.json'), `${JSON.stringify({ name: 'env-parity-action-install', private: true }, null, 2)}\n`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--save-exact', '--no-audit', '--no-fund', '--no-package-lock', target], {
    cwd: prefix,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 10 * 60_000,
  });
  if (result.error)
    throw fail(`expected npm to install \`${spec}\`, found ${result.error.message}. Fix: set up Node and npm first (\`node-version\`).`);
  if (result.status !== 0)
    throw fail(
      `expected npm to install \`${spec}\`, found npm exit ${result.status} (its error is above). ` +
        `Fix: check the version exists on the registry, or the path of the tarball.`,
    );
  const saved = Object.keys(JSON.parse(readFileSync(join(prefix, 'package.json'), 'utf8')).dependencies ?? {});
  if (saved.length !== 1) throw fail(`expected npm to install one package from \`${spec}\`, found ${saved.length}.`);
  return join(prefix, 'node_modules', saved[0]);
}

function main(env = process.env) {
  const spec = (env.PARITY_PACKAGE ?? '').trim();
  if (spec === '')
    throw fail(
      'expected `package` a package directory, a tarball or a registry version, found an empty value. ' +
        'Fix: leave it at its default (the version pinned by this action).',
    );
  const local = looksLikePath(spec) && existsSync(resolve(spec)) && statSync(resolve(spec)).isDirectory();
  const dir = local ? resolve(spec) : npmInstall(spec, join(env.RUNNER_TEMP || require('node:os').tmpdir(), 'env-parity-action'));
  const { bin, name, version } = binOf(dir);
  const smoke = spawnSync(process.execPath, [bin, '--help'], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: 120_000 });
  if (smoke.status !== 0) {
    const why = (smoke.stderr ?? '').trim().split('\n').slice(-3).join(' | ') || (smoke.error?.message ?? `signal ${smoke.signal}`);
    throw fail(
      `expected \`parity --help\` of ${name}@${version} to exit 0, found ${smoke.status ?? 'no exit code'}: ${why}. ` +
        `Fix: ${local ? 'install its dependencies first (`npm ci` in the repository)' : 'pin another version'}.`,
    );
  }
  process.stdout.write(`parity: ${name}@${version} from ${local ? `the directory ${dir}` : `\`${spec}\``}\n`);
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `bin=${bin}\nversion=${version}\n`);
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main();
  } catch (error) {
    process.stderr.write(
      `::error::env-parity action: ${error.userError ? error.message : `unexpected error, please report it: ${error.stack}`}\n`,
    );
    process.exitCode = error.userError ? 2 : 70;
  }
}
