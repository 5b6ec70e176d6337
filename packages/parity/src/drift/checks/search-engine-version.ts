/** The OpenSearch domain runs the declared engine version and no upgrade is in progress. */
import { engineResult } from '../check-results';
import type { DriftCheck } from '../drift-check';
import type { LiveSearch } from '../live-state';
import { liveSearch } from '../shared-reads';

const check: DriftCheck<LiveSearch> = {
  meta: {
    id: 'search-engine-version',
    service: 'opensearch',
    description: 'The OpenSearch domain exists and runs exactly the declared engine version; no engine upgrade is in progress.',
    why:
      'OpenSearch versions change query and mapping behaviour: ' +
      'a domain upgraded in one environment answers differently from the one tested.',
    docsUrl: 'docs/drift.md',
    defaultLevel: 'block',
  },
  read: (env, clients) => liveSearch(env, clients),
  compare: (domain, { environment }) =>
    engineResult(check.engine!.view(domain, environment), check.engine!.declared(environment), environment.resources.search, environment),
  engine: {
    service: 'opensearch',
    resource: (env) => env.resources.search,
    declared: (env) => env.declared.search.engineVersion,
    view(domain, env) {
      if (!domain.found) return { shown: 'absent', matches: false, pending: [] };
      const version = domain.engineVersion ?? 'unknown';
      return { shown: version, matches: version === env.declared.search.engineVersion, pending: domain.pending };
    },
  },
};

export default check;
