/**
 * One temporary directory per jest run (removed by temp-root-teardown.js): every test's
 * `os.tmpdir()` is inside it, since workers inherit TMPDIR, so no test, killed worker or forgotten
 * scratch directory leaves anything in the machine's /tmp. Mode 1777, as /tmp's: tests run the CLI
 * as other users too (the embedded PostgreSQL as `postgres`, the unprivileged hostile cases as
 * nobody, whose tsx writes its cache there).
 */
const { chmodSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async function setup() {
  const root = mkdtempSync(join(tmpdir(), 'parity-jest-'));
  chmodSync(root, 0o1777);
  process.env.PARITY_TEST_TEMP_ROOT = root;
  process.env.TMPDIR = root;
};
