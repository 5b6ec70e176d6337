/**
 * A bug (not bad input) through the real entry: exit 70, one line saying what failed, one asking
 * for a report with the version and where, no stack trace unless PARITY_DEBUG=1; credentials in
 * the message are hidden. The faults come from a test-only preload (support/inject-fault.cjs).
 */
import { join } from 'node:path';
import { toolVersion } from '../../packages/parity/src/shared/version';
import { REPO, runParity } from './support/run-parity';

const preload = join(__dirname, 'support', 'inject-fault.cjs');
const hcl = [
  'check',
  '--hcl',
  `staging=${join(REPO, 'test/fixtures/hcl/orders-terraform/envs/staging')}`,
  '--hcl',
  `prod=${join(REPO, 'test/fixtures/hcl/orders-terraform/envs/prod')}`,
];
const renderFails = JSON.stringify({
  kind: 'throw',
  module: 'render/render-report',
  export: 'renderReport',
  message: "Cannot read properties of undefined (reading 'address')",
});
const reportLine = new RegExp(
  `^parity: this is a bug in parity ${toolVersion().replaceAll('.', '\\.')}, not in your input\\. ` +
    'Please report it with the command you ran and this message at .+ \\(run again with PARITY_DEBUG=1 to add the stack trace\\)\\.$',
);

test.concurrent('a function that throws while a command runs (the CLI safety net): exit 70, two lines, no trace', async () => {
  const run = await runParity(hcl, { preload, env: { PARITY_TEST_FAULT: renderFails } });
  expect(run.code).toBe(70);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter(Boolean);
  expect(lines).toHaveLength(2);
  expect(lines[0]).toBe("parity: unexpected error: TypeError: Cannot read properties of undefined (reading 'address')");
  expect(lines[1]).toMatch(reportLine);
  expect(run.stderr).not.toMatch(/^\s+at /m);
});

test.concurrent('PARITY_DEBUG=1 adds the stack trace', async () => {
  const run = await runParity(hcl, { preload, env: { PARITY_TEST_FAULT: renderFails, PARITY_DEBUG: '1' } });
  expect(run.code).toBe(70);
  const lines = run.stderr.split('\n');
  expect(lines[0]).toBe("parity: unexpected error: TypeError: Cannot read properties of undefined (reading 'address')");
  expect(lines[1]).toMatch(
    /^parity: this is a bug in parity .+, not in your input\. Please report it with the command you ran and this message at .+\.$/,
  );
  expect(lines[2]).toBe("TypeError: Cannot read properties of undefined (reading 'address')");
  expect(run.stderr).toMatch(/^\s+at .+inject-fault\.cjs/m);
});

test.concurrent.each([
  ['unhandled-rejection', 'RangeError'],
  ['uncaught-exception', 'RangeError'],
])('a %s outside any command (the process-level net): exit 70, two lines, after the command has finished', async (kind, name) => {
  const run = await runParity(['--version'], {
    preload,
    env: { PARITY_TEST_FAULT: JSON.stringify({ kind, message: `injected ${kind}` }) },
  });
  expect(run.code).toBe(70);
  expect(run.stdout).toBe(`parity ${toolVersion()}\n`);
  const lines = run.stderr.split('\n').filter(Boolean);
  expect(lines).toEqual([`parity: unexpected error: ${name}: injected ${kind}`, expect.stringMatching(reportLine)]);
});

test.concurrent('credentials in the failing message are hidden', async () => {
  const fault = JSON.stringify({
    kind: 'throw',
    module: 'render/render-report',
    export: 'renderReport',
    message: 'connect to postgresql://admin:hunter2@db.internal:5432/orders?password=hunter2 failed',
  });
  const run = await runParity(hcl, { preload, env: { PARITY_TEST_FAULT: fault, PARITY_DEBUG: '1' } });
  expect(run.code).toBe(70);
  expect(run.stderr).not.toContain('hunter2');
  expect(run.stderr).toContain(
    'parity: unexpected error: TypeError: connect to postgresql://admin:***@db.internal:5432/orders?password=*** failed',
  );
});

test.concurrent('bad input stays exit 2 in one line with the fault injector loaded but idle', async () => {
  const run = await runParity(['check', '--format', 'pdf'], { preload });
  expect(run).toEqual({
    code: 2,
    stdout: '',
    stderr: 'parity: expected `--format` one of text, markdown, json, html, found `pdf`. Run again with `--format text`.\n',
  });
});
