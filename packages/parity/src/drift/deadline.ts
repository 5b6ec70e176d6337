/**
 * A total time budget for reading one environment (`--timeout`): every AWS operation of the
 * environment races it, retries and back-off included, so a dead or silent endpoint ends as
 * "unreadable" when the budget is spent, never as a hang.
 */

/** The error every operation still running gets when the deadline passes. */
export class DeadlineExceeded extends Error {
  constructor(readonly seconds: number) {
    super(`no complete answer within the ${seconds} s deadline (\`--timeout ${seconds}\`)`);
    this.name = 'DeadlineExceeded';
  }
}

export class Deadline {
  private readonly expired: Promise<never>;
  private timer: NodeJS.Timeout | undefined;
  private passed = false;
  private readonly listeners: (() => void)[] = [];

  constructor(readonly milliseconds: number) {
    this.expired = new Promise<never>((_, reject) => {
      this.timer = setTimeout(() => {
        this.passed = true;
        reject(new DeadlineExceeded(milliseconds / 1000));
        for (const listener of this.listeners) listener();
      }, milliseconds);
      this.timer.unref();
    });
    // Nobody may be racing when it fires: that rejection is expected, not unhandled.
    this.expired.catch(() => undefined);
  }

  /** True once the budget is spent. */
  get hasPassed(): boolean {
    return this.passed;
  }

  /** Runs `listener` when the deadline passes (to close sockets still open). */
  onExpiry(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Resolves as `work` does, or rejects with DeadlineExceeded when the deadline passes first. */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.passed) {
      work.catch(() => undefined);
      return Promise.reject(new DeadlineExceeded(this.milliseconds / 1000));
    }
    return Promise.race([work, this.expired]);
  }

  /** Stops the timer (the environment was read in time). */
  clear(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
