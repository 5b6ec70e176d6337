/**
 * The gate's progress on a terminal: one line on stderr, rewritten in place (table and rows while
 * seeding, file, line and statement while running). Nothing at all when stderr is not a TTY, so
 * piped or CI output holds the report only.
 */

export interface GateProgress {
  /** A phase begins: "starting PostgreSQL", "applying merged migrations". */
  phase(text: string): void;
  /** Seeding `table`: `done` of `target` rows. */
  seeding(table: string, done: number, target: number): void;
  /** A statement of `file` starts running on the `sample`. */
  statement(sample: 'full' | 'small', file: string, line: number, sql: string): void;
  /** Clears the line (the report follows). */
  done(): void;
}

/** Reports nothing. */
export const silentProgress: GateProgress = { phase() {}, seeding() {}, statement() {}, done() {} };

interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

/** Progress on `stream` (stderr) when it is a terminal; otherwise {@link silentProgress}. */
export function terminalProgress(stream: ProgressStream = process.stderr): GateProgress {
  if (!stream.isTTY) return silentProgress;
  let shown = false;
  let lastAt = 0;
  const show = (text: string, force = false) => {
    const now = Date.now();
    if (!force && now - lastAt < 100) return;
    lastAt = now;
    const width = Math.max(20, (stream.columns ?? 100) - 1);
    stream.write(`\r\u001b[2K${text.replace(/\s+/g, ' ').slice(0, width)}`);
    shown = true;
  };
  return {
    phase: (text) => show(`parity: ${text}`, true),
    seeding: (table, done, target) =>
      show(
        `parity: seeding ${table}: ${done.toLocaleString('en-US')} of ${target.toLocaleString('en-US')} rows`,
        done === 0 || done >= target,
      ),
    statement: (sample, file, line, sql) => show(`parity: ${file}:${line} (${sample} sample) ${sql}`, true),
    done: () => {
      if (shown) stream.write('\r\u001b[2K');
      shown = false;
    },
  };
}
