#!/usr/bin/env node
// The published build (`npm run build -w @env-parity/parity`): CommonJS JavaScript for Node 20+ in
// dist/, one file per source file, transformed by swc with the settings jest's transform uses, so the
// code that ships is compiled exactly as the code the tests run; then tsc writes the declarations of
// the public entry points (tsconfig.build.json). swc compiles each file alone: a build never depends
// on what another module imports, and takes a fraction of a second.
const { mkdirSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { dirname, join, relative } = require('node:path');
const { execFileSync } = require('node:child_process');
const { transformFileSync } = require('@swc/core');

const root = join(__dirname, '..');
const src = join(root, 'src');
const dist = join(root, 'dist');

function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

const started = process.hrtime.bigint();
rmSync(dist, { recursive: true, force: true });
const files = sources(src);
for (const file of files) {
  const { code } = transformFileSync(file, {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
    sourceMaps: false,
    swcrc: false,
    configFile: false,
  });
  const out = join(dist, relative(src, file)).replace(/\.ts$/, '.js');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, code);
}
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stderr.write(
  `built ${files.length} modules and the declarations into ${relative(process.cwd(), dist) || 'dist'} in ${Math.round(ms)} ms\n`,
);
