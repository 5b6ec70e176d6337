#!/usr/bin/env node
// `npx parity ...`: runs the repository's CLI (tools/cli/main.ts) through tsx, in this process, so
// signals reach it directly; bin/parity.cjs stops it cleanly when npm itself is killed.
require('../../../bin/parity.cjs');
