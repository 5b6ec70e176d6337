/**
 * The read-only AWS clients of one environment. Credentials come from the standard SDK v3 chain;
 * when the environment names `readOnlyRoleArn`, that role is assumed with STS first. Endpoints are
 * left to the SDK, so `AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_<SERVICE>` work as the SDK documents.
 * Every client uses the SDK's `standard` retry mode and reports its calls to a CallCounter.
 */
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { OpenSearchClient } from '@aws-sdk/client-opensearch';
import { RDSClient } from '@aws-sdk/client-rds';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { EnvironmentConfig } from '../../config';
import { CallCounter } from './call-counter';

export interface ClientOptions {
  /** Attempts per operation, first included (the SDK's default for `standard` mode is 3). */
  maxAttempts?: number;
}

export interface EnvironmentClients {
  /** STS, for GetCallerIdentity (the account check). */
  readonly sts: STSClient;
  /** SSM, for DescribeParameters. */
  readonly ssm: SSMClient;
  /** RDS, for DescribeDBInstances and DescribePendingMaintenanceActions. */
  readonly rds: RDSClient;
  /** ElastiCache, for DescribeReplicationGroups and DescribeCacheClusters. */
  readonly elasticache: ElastiCacheClient;
  /** OpenSearch, for DescribeDomain. */
  readonly opensearch: OpenSearchClient;
  /** Counts every call the clients above make, the role assumption included. */
  readonly counter: CallCounter;
  /** Closes the clients' connections. */
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

export function environmentClients(env: EnvironmentConfig, options: ClientOptions = {}): EnvironmentClients {
  const counter = new CallCounter();
  const retry = { retryMode: 'standard', ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}) };
  const credentials = env.readOnlyRoleArn
    ? once(fromTemporaryCredentials({
        params: { RoleArn: env.readOnlyRoleArn, RoleSessionName: driftSessionName(env.name), DurationSeconds: 900 },
        clientConfig: { region: env.region, ...retry },
        clientPlugins: [counter.plugin('sts')],
      }))
    : undefined;
  const config = { region: env.region, ...retry, ...(credentials ? { credentials } : {}) };
  const clients = {
    sts: new STSClient(config),
    ssm: new SSMClient(config),
    rds: new RDSClient(config),
    elasticache: new ElastiCacheClient(config),
    opensearch: new OpenSearchClient(config),
  };
  for (const [service, client] of Object.entries(clients)) client.middlewareStack.use(counter.plugin(service));
  return {
    ...clients,
    counter,
    destroy: () => {
      for (const client of Object.values(clients)) client.destroy();
    },
  };
}
