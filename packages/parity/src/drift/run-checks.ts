/**
 * Runs the registry: for each environment, the account check, then every check's `read`
 * concurrently (shared calls made once); then the compare step through the shared `runPack`, one
 * subject per environment. A read that failed makes that check `unknown` there, with the reason,
 * and every check that was read is still compared.
 *
 * Why `runPack` and not a loop of drift's own: the compare step is exactly a pack over subjects
 * (pure, per environment, levels from `meta` or an override), and it gives the same Findings and
 * outcomes as every other engine; only the I/O before it is drift's.
 */
import type { Finding } from '../shared/findings/finding';
import { unknown, type RuleLevel, type RuleModule } from '../shared/rules/rule-module';
import { runPack, type PackRun } from '../shared/rules/run-pack';
import { checkAccount } from './account-check';
import { environmentClients, type ClientOptions } from './aws-clients';
import { ReadStepError, readFailure } from './aws-errors';
import type { AnyDriftCheck, CheckClients } from './drift-check';
import type { DriftEnvironment } from './drift-environment';
import type { CallCounts } from './drift-report';

/** One check's live state in one environment, or why it could not be read. */
export type CheckReading = { readonly status: 'read'; readonly live: unknown } | { readonly status: 'unreadable'; readonly reason: string };

export interface EnvironmentReading {
  /** The account the credentials resolved to; absent when the account check failed. */
  readonly accountId?: string;
  /** By check id. */
  readonly checks: ReadonlyMap<string, CheckReading>;
  readonly calls: CallCounts;
}

function reasonOf(error: unknown, env: DriftEnvironment): string {
  return error instanceof ReadStepError ? error.message : readFailure(error, `reading \`${env.name}\``);
}

/** Reads what every check needs from one environment, read-only and within its deadline. */
export async function readChecks(
  env: DriftEnvironment,
  checks: readonly AnyDriftCheck[],
  options: ClientOptions = {},
): Promise<EnvironmentReading> {
  const clients = environmentClients(env, options);
  try {
    let accountId: string;
    try {
      accountId = await checkAccount(env, clients);
    } catch (error) {
      // Credentials for another account could read another environment: nothing is read.
      const reading: CheckReading = { status: 'unreadable', reason: reasonOf(error, env) };
      return { checks: new Map(checks.map((c) => [c.meta.id, reading])), calls: clients.counter.snapshot() };
    }
    const shared = new Map<string, Promise<unknown>>();
    const checkClients: CheckClients = {
      get ssm() {
        return clients.ssm;
      },
      get rds() {
        return clients.rds;
      },
      get elasticache() {
        return clients.elasticache;
      },
      get opensearch() {
        return clients.opensearch;
      },
      once<T>(key: string, read: () => Promise<T>): Promise<T> {
        let pending = shared.get(key) as Promise<T> | undefined;
        if (!pending) {
          pending = read();
          pending.catch(() => undefined);
          shared.set(key, pending);
        }
        return pending;
      },
    };
    const settled = await Promise.allSettled(checks.map((c) => c.read(env, checkClients, clients.deadline)));
    const readings = new Map<string, CheckReading>();
    checks.forEach((c, i) => {
      const result = settled[i]!;
      readings.set(
        c.meta.id,
        result.status === 'fulfilled'
          ? { status: 'read', live: result.value }
          : { status: 'unreadable', reason: reasonOf(result.reason, env) },
      );
    });
    return { accountId, checks: readings, calls: clients.counter.snapshot() };
  } finally {
    clients.destroy();
  }
}

export interface CompareInput {
  readonly checks: readonly AnyDriftCheck[];
  /** The environments checked, in order. */
  readonly selected: readonly DriftEnvironment[];
  /** Every environment of the target (possible targets of a reference). */
  readonly environments: readonly DriftEnvironment[];
  readonly readings: ReadonlyMap<string, EnvironmentReading>;
  readonly normalize: (name: string) => string;
  /** Level overrides by check id. */
  readonly levels?: Readonly<Record<string, RuleLevel>>;
}

/** A check as a rule module over environments: `unknown` where it could not be read, its `compare` elsewhere. */
function asRule(check: AnyDriftCheck, input: CompareInput): RuleModule<DriftEnvironment, undefined> {
  const id = check.meta.id;
  const readingOf = (env: string) =>
    input.readings.get(env)?.checks.get(id) ?? { status: 'unreadable' as const, reason: `\`${env}\` was not read` };
  return {
    meta: check.meta,
    check(env) {
      const reading = readingOf(env.name);
      if (reading.status === 'unreadable') return unknown(reading.reason);
      const peers = new Map<string, unknown>();
      for (const other of input.selected) {
        if (other.name === env.name) continue;
        const theirs = readingOf(other.name);
        if (theirs.status === 'read') peers.set(other.name, theirs.live);
      }
      return check.compare(reading.live, { environment: env, environments: input.environments, peers, normalize: input.normalize });
    },
  };
}

/** The compare step of every check on every environment: the shared Findings and one outcome per check and environment. */
export function compareChecks(input: CompareInput): PackRun<DriftEnvironment> & { findings: Finding[] } {
  const pack = input.checks.map((check) => ({ rule: asRule(check, input) }));
  return runPack(pack, input.selected, undefined, {
    engine: 'drift',
    locate: (env) => ({ environment: env.name }),
    ...(input.levels ? { levels: input.levels } : {}),
  });
}
