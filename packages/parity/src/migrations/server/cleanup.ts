/**
 * Cleanup that must happen however the process ends: a normal return, a thrown error, or Ctrl-C
 * (SIGINT) / SIGTERM. Each resource registers an async cleanup; a signal runs them all (bounded),
 * then exits with the conventional 128 + signal number and one line on stderr. Once a signal is
 * being handled, the errors of everything it tears down (broken connections, a polled query whose
 * promise nobody awaits any more) are expected and swallowed instead of crashing the process.
 */
import type { ChildProcess } from 'node:child_process';
import { ExitCode, unexpectedErrorReport } from '../../shared/exit-error';

type Cleanup = () => Promise<void>;

const cleanups = new Set<Cleanup>();
let installed = false;
let exiting = false;
let interruptedBy: string | undefined;

const signalNumbers: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 2, SIGTERM: 15 };

/** The longest a signal's cleanup may take before the process exits anyway, ms. */
export const signalCleanupLimitMs = 20_000;

/** How long an error waits for a signal that may be on its way (Ctrl-C reaches the servers too). */
const signalGraceMs = 150;

async function runAll(): Promise<void> {
  const pending = [...cleanups];
  cleanups.clear();
  await Promise.allSettled(pending.map((c) => c()));
}

const swallow = () => undefined;

/** Installs the SIGINT/SIGTERM handlers (once). Called before anything that needs cleaning up starts. */
export function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (exiting) return;
      exiting = true;
      interruptedBy = signal;
      process.on('unhandledRejection', swallow);
      process.on('uncaughtException', swallow);
      // A rejection swallowed above and awaited later makes Node print a PromiseRejectionHandledWarning: not news while stopping.
      process.removeAllListeners('warning');
      process.stderr.write(`parity: ${signal} received, stopping the embedded server and removing its files\n`);
      const code = 128 + signalNumbers[signal];
      setTimeout(() => process.exit(code), signalCleanupLimitMs).unref();
      void runAll().finally(() => process.exit(code));
    });
  }
}

/** True once a signal is being handled. */
export function interrupted(): boolean {
  return interruptedBy !== undefined;
}

/** Registers a cleanup; returns a function that runs it once and unregisters it. */
export function registerCleanup(cleanup: Cleanup): () => Promise<void> {
  installSignalHandlers();
  let done = false;
  const once: Cleanup = async () => {
    if (done) return;
    done = true;
    cleanups.delete(once);
    await cleanup();
  };
  cleanups.add(once);
  return once;
}

/**
 * Kills a child process (and, when it leads its own process group, every process of that group)
 * when the run ends or is interrupted; waits until it has exited. Returns the cleanup.
 */
export function registerChildProcess(child: ChildProcess, group: boolean): () => Promise<void> {
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (group && child.pid) process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch {
      // Already gone.
    }
  };
  return registerCleanup(async () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      if (group) kill('SIGKILL');
      return;
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    kill('SIGKILL');
    await exited;
  });
}

/**
 * Runs `work`; if it fails because a signal is tearing everything down (or is about to: a Ctrl-C
 * reaches the servers as fast as it reaches us), waits for the signal handler to exit instead of
 * reporting the broken connections as an error.
 */
export async function unlessInterrupted<T>(work: () => Promise<T>): Promise<T> {
  installSignalHandlers();
  try {
    return await work();
  } catch (error) {
    // A Ctrl-C that killed a child (squawk, a server) may be handled a moment after its error: wait for it.
    if (!interruptedBy) await new Promise((resolve) => setTimeout(resolve, signalGraceMs));
    if (interruptedBy) await new Promise<never>(() => undefined);
    throw error;
  }
}

/**
 * For the command-line process only (bin/parity.cjs): an unhandled rejection or an uncaught
 * exception is never a crash that leaves servers and directories behind, nor an exit code that
 * reads as a verdict (Node's own 1 is "findings"). During a signal it is expected; otherwise it is
 * reported as an unexpected error (exit 70, a line asking to report it) after every cleanup has run.
 * A closed standard output (`parity check | head`) is the reader's choice, not a bug: ignored, and
 * the command ends with its own code.
 */
export function handleUnhandledRejections(): void {
  let reported = false;
  const report = (reason: unknown) => {
    if ((reason as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') return;
    setTimeout(() => {
      if (interruptedBy || reported) return;
      reported = true;
      process.stderr.write(unexpectedErrorReport(reason));
      const limit = setTimeout(() => process.exit(ExitCode.unexpected), signalCleanupLimitMs);
      limit.unref();
      void runAll().finally(() => process.exit(ExitCode.unexpected));
    }, signalGraceMs);
  };
  process.on('unhandledRejection', report);
  process.on('uncaughtException', report);
}
