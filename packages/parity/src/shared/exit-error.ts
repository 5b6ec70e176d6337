/**
 * The one error type that ends a command with a given exit code. Commands throw it; the entry
 * catches it once, prints its message and exits with its code. Anything else that reaches the
 * entry is a bug, reported by `unexpectedErrorReport` with its own code.
 */
import { issueTracker, toolVersion } from './version';

export const ExitCode = {
  /** Everything holds. */
  ok: 0,
  /** The check ran and found something that blocks (differences, drift, a blocking finding). */
  findings: 1,
  /** Bad input or usage: nothing was checked. */
  badInput: 2,
  /** An environment could not be read (drift, data check, promote check). */
  unreadable: 3,
  /** An unexpected error: a bug in parity, not in the input (sysexits' EX_SOFTWARE); never a verdict. */
  unexpected: 70,
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

/** Set to print the stack trace of an unexpected error (for a bug report or while debugging). */
export const DEBUG_VARIABLE = 'PARITY_DEBUG';

/** Credentials in connection URLs (`postgresql://user:secret@host`, `password=...`) never reach the terminal. */
function redact(text: string): string {
  return text.replace(/(\/\/[^:@/\s]*:)[^@\s]*@/g, '$1***@').replace(/(password=)[^&\s]*/gi, '$1***');
}

/**
 * What stderr gets for an error that is not an ExitError: one line saying what failed, one asking
 * for a report (with the version and where to send it), and the stack trace only with PARITY_DEBUG=1.
 */
export function unexpectedErrorReport(error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const e = error instanceof Error ? error : undefined;
  const what = e ? `${e.name}: ${e.message.split('\n')[0]}` : String(error).split('\n')[0];
  let version = 'unknown';
  let tracker: string | undefined;
  try {
    version = toolVersion();
    tracker = issueTracker();
  } catch {
    // The manifest itself is unreadable: the report still goes out.
  }
  const debug = env[DEBUG_VARIABLE] === '1';
  const lines = [
    `parity: unexpected error: ${redact(what)}`,
    `parity: this is a bug in parity ${version}, not in your input. Please report it with the ` +
      `command you ran and this message at ${tracker ?? "the env-parity repository's issue tracker"}` +
      `${debug ? '.' : ` (run again with ${DEBUG_VARIABLE}=1 to add the stack trace).`}`,
  ];
  if (debug && e?.stack) lines.push(redact(e.stack));
  return `${lines.join('\n')}\n`;
}
