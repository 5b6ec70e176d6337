#!/usr/bin/env node
// Fails on any line over 140 characters outside data files, printing file:line: length for each.
// Usage: node scripts/check-line-length.mjs [PATH...]   (default: every file git tracks or would add)
// Biome's formatter wraps code at 140 columns but cannot wrap comments or string literals; this check covers those
// and every other text file (shell, YAML, Terraform, JSON), which Biome does not format.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

const LIMIT = 140;

// Data files: their exact bytes are inputs or outputs, not code we write (the same list as biome.jsonc).
const DATA = [
  (path) => path.startsWith('test/fixtures/'), // plans, stacks, HCL layouts, migrations read byte for byte by tests
  (path) => path.includes('__snapshots__/'), // jest snapshots, written by jest
  (path) => path.startsWith('migrations/'), // the application's migrations and profile, run as production runs them
  (path) => path === 'package-lock.json' || path.endsWith('/package-lock.json'), // written by npm
  // Documentation quotes the tools' one-line messages and their tables verbatim; wrapping would misquote them.
  (path) => path.endsWith('.md'),
  // JSON cannot wrap a string without changing its value: manifests and the published JSON Schemas keep their
  // descriptions whole (Biome formats their structure).
  (path) => path.endsWith('.json'),
];

const args = process.argv.slice(2);
const scopes = args.map((arg) => arg.replace(/^\.\//, '').replace(/\/+$/, ''));
const inScope = (path) => scopes.length === 0 || scopes.some((scope) => scope === '.' || path === scope || path.startsWith(`${scope}/`));

let listed;
try {
  listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8', maxBuffer: 64 << 20 });
} catch (error) {
  console.error(`check-line-length: expected a git checkout to list files, found git failing: ${error.message.split('\n')[0]}`);
  process.exit(2);
}

const files = [...new Set(listed.split('\0').filter(Boolean))]
  .filter((path) => inScope(path) && !DATA.some((isData) => isData(path)))
  .sort();

const long = [];
let checked = 0;
for (const path of files) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    continue; // listed by git but deleted in the work tree
  }
  if (!stat.isFile()) continue;
  const bytes = readFileSync(path);
  if (bytes.includes(0)) continue; // binary
  checked++;
  const lines = bytes.toString('utf8').split('\n');
  lines.forEach((line, index) => {
    const length = [...line.replace(/\r$/, '')].length; // characters, not UTF-16 units or bytes
    if (length > LIMIT) long.push(`${path}:${index + 1}: ${length} characters`);
  });
}

if (scopes.length > 0 && checked === 0) {
  console.error(`check-line-length: expected files to check under ${scopes.join(', ')}, found none (all data, not yet checked or absent).`);
  process.exit(2);
}
if (long.length > 0) {
  console.error(long.join('\n'));
  console.error(
    `check-line-length: ${long.length} line${long.length === 1 ? '' : 's'} over ${LIMIT} characters; wrap them (data files are exempt).`,
  );
  process.exit(1);
}
console.log(`check-line-length: ${checked} file${checked === 1 ? '' : 's'}, no line over ${LIMIT} characters.`);
