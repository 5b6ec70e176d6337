/**
 * Every declared String key holds the value the code declares; a key Terraform fills in with an
 * endpoint holds what the environment's own live resource answers.
 */
import { failWith } from '../../shared/rules/rule-module';
import { compareSsmValues } from '../compare-ssm-values';
import type { DriftCheck } from '../drift-check';
import { liveCache, liveDatabase, liveSearch, liveSsm } from '../shared-reads';

export interface LiveValues {
  /** Live value of each declared String key that is a String. */
  readonly values: Readonly<Record<string, string>>;
  /** What the endpoint keys must hold, from the environment's live resources where they were read and found. */
  readonly expected: ReadonlyMap<string, { readonly value: string; readonly from: string }>;
}

const check: DriftCheck<LiveValues> = {
  meta: {
    id: 'ssm-values',
    service: 'ssm',
    description:
      'Every declared String key holds the declared value; the endpoint keys hold the endpoints of the environment’s own live resources.',
    why:
      'A value changed by hand, or an endpoint still naming a decommissioned instance, ' +
      'sends the application somewhere the code never said.',
    docsUrl: 'docs/drift.md',
    defaultLevel: 'block',
  },
  async read(env, clients) {
    const ssm = await liveSsm(env, clients);
    // The resources are their own checks' concern: one that cannot be read only leaves its key unchecked here.
    const [database, cache, search] = await Promise.allSettled([
      liveDatabase(env, clients),
      liveCache(env, clients),
      liveSearch(env, clients),
    ]);
    const expected = new Map<string, { value: string; from: string }>();
    if (database.status === 'fulfilled' && database.value.endpoint)
      expected.set('DATABASE_ENDPOINT', { value: database.value.endpoint, from: `the live RDS instance ${env.resources.database}` });
    if (cache.status === 'fulfilled' && cache.value.endpoint)
      expected.set('CACHE_ENDPOINT', {
        value: cache.value.endpoint,
        from: `the live ElastiCache replication group ${env.resources.cache}`,
      });
    if (search.status === 'fulfilled' && search.value.endpoint)
      expected.set('SEARCH_ENDPOINT', { value: search.value.endpoint, from: `the live OpenSearch domain ${env.resources.search}` });
    return { values: ssm.values, expected };
  },
  compare(live, { environment, environments }) {
    const name = environment.name;
    const { valueMismatch } = compareSsmValues(environments, new Map([[name, live.values]]), new Map([[name, live.expected]]));
    return failWith(
      ...valueMismatch.map((m) => ({
        address: `${environment.ssmPath}/${m.key}`,
        environment: name,
        expected: m.declared,
        found: m.live,
        message:
          `${m.key} in ${name} holds ${JSON.stringify(m.live)}; ` +
          `${m.expectedFrom ? `${m.expectedFrom} says` : 'declared'} ${JSON.stringify(m.declared)}`,
      })),
    );
  },
};

export default check;
