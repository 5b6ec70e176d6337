#!/usr/bin/env node
// The `parity` command: loads the TypeScript sources through tsx and hands over to the CLI entry.
require('../tools/cli/register-typescript.cjs');
require('../tools/cli/main.ts').runCli(process.argv.slice(2));
