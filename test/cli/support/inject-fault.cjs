// Test-only preload (`node --require test/cli/support/inject-fault.cjs packages/parity/bin/parity.cjs ...`):
// makes the CLI fail the way a bug would, to see how it is reported. The CLI never loads this file,
// and nothing in packages/ reads PARITY_TEST_FAULT. Faults (PARITY_TEST_FAULT, JSON):
//   { "kind": "throw", "module": "render/render-report", "export": "renderReport", "message": "..." }
//       the named export of the first module whose require request ends with `module` throws a TypeError
//   { "kind": "unhandled-rejection", "message": "..." }  a promise rejects with nobody awaiting it
//   { "kind": "uncaught-exception", "message": "..." }   a callback throws
const Module = require('node:module');

const fault = JSON.parse(process.env.PARITY_TEST_FAULT || '{}');

if (fault.kind === 'throw') {
  const load = Module._load;
  Module._load = function (request, ...rest) {
    const exports = load.call(this, request, ...rest);
    if (typeof request !== 'string' || !request.endsWith(fault.module) || typeof exports[fault.export] !== 'function') return exports;
    // esbuild's CommonJS exports are getters: hand out a copy with the one function replaced.
    return {
      ...exports,
      [fault.export]() {
        throw new TypeError(fault.message);
      },
    };
  };
} else if (fault.kind === 'unhandled-rejection') {
  setImmediate(() => {
    Promise.reject(new RangeError(fault.message));
  });
} else if (fault.kind === 'uncaught-exception') {
  setImmediate(() => {
    throw new RangeError(fault.message);
  });
}
