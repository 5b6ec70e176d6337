/**
 * Drives a workload from several connections at a steady rate and records how long each
 * statement took. Half the connections send reads, half writes, so reads keep flowing while writes
 * are blocked. Paced, not open-loop: a connection whose statement is blocked sends nothing more
 * until it returns (as an application's connection pool would). Every wait is bounded by the
 * connections' `statement_timeout`; `stop()` waits for the statements in flight, then closes every
 * connection, and never rejects.
 */
import { Client } from 'pg';
import type { WorkloadFactory, WorkloadStatement } from './workload';

/** One executed statement. */
export interface WorkloadSample {
  /** Table it counts against. */
  readonly table: string;
  /** Read or write. */
  readonly kind: 'read' | 'write';
  /** When it was sent, ms on the driver's clock (performance.now()). */
  readonly sentAt: number;
  /** How long it took until the server answered (or refused), ms. */
  readonly latencyMs: number;
  /** The server's error, if it failed (a timeout, a dropped column...). */
  readonly error?: string;
}

export interface LoadOptions {
  /** Connection URL (the gate's database). */
  readonly url: string;
  /** Prepares each connection's statements. */
  readonly workload: WorkloadFactory;
  /** Connections. @default 4 */
  readonly connections?: number;
  /** Statements per second over all connections. @default 200 */
  readonly ratePerSecond?: number;
  /** `statement_timeout` of each connection, ms: the longest any statement may wait. @default 60000 */
  readonly statementTimeoutMs?: number;
}

export interface RunningLoad {
  /** Samples so far. */
  readonly samples: readonly WorkloadSample[];
  /** Stops sending, waits for what is in flight (bounded by statement_timeout), closes the connections. */
  stop(): Promise<WorkloadSample[]>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function openWorker(url: string, statementTimeoutMs: number): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000, application_name: 'parity-rehearsal' });
  client.on('error', () => undefined);
  await client.connect();
  await client.query(`SET statement_timeout = ${Math.round(statementTimeoutMs)}`);
  return client;
}

/** Starts the load; resolves once every connection is ready and sending. */
export async function startLoad(options: LoadOptions): Promise<RunningLoad> {
  const connections = Math.max(2, options.connections ?? 4);
  const rate = Math.max(1, options.ratePerSecond ?? 200);
  const statementTimeoutMs = options.statementTimeoutMs ?? 60_000;
  const samples: WorkloadSample[] = [];
  const clients: Client[] = [];
  let running = true;
  try {
    for (let i = 0; i < connections; i++) clients.push(await openWorker(options.url, statementTimeoutMs));
  } catch (error) {
    await Promise.allSettled(clients.map((c) => c.end()));
    throw error;
  }
  const intervalMs = (1000 * connections) / rate;
  let loops: { client: Client; statements: WorkloadStatement[]; offset: number }[];
  try {
    loops = await Promise.all(
      clients.map(async (client, index) => {
        const all = await options.workload(client);
        const kind = index % 2 === 0 ? 'read' : 'write';
        const mine = all.filter((s) => s.kind === kind);
        return { client, statements: mine.length > 0 ? mine : all, offset: (index * intervalMs) / connections };
      }),
    );
  } catch (error) {
    await Promise.allSettled(clients.map((c) => c.end()));
    throw new Error(`the workload could not be prepared: ${(error as Error).message}`);
  }
  if (loops.every((l) => l.statements.length === 0)) {
    await Promise.allSettled(clients.map((c) => c.end()));
    throw new Error('the workload has no statement for the tables the migration touches');
  }
  const work = loops.map(async ({ client, statements, offset }) => {
    if (statements.length === 0) return;
    let next = performance.now() + offset;
    // Bounded: one statement per interval while running; stop() ends it.
    for (let n = 0; running; n++) {
      await sleep(next - performance.now());
      if (!running) break;
      const statement = statements[n % statements.length]!;
      const sentAt = performance.now();
      try {
        await client.query(statement.sql, statement.parameter ? [statement.parameter(n)] : []);
        samples.push({ table: statement.table, kind: statement.kind, sentAt, latencyMs: performance.now() - sentAt });
      } catch (error) {
        samples.push({
          table: statement.table,
          kind: statement.kind,
          sentAt,
          latencyMs: performance.now() - sentAt,
          error: (error as Error).message,
        });
      }
      next = Math.max(next + intervalMs, performance.now());
    }
  });
  let stopped: Promise<WorkloadSample[]> | undefined;
  return {
    samples,
    stop() {
      stopped ??= (async () => {
        running = false;
        const drained = Promise.allSettled(work);
        const timer = new Promise<void>((resolve) => setTimeout(resolve, statementTimeoutMs + 5_000).unref());
        await Promise.race([drained, timer]);
        await Promise.allSettled(clients.map((c) => c.end()));
        return [...samples];
      })();
      return stopped;
    },
  };
}

/** The p-th percentile (0..100) of `values`, 0 when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Samples in flight at some moment of `[from, to]`. */
export function inFlightDuring(samples: readonly WorkloadSample[], from: number, to: number): WorkloadSample[] {
  return samples.filter((s) => s.sentAt <= to && s.sentAt + s.latencyMs >= from);
}
