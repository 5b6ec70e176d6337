/**
 * Reads one environment: checks that the credentials belong to its account, then reads SSM (keys
 * and the values of declared String keys), the database, the cache and the search domain
 * concurrently. Each part stands alone: a part that fails (denied, throttled beyond the retries,
 * past the deadline) is null with its reason, and every other part is still returned. A failed
 * account check leaves every part unread. A missing resource is not a failure (it is drift).
 */
import type { EnvironmentConfig } from '../../../../config';
import { environmentClients, type ClientOptions, type EnvironmentClients } from './aws-clients';
import { checkAccount } from './account-check';
import { ReadStepError, readFailure, step } from './aws-errors';
import type { CallCounts } from './drift-report';
import type { LiveEnvironment, LiveService, LiveSsm } from './live-state';
import { readCache } from './read-cache';
import { readDatabase } from './read-database';
import { readSearch } from './read-search';
import { readSsmKeys } from './read-ssm-keys';
import { readSsmValues } from './read-ssm-values';
import { cacheReplicationGroupId, databaseInstanceId, searchDomainName, ssmEnvironmentPath } from './resource-names';

export interface ReadOptions extends ClientOptions {
  /** The String keys the code declares (relative names): their live values are read. */
  readonly stringKeys?: readonly string[];
}

export interface EnvironmentReading {
  readonly live: LiveEnvironment;
  readonly calls: CallCounts;
}

const SERVICES: readonly LiveService[] = ['ssm', 'rds', 'elasticache', 'opensearch'];

function reasonOf(error: unknown, env: EnvironmentConfig): string {
  return error instanceof ReadStepError ? error.message : readFailure(error, `reading \`${env.name}\``);
}

async function readSsm(clients: EnvironmentClients, path: string, stringKeys: readonly string[]): Promise<LiveSsm> {
  const keys = await step(`listing SSM parameters under ${path}`, () => readSsmKeys(clients.ssm, path));
  const declared = new Set(stringKeys);
  const names = keys.filter((k) => k.type === 'String' && declared.has(k.key)).map((k) => `${path}/${k.key}`);
  const read = await step(`reading the values of ${names.length} String parameters under ${path}`, () => readSsmValues(clients.ssm, names));
  const values: Record<string, string> = {};
  for (const [name, parameter] of read) values[name.slice(path.length + 1)] = parameter.value;
  return { keys, values };
}

export async function readEnvironment(env: EnvironmentConfig, app: string, options: ReadOptions = {}): Promise<EnvironmentReading> {
  const clients = environmentClients(env, options);
  try {
    let accountId: string;
    try {
      accountId = await checkAccount(env, clients);
    } catch (error) {
      const reason = reasonOf(error, env);
      const errors = Object.fromEntries(SERVICES.map((s) => [s, reason]));
      return { live: { ssm: null, database: null, cache: null, search: null, errors }, calls: clients.counter.snapshot() };
    }
    const path = ssmEnvironmentPath(app, env.name);
    const [ssm, database, cache, search] = await Promise.allSettled([
      readSsm(clients, path, options.stringKeys ?? []),
      step(`describing RDS instance ${databaseInstanceId(app, env.name)}`, () => readDatabase(clients.rds, databaseInstanceId(app, env.name))),
      step(`describing ElastiCache replication group ${cacheReplicationGroupId(app, env.name)}`, () => readCache(clients.elasticache, cacheReplicationGroupId(app, env.name))),
      step(`describing OpenSearch domain ${searchDomainName(app, env.name)}`, () => readSearch(clients.opensearch, searchDomainName(app, env.name))),
    ]);
    const errors: LiveEnvironment['errors'] = {};
    const value = <T>(service: LiveService, result: PromiseSettledResult<T>): T | null => {
      if (result.status === 'fulfilled') return result.value;
      errors[service] = reasonOf(result.reason, env);
      return null;
    };
    const live: LiveEnvironment = { accountId, ssm: value('ssm', ssm), database: value('rds', database), cache: value('elasticache', cache), search: value('opensearch', search), errors };
    return { live, calls: clients.counter.snapshot() };
  } finally {
    clients.destroy();
  }
}
