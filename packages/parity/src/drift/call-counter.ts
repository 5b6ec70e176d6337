/**
 * Counts the AWS calls of a run through SDK middleware: one `initialize` step per operation, one
 * `deserialize` step per HTTP attempt (the retry middleware sits in `finalizeRequest`, so every
 * retry passes through `deserialize` again). Retries are the attempts beyond the first.
 */
import type { CallCount, CallCounts } from './drift-report';

type Handler = (args: unknown) => Promise<unknown>;

/** The part of an SDK middleware stack the counter uses (structurally an SDK `Pluggable`). */
interface MiddlewareAdder {
  add(...args: unknown[]): unknown;
}

/** An SDK plugin: pass it to `client.middlewareStack.use` or to `clientPlugins`. */
export interface CountingPlugin {
  applyToStack(stack: MiddlewareAdder): void;
}

export class CallCounter {
  private readonly counts = new Map<string, { operations: number; requests: number }>();

  /** A plugin for a client of `service`: `client.middlewareStack.use(counter.plugin('ssm'))`. */
  plugin(service: string): CountingPlugin {
    const entry = () => {
      let count = this.counts.get(service);
      if (!count) {
        count = { operations: 0, requests: 0 };
        this.counts.set(service, count);
      }
      return count;
    };
    return {
      applyToStack: (stack) => {
        stack.add(
          (next: Handler) => async (args: unknown) => {
            entry().operations++;
            return next(args);
          },
          { step: 'initialize', name: 'parityDriftCountOperations', override: true },
        );
        stack.add(
          (next: Handler) => async (args: unknown) => {
            entry().requests++;
            return next(args);
          },
          { step: 'deserialize', name: 'parityDriftCountRequests', override: true },
        );
      },
    };
  }

  /** The counts so far, per service, in name order. */
  snapshot(): CallCounts {
    const result: CallCounts = {};
    for (const service of [...this.counts.keys()].sort()) {
      const { operations, requests } = this.counts.get(service)!;
      result[service] = { operations, requests, retries: Math.max(0, requests - operations) };
    }
    return result;
  }
}

/** Adds call counts together. */
export function sumCalls(counts: readonly CallCounts[]): CallCount {
  const total: CallCount = { operations: 0, requests: 0, retries: 0 };
  for (const byService of counts) {
    for (const count of Object.values(byService)) {
      total.operations += count.operations;
      total.requests += count.requests;
      total.retries += count.retries;
    }
  }
  return total;
}
