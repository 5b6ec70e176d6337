/**
 * The read-only AWS clients of one environment. Credentials come from the standard SDK v3 chain;
 * when the environment names `readOnlyRoleArn`, that role is assumed with STS first. Endpoints are
 * left to the SDK, so `AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_<SERVICE>` work as the SDK documents.
 * Every client uses the SDK's `standard` retry mode, reports its calls to a CallCounter, and is
 * bounded in time: a connect and a request timeout per attempt (the SDK's `requestHandler`), and
 * one deadline for the whole environment that every operation races, retries included. Each
 * client (and its SDK package) is loaded on first use: `parity promote check` needs only STS and SSM.
 */
import type { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import type { OpenSearchClient } from '@aws-sdk/client-opensearch';
import type { RDSClient } from '@aws-sdk/client-rds';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AccountAccess } from './drift-environment';
import { CallCounter } from './call-counter';
import { Deadline } from './deadline';

/** The default total budget per environment (`--timeout`), in milliseconds. */
export const DEFAULT_DEADLINE_MS = 60_000;
/** Per attempt: at most this long to open a TCP (and TLS) connection. */
export const CONNECT_TIMEOUT_MS = 5_000;
/** Per attempt: at most this long from sending a request to its complete answer. */
export const REQUEST_TIMEOUT_MS = 15_000;

export interface ClientOptions {
  /** Attempts per operation, first included (the SDK's default for `standard` mode is 3). */
  readonly maxAttempts?: number;
  /** Total budget for every call of this environment, retries included. @default DEFAULT_DEADLINE_MS */
  readonly deadlineMs?: number;
  /** Per attempt: from sending a request to its complete answer. @default REQUEST_TIMEOUT_MS, at most the deadline */
  readonly requestTimeoutMs?: number;
}

export interface EnvironmentClients {
  /** STS, for GetCallerIdentity (the account check). */
  readonly sts: STSClient;
  /** SSM, for DescribeParameters and GetParameters (String keys only). */
  readonly ssm: SSMClient;
  /** RDS, for DescribeDBInstances and DescribePendingMaintenanceActions. */
  readonly rds: RDSClient;
  /** ElastiCache, for DescribeReplicationGroups and DescribeCacheClusters. */
  readonly elasticache: ElastiCacheClient;
  /** OpenSearch, for DescribeDomain. */
  readonly opensearch: OpenSearchClient;
  /** Counts every call the clients above make, the role assumption included. */
  readonly counter: CallCounter;
  /** The environment's total budget. */
  readonly deadline: Deadline;
  /** Closes the clients' connections and stops the deadline's timer. */
  destroy(): void;
}

/** The session name the read-only role is assumed with, visible in CloudTrail. */
export function driftSessionName(environment: string): string {
  return `parity-drift-${environment}`;
}

/**
 * Shares one AssumeRole between the five clients of an environment: the SDK's provider would
 * assume the role once per client. A run lasts far less than the 15-minute session.
 */
function once<T>(provider: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => (pending ??= provider());
}

/** An SDK plugin that makes every operation race the deadline (`initialize` wraps retries and signing). */
function deadlinePlugin(deadline: Deadline) {
  return {
    applyToStack(stack: { add(...args: unknown[]): unknown }) {
      stack.add((next: (args: unknown) => Promise<unknown>) => (args: unknown) => deadline.race(next(args)), {
        step: 'initialize',
        name: 'parityDeadline',
        priority: 'high',
        override: true,
      });
    },
  };
}

export function environmentClients(env: AccountAccess, options: ClientOptions = {}): EnvironmentClients {
  const counter = new CallCounter();
  const deadline = new Deadline(options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const perAttempt = Math.max(1, Math.min(options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, deadline.milliseconds));
  const requestHandler = {
    connectionTimeout: Math.min(CONNECT_TIMEOUT_MS, perAttempt),
    requestTimeout: perAttempt,
    throwOnRequestTimeout: true,
    socketTimeout: perAttempt,
  };
  const retry = { retryMode: 'standard', requestHandler, ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}) };
  const credentials = env.readOnlyRoleArn
    ? once(
        fromTemporaryCredentials({
          params: { RoleArn: env.readOnlyRoleArn, RoleSessionName: driftSessionName(env.name), DurationSeconds: 900 },
          clientConfig: { region: env.region, ...retry },
          clientPlugins: [counter.plugin('sts')],
        }),
      )
    : undefined;
  const config = { region: env.region, ...retry, ...(credentials ? { credentials } : {}) };
  // `require`, not `import()`: bin/parity.cjs runs through tsx/cjs, which hooks `require` only.
  const constructors = {
    sts: () => new (require('@aws-sdk/client-sts') as typeof import('@aws-sdk/client-sts')).STSClient(config),
    ssm: () => new (require('@aws-sdk/client-ssm') as typeof import('@aws-sdk/client-ssm')).SSMClient(config),
    rds: () => new (require('@aws-sdk/client-rds') as typeof import('@aws-sdk/client-rds')).RDSClient(config),
    elasticache: () =>
      new (require('@aws-sdk/client-elasticache') as typeof import('@aws-sdk/client-elasticache')).ElastiCacheClient(config),
    opensearch: () => new (require('@aws-sdk/client-opensearch') as typeof import('@aws-sdk/client-opensearch')).OpenSearchClient(config),
  };
  const created = new Map<string, { destroy(): void }>();
  function client<K extends keyof typeof constructors>(service: K): ReturnType<(typeof constructors)[K]> {
    let made = created.get(service) as ReturnType<(typeof constructors)[K]> | undefined;
    if (!made) {
      made = constructors[service]() as ReturnType<(typeof constructors)[K]>;
      made.middlewareStack.use(counter.plugin(service));
      made.middlewareStack.use(deadlinePlugin(deadline));
      created.set(service, made);
    }
    return made;
  }
  const destroy = () => {
    for (const made of created.values()) made.destroy();
  };
  // Sockets still waiting for an answer are closed when the budget is spent.
  deadline.onExpiry(destroy);
  return {
    get sts() {
      return client('sts');
    },
    get ssm() {
      return client('ssm');
    },
    get rds() {
      return client('rds');
    },
    get elasticache() {
      return client('elasticache');
    },
    get opensearch() {
      return client('opensearch');
    },
    counter,
    deadline,
    destroy: () => {
      deadline.clear();
      destroy();
    },
  };
}
