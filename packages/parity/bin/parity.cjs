#!/usr/bin/env node
// The `parity` command. Installed from the registry or a tarball it runs the compiled build (dist/);
// inside a checkout of its repository, where src/ sits beside it, it runs the TypeScript sources
// through tsx's CommonJS hook in-process, so a stale build can never shadow the code being edited.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const fromSource = existsSync(join(__dirname, '../src/cli/main.ts'));
if (fromSource) {
  try {
    require.resolve('tsx/cjs');
  } catch {
    // A checkout without its dev dependencies: say so, in one line, rather than a stack trace.
    process.stderr.write(
      'parity: expected tsx (a dev dependency of the repository) to run the TypeScript sources in ' +
        'packages/parity/src, found none. Run `npm ci` at the repository root, or install ' +
        '@env-parity/parity from the registry (compiled).\n',
    );
    process.exit(2);
  }
  require('tsx/cjs');
  // tsx turns on source-mapped stack traces, which costs about 80 ms of parsing per start.
  if (process.env.ENV_PARITY_SOURCE_MAPS !== '1') process.setSourceMapsEnabled(false);
}
const lib = fromSource ? '../src' : '../dist';

// Started by npm (`npx parity`, `npm run parity`): npm exits on SIGTERM without waiting for its
// `sh -c` child, which dies with it, and this process would run on as an orphan with its servers.
// So the signal is forwarded: once the parent is gone, stop exactly as on SIGTERM (servers stopped,
// directories removed, exit 143).
if (process.env.npm_execpath) {
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    process.kill(process.pid, 'SIGTERM');
  }, 200);
  watch.unref();
}
require(`${lib}/migrations/server/cleanup`).handleUnhandledRejections();
require(`${lib}/cli/main`).runCli(process.argv.slice(2));
