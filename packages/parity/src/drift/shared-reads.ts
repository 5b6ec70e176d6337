/**
 * The reads several checks share, each made once per environment (`clients.once`): SSM keys and
 * the values of the declared String keys, the RDS instance (its description alone, or with its
 * pending maintenance), the ElastiCache replication group and the OpenSearch domain. Each is
 * labelled with what was being read, so a failure says where it happened.
 */
import type { DBInstance } from '@aws-sdk/client-rds';
import { step } from './aws-errors';
import type { CheckClients } from './drift-check';
import { stringKeysOf, type DriftEnvironment } from './drift-environment';
import type { LiveCache, LiveDatabase, LiveSearch, LiveSsm } from './live-state';
import { readCache } from './read-cache';
import { describeDbInstance, readDatabase } from './read-database';
import { readSearch } from './read-search';
import { readSsmKeys } from './read-ssm-keys';
import { readSsmValues } from './read-ssm-values';

/** Every key under the environment's path with its type, and the live values of the declared String keys that are Strings. */
export function liveSsm(env: DriftEnvironment, clients: CheckClients): Promise<LiveSsm> {
  return clients.once('ssm', async () => {
    const path = env.ssmPath;
    const keys = await step(`listing SSM parameters under ${path}`, () => readSsmKeys(clients.ssm, path));
    const declared = new Set(stringKeysOf(env.declared));
    const names = keys.filter((k) => k.type === 'String' && declared.has(k.key)).map((k) => `${path}/${k.key}`);
    const read = await step(`reading the values of ${names.length} String parameters under ${path}`, () =>
      readSsmValues(clients.ssm, names),
    );
    const values: Record<string, string> = {};
    for (const [name, parameter] of read) values[name.slice(path.length + 1)] = parameter.value;
    return { keys, values };
  });
}

function databaseStep(env: DriftEnvironment): string {
  return `describing RDS instance ${env.resources.database}`;
}

/** The RDS instance's description (one DescribeDBInstances), undefined when there is none. */
export function dbInstance(env: DriftEnvironment, clients: CheckClients): Promise<DBInstance | undefined> {
  return clients.once('rds:instance', () => step(databaseStep(env), () => describeDbInstance(clients.rds, env.resources.database)));
}

/** The RDS instance's version, layout and pending maintenance. */
export function liveDatabase(env: DriftEnvironment, clients: CheckClients): Promise<LiveDatabase> {
  return clients.once('rds:database', () =>
    step(databaseStep(env), () => readDatabase(clients.rds, env.resources.database, () => dbInstance(env, clients))),
  );
}

export function liveCache(env: DriftEnvironment, clients: CheckClients): Promise<LiveCache> {
  return clients.once('elasticache', () =>
    step(`describing ElastiCache replication group ${env.resources.cache}`, () => readCache(clients.elasticache, env.resources.cache)),
  );
}

export function liveSearch(env: DriftEnvironment, clients: CheckClients): Promise<LiveSearch> {
  return clients.once('opensearch', () =>
    step(`describing OpenSearch domain ${env.resources.search}`, () => readSearch(clients.opensearch, env.resources.search)),
  );
}
