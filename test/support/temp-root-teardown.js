/** Removes the run's temporary directory made by temp-root-setup.js, with whatever the tests left in it. */
const { rmSync } = require('node:fs');

module.exports = async function teardown() {
  const root = process.env.PARITY_TEST_TEMP_ROOT;
  if (root) rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
};
