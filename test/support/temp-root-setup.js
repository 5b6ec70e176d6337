/**
 * One temporary directory per jest run (removed by temp-root-teardown.js): every test's
 * `os.tmpdir()` is inside it, since workers inherit TMPDIR, so no test, killed worker or forgotten
 * scratch directory leaves anything in the machine's /tmp. Mode 0755: as root, the embedded
 * PostgreSQL runs as `postgres` and must be able to enter it.
 */
const { chmodSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async function setup() {
  const root = mkdtempSync(join(tmpdir(), 'parity-jest-'));
  chmodSync(root, 0o755);
  process.env.PARITY_TEST_TEMP_ROOT = root;
  process.env.TMPDIR = root;
};
