/** Every member cluster of the ElastiCache replication group runs the declared engine and a patch of the declared version. */
import { engineResult } from '../check-results';
import { versionMatches } from '../compare-engines';
import type { DriftCheck } from '../drift-check';
import type { LiveCache } from '../live-state';
import { liveCache } from '../shared-reads';

const check: DriftCheck<LiveCache> = {
  meta: {
    id: 'cache-engine-version',
    service: 'elasticache',
    description:
      'The ElastiCache replication group exists, its member clusters run the declared engine and ' +
      'a patch of the declared `major.minor`, and no pending modification would change it.',
    why:
      'Redis and Valkey change commands and eviction between versions: ' +
      'a cache upgraded in one environment behaves differently from the one tested.',
    docsUrl: 'docs/drift.md',
    defaultLevel: 'block',
  },
  read: (env, clients) => liveCache(env, clients),
  compare: (cache, { environment }) =>
    engineResult(check.engine!.view(cache, environment), check.engine!.declared(environment), environment.resources.cache, environment),
  engine: {
    service: 'elasticache',
    resource: (env) => env.resources.cache,
    declared: (env) => `${env.declared.cache.engine} ${env.declared.cache.engineVersion}`,
    view(group, env) {
      if (!group.found) return { shown: 'absent', matches: false, pending: [] };
      const { engine, engineVersion } = env.declared.cache;
      const versions = group.engineVersions.length > 0 ? group.engineVersions : ['unknown'];
      const matches = group.engine === engine && versions.every((v) => versionMatches(engineVersion, v));
      return { shown: `${group.engine ?? 'unknown'} ${versions.join(', ')}`, matches, pending: group.pending };
    },
  },
};

export default check;
