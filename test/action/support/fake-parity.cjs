#!/usr/bin/env node
'use strict';
// A stand-in for the `parity` bin in the action's tests: records its arguments, writes the
// `--output` report, sleeps and exits as the FAKE_PARITY_* variables say.
const { appendFileSync, writeFileSync } = require('node:fs');

const argv = process.argv.slice(2);
if (argv[0] === '--help') process.exit(Number(process.env.FAKE_PARITY_HELP_EXIT ?? 0));
if (process.env.FAKE_PARITY_LOG) appendFileSync(process.env.FAKE_PARITY_LOG, `${JSON.stringify({ argv, cwd: process.cwd() })}\n`);
const output = argv.indexOf('--output');
if (output >= 0 && process.env.FAKE_PARITY_NO_REPORT !== '1')
  writeFileSync(argv[output + 1], `## parity ${argv.slice(0, 2).join(' ')}\n\nreport of ${JSON.stringify(argv)}\n`);
const code = Number(process.env.FAKE_PARITY_EXIT ?? 0);
const sleep = Number(process.env.FAKE_PARITY_SLEEP_MS ?? 0);
process.on('SIGTERM', () => {
  if (process.env.FAKE_PARITY_LOG) appendFileSync(process.env.FAKE_PARITY_LOG, `${JSON.stringify({ signal: 'SIGTERM' })}\n`);
  process.exit(143);
});
if (sleep > 0) setTimeout(() => process.exit(code), sleep);
else process.exit(code);
