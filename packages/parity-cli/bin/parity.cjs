#!/usr/bin/env node
// `npx parity ...`: runs the repository's CLI (tools/cli/main.ts) through tsx.
require('../../../bin/parity.cjs');
