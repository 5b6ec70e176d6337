/**
 * action/run.cjs with a stand-in `parity` bin: the command runs with the markdown report options,
 * its exit code is kept (the step itself passes, so the comment is posted), the report reaches the
 * outputs and the job summary, and bad input to the action stops before anything runs.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScript, scratch } from './support/run-script';

const FAKE = join(__dirname, 'support', 'fake-parity.cjs');

function run(env: Record<string, string>) {
  const log = join(scratch(), 'calls.jsonl');
  const result = runScript('run.cjs', { PARITY_BIN: FAKE, FAKE_PARITY_LOG: log, ...env });
  return result.then((r) => ({
    ...r,
    calls: existsSync(log)
      ? readFileSync(log, 'utf8')
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as { argv?: string[]; signal?: string })
      : [],
  }));
}

test('runs the command with its arguments and the markdown report, and keeps exit 1 without failing', async () => {
  const result = await run({
    PARITY_COMMAND: 'plan review',
    PARITY_ARGUMENTS: '--plan staging="$RUNNER_TEMP/s.json" --plan prod=p.json',
    FAKE_PARITY_EXIT: '1',
  });
  expect(result.code).toBe(0);
  const report = result.outputs.report!;
  expect(report).toMatch(/env-parity\/plan-review\.md$/);
  expect(result.calls[0]!.argv).toEqual([
    'plan',
    'review',
    '--plan',
    `staging=${join(report, '..', '..', 's.json')}`,
    '--plan',
    'prod=p.json',
    '--format',
    'markdown',
    '--output',
    report,
  ]);
  expect(result.outputs).toMatchObject({ 'exit-code': '1', reporting: 'true', command: 'plan review' });
  expect(readFileSync(report, 'utf8')).toContain('## parity plan review');
  expect(result.summary).toContain('## parity plan review');
  // The log shows the arguments as written: a variable (maybe a secret) stays unexpanded.
  expect(result.stdout).toContain('parity plan review --plan staging="$RUNNER_TEMP/s.json" --plan prod=p.json --format markdown --output ');
  expect(result.stdout).toContain('parity plan review exited 1; report: ');
});

test('`report` names the file; a report left by an earlier run is removed before the command runs', async () => {
  const dir = scratch();
  const file = join(dir, 'drift.md');
  writeFileSync(file, 'yesterday');
  const result = await run({ PARITY_COMMAND: 'drift', PARITY_REPORT: file, FAKE_PARITY_NO_REPORT: '1', FAKE_PARITY_EXIT: '3' });
  expect(result.outputs).toMatchObject({ 'exit-code': '3', report: '' });
  expect(existsSync(file)).toBe(false);
  expect(result.summary).toBe('### parity drift\n\nExited 3 without a report: see the job log.\n\n');
  expect(result.stdout).toContain('parity drift exited 3; it wrote no report');
});

test('`summary: false` leaves the job summary alone', async () => {
  const result = await run({ PARITY_COMMAND: 'check', PARITY_SUMMARY: 'false' });
  expect(result.summary).toBe('');
  expect(result.outputs['exit-code']).toBe('0');
});

test('a command without a markdown report runs as given, and says there is nothing to comment', async () => {
  const result = await run({ PARITY_COMMAND: 'synth', PARITY_COMMENT: 'true' });
  expect(result.calls[0]!.argv).toEqual(['synth']);
  expect(result.outputs).toMatchObject({ 'exit-code': '0', reporting: 'false', report: '' });
  expect(result.stdout).toContain(
    '::notice::parity synth writes no markdown report ' +
      '(only check, plan review, drift, migrations check, data check, promote check do): no comment.',
  );
});

test('`timeout` stops the command with SIGTERM and exit 124', async () => {
  const result = await run({ PARITY_COMMAND: 'data check', PARITY_TIMEOUT: '1', FAKE_PARITY_SLEEP_MS: '30000' });
  expect(result.outputs['exit-code']).toBe('124');
  expect(result.calls.at(-1)).toEqual({ signal: 'SIGTERM' });
  expect(result.stderr).toContain('::error::parity data check ran past its timeout of 1 s: stopped (SIGTERM).');
});

test.each([
  [
    { PARITY_COMMAND: 'check', PARITY_ARGUMENTS: '--format json' },
    'expected `arguments` without `--format` or `--output` (the action writes the markdown report itself), found `--format`. ' +
      'Fix: drop it; pass `report: FILE` to choose where the report goes.',
  ],
  [
    { PARITY_COMMAND: 'check', PARITY_ARGUMENTS: '--output=x.md' },
    'expected `arguments` without `--format` or `--output` (the action writes the markdown report itself), found `--output=x.md`.',
  ],
  [
    { PARITY_COMMAND: 'parity plan review' },
    'expected `command` a parity command such as `plan review`, `check` or `migrations check`, found `parity plan review`.',
  ],
  [{ PARITY_COMMAND: '' }, 'expected `command` a parity command'],
  [
    { PARITY_COMMAND: 'check', PARITY_ARGUMENTS: '--policy "$POLICY"' },
    'expected the environment variable `POLICY` named in `arguments` to be set, found it unset.',
  ],
  [{ PARITY_COMMAND: 'check', PARITY_TIMEOUT: 'ten' }, 'expected `timeout` a whole number of seconds above 0, found `ten`.'],
  [
    { PARITY_COMMAND: 'check', PARITY_BIN: '/nonexistent/parity.cjs' },
    'expected PARITY_BIN the installed parity entry, found `/nonexistent/parity.cjs`.',
  ],
])('bad input %j: exit 2, nothing runs', async (env, message) => {
  const result = await run(env);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(`::error::env-parity action: ${message}`);
  expect(result.calls).toEqual([]);
  expect(result.outputs).toEqual({});
});
