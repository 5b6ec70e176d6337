/**
 * Cleanup that must happen however the process ends: a normal return, a thrown error, or Ctrl-C
 * (SIGINT) / SIGTERM. Each resource registers an async cleanup; a signal runs them all, then exits
 * with the conventional 128 + signal number.
 */
type Cleanup = () => Promise<void>;

const cleanups = new Set<Cleanup>();
let installed = false;
let exiting = false;
let interruptedBy: string | undefined;

const signalNumbers: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 2, SIGTERM: 15 };

async function runAll(): Promise<void> {
  const pending = [...cleanups];
  cleanups.clear();
  await Promise.allSettled(pending.map((c) => c()));
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (exiting) return;
      exiting = true;
      interruptedBy = signal;
      process.stderr.write(`parity: ${signal} received, stopping the embedded server and removing its files\n`);
      void runAll().finally(() => process.exit(128 + signalNumbers[signal]));
    });
  }
}

/** Registers a cleanup; returns a function that runs it once and unregisters it. */
export function registerCleanup(cleanup: Cleanup): () => Promise<void> {
  install();
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
 * Runs `work`; if it fails because a signal is tearing everything down, waits for the signal
 * handler to exit instead of reporting the broken connections as an error.
 */
export async function unlessInterrupted<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (interruptedBy) await new Promise<never>(() => undefined);
    throw error;
  }
}
