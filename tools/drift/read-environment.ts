/**
 * Reads one environment: checks that the credentials belong to its account, then reads SSM keys,
 * the database, the cache and the search domain concurrently. Any failure makes the environment
 * unreadable, with the reason; a missing resource is not a failure (it is drift).
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { EnvironmentConfig } from '../../config';
import { environmentClients, type ClientOptions } from './aws-clients';
import { ReadStepError, readFailure, step } from './aws-errors';
import type { CallCounts } from './drift-report';
import type { LiveEnvironment } from './live-state';
import { readCache } from './read-cache';
import { readDatabase } from './read-database';
import { readSearch } from './read-search';
import { readSsmKeys } from './read-ssm-keys';
import { cacheReplicationGroupId, databaseInstanceId, searchDomainName, ssmEnvironmentPath } from './resource-names';

export type EnvironmentReading =
  | { readonly readable: true; readonly live: LiveEnvironment; readonly calls: CallCounts }
  | { readonly readable: false; readonly error: string; readonly calls: CallCounts };

async function readAll(env: EnvironmentConfig, app: string, clients: ReturnType<typeof environmentClients>): Promise<LiveEnvironment> {
  const who = env.readOnlyRoleArn ? ` as ${env.readOnlyRoleArn}` : '';
  const identity = await step(`checking the account with STS GetCallerIdentity${who}`, () => clients.sts.send(new GetCallerIdentityCommand({})));
  if (identity.Account !== env.accountId) {
    const fix = env.readOnlyRoleArn
      ? `check \`readOnlyRoleArn\` of \`${env.name}\` in config/environments.ts`
      : `set \`readOnlyRoleArn\` for \`${env.name}\` in config/environments.ts, or run with credentials for account ${env.accountId}`;
    throw new ReadStepError('checking the account', new Error(`expected credentials for account ${env.accountId} (\`accountId\` of \`${env.name}\`), found account ${identity.Account ?? 'unknown'}; ${fix}`));
  }
  const path = ssmEnvironmentPath(app, env.name);
  const results = await Promise.allSettled([
    step(`listing SSM parameters under ${path}`, () => readSsmKeys(clients.ssm, path)),
    step(`describing RDS instance ${databaseInstanceId(app, env.name)}`, () => readDatabase(clients.rds, databaseInstanceId(app, env.name))),
    step(`describing ElastiCache replication group ${cacheReplicationGroupId(app, env.name)}`, () => readCache(clients.elasticache, cacheReplicationGroupId(app, env.name))),
    step(`describing OpenSearch domain ${searchDomainName(app, env.name)}`, () => readSearch(clients.opensearch, searchDomainName(app, env.name))),
  ]);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  const [ssm, database, cache, search] = results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [
    LiveEnvironment['ssm'],
    LiveEnvironment['database'],
    LiveEnvironment['cache'],
    LiveEnvironment['search'],
  ];
  return { accountId: identity.Account, ssm, database, cache, search };
}

export async function readEnvironment(env: EnvironmentConfig, app: string, options: ClientOptions = {}): Promise<EnvironmentReading> {
  const clients = environmentClients(env, options);
  try {
    const live = await readAll(env, app, clients);
    return { readable: true, live, calls: clients.counter.snapshot() };
  } catch (error) {
    const reason = error instanceof ReadStepError ? error.message : readFailure(error, `reading \`${env.name}\``);
    return { readable: false, error: reason, calls: clients.counter.snapshot() };
  } finally {
    clients.destroy();
  }
}
