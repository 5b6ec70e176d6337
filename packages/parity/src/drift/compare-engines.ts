/**
 * Compares the live engine versions of the database, cache and search domain of every environment
 * with config/platform.ts and with each other, pending version changes included.
 */
import type { ProjectConfig } from '../../../../config';
import { environmentNameNormalizer } from '../shared/environment-names';
import type { EngineComparison, EngineService } from './drift-report';
import type { LiveCache, LiveDatabase, LiveEnvironment, LiveSearch, PendingChange } from './live-state';
import { cacheReplicationGroupId, databaseInstanceId, searchDomainName } from './resource-names';

/** `live` maps every checked environment to what was read (a part that could not be read is null). */
export type LiveByEnvironment = ReadonlyMap<string, LiveEnvironment>;

/** A live version matches a declared `major.minor` when equal or a patch of it (`7.2` matches `7.2.6`). */
export function versionMatches(declared: string, live: string): boolean {
  return live === declared || live.startsWith(`${declared}.`);
}

export function describePending(change: PendingChange): string {
  const when = change.applyAfter ? ` (applies after ${change.applyAfter})` : '';
  return `${change.action}: ${change.description}${when}`;
}

interface EngineView {
  /** The live version as shown, `absent` for a missing resource. */
  shown: string;
  matches: boolean;
  pending: PendingChange[];
}

function compareOne<T>(
  service: EngineService,
  resource: string,
  declared: string,
  live: LiveByEnvironment,
  part: (env: LiveEnvironment) => T | null,
  view: (reading: T) => EngineView,
): EngineComparison {
  const comparison: EngineComparison = { service, resource, declared, live: {}, pending: {}, drift: false, driftIn: [] };
  for (const [env, environment] of live) {
    const reading = part(environment);
    if (reading === null) {
      comparison.live[env] = null;
      continue;
    }
    const { shown, matches, pending } = view(reading);
    comparison.live[env] = shown;
    if (pending.length > 0) comparison.pending[env] = pending.map(describePending);
    if (!matches || pending.some((p) => p.changesEngineVersion)) {
      comparison.drift = true;
      comparison.driftIn.push(env);
    }
  }
  return comparison;
}

export function compareEngines(config: ProjectConfig, live: LiveByEnvironment): EngineComparison[] {
  const names = [...live.keys()];
  const normalize = environmentNameNormalizer(names);
  const app = config.platform.app;
  const first = names[0] ?? 'env';
  const { database, cache, search } = config.platform;
  const cacheDeclared = `${cache.engine} ${cache.engineVersion}`;
  return [
    compareOne('rds', normalize(databaseInstanceId(app, first)), database.engineVersion, live, (e): LiveDatabase | null => e.database, (db) => {
      if (!db.found) return { shown: 'absent', matches: false, pending: [] };
      const version = db.engineVersion ?? 'unknown';
      const shown = db.engine && db.engine !== database.engine ? `${db.engine} ${version}` : version;
      return { shown, matches: db.engine === database.engine && version === database.engineVersion, pending: db.pending };
    }),
    compareOne('elasticache', normalize(cacheReplicationGroupId(app, first)), cacheDeclared, live, (e): LiveCache | null => e.cache, (group) => {
      if (!group.found) return { shown: 'absent', matches: false, pending: [] };
      const versions = group.engineVersions.length > 0 ? group.engineVersions : ['unknown'];
      const matches = group.engine === cache.engine && versions.every((v) => versionMatches(cache.engineVersion, v));
      return { shown: `${group.engine ?? 'unknown'} ${versions.join(', ')}`, matches, pending: group.pending };
    }),
    compareOne('opensearch', normalize(searchDomainName(app, first)), search.engineVersion, live, (e): LiveSearch | null => e.search, (domain) => {
      if (!domain.found) return { shown: 'absent', matches: false, pending: [] };
      const version = domain.engineVersion ?? 'unknown';
      return { shown: version, matches: version === search.engineVersion, pending: domain.pending };
    }),
  ];
}
