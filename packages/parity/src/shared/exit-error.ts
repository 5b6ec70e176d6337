/**
 * The one error type that ends a command with a given exit code. Commands throw it; the entry
 * catches it once, prints its message and exits with its code.
 */
export const ExitCode = {
  /** Everything holds. */
  ok: 0,
  /** The check ran and found something that blocks (differences, drift, a blocking finding). */
  findings: 1,
  /** Bad input or usage: nothing was checked. */
  badInput: 2,
  /** An environment could not be read (drift). */
  unreadable: 3,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class ExitError extends Error {
  constructor(
    readonly code: ExitCodeValue,
    message: string,
  ) {
    super(message);
    this.name = 'ExitError';
  }
}

/** Bad input: says what was expected, what was found and what to run to fix it. */
export function badInput(expected: string, found: string, fix: string): ExitError {
  return new ExitError(ExitCode.badInput, `expected ${expected}, found ${found}. ${fix}`);
}
