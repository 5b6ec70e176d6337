#!/usr/bin/env node
// The `parity` command: loads the TypeScript sources through tsx and hands over to the CLI entry.
require('../tools/cli/register-typescript.cjs');
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
require('../tools/migrations/server/cleanup.ts').handleUnhandledRejections();
require('../tools/cli/main.ts').runCli(process.argv.slice(2));
