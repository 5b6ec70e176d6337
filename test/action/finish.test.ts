/** action/finish.cjs: the command's exit code is the step's result. */
const { finish } = require('../../action/finish.cjs') as { finish: (env: Record<string, string>) => { exit: number; message?: string } };

test.each([
  ['0', '0', 0, undefined],
  ['1', '0', 1, 'parity plan review exited 1: it found something that blocks: see the report (job summary, pull-request comment).'],
  ['2', '0', 2, 'parity plan review exited 2: bad input: nothing was checked; the reason is in the log above.'],
  ['3', '0', 3, 'parity plan review exited 3: an environment or database could not be read: nothing is proven.'],
  ['124', '0', 124, 'parity plan review exited 124: it ran past the `timeout` input and was stopped.'],
  ['70', '0', 70, 'parity plan review exited 70: an unexpected failure: see the log above.'],
  ['1', '0 1 3', 0, 'parity plan review exited 1, which `allowed-exit-codes` lets pass'],
  ['2', '0 1 3', 2, 'parity plan review exited 2: bad input: nothing was checked; the reason is in the log above.'],
  ['0', '1', 1, 'parity plan review exited 0: an unexpected failure: see the log above.'],
])('exit %s with allowed %j: step exits %d', (code, allowed, exit, message) => {
  expect(finish({ PARITY_EXIT_CODE: code, PARITY_ALLOWED_EXIT_CODES: allowed, PARITY_COMMAND: 'plan review' })).toEqual({ exit, message });
});

test('no exit code (the run step failed): fails', () => {
  expect(finish({ PARITY_EXIT_CODE: '', PARITY_COMMAND: 'check' }).exit).toBe(2);
});

test('bad allowed-exit-codes are refused', () => {
  expect(() => finish({ PARITY_EXIT_CODE: '0', PARITY_ALLOWED_EXIT_CODES: 'zero', PARITY_COMMAND: 'check' })).toThrow(
    'expected `allowed-exit-codes` exit codes 0-255 separated by spaces (e.g. `0 1 3`), found `zero`.',
  );
});
