/** The OpenSearch domain's nodes, masters and zone awareness are the declared ones. */
import { notApplicable } from '../../shared/rules/rule-module';
import { settingsResult } from '../check-results';
import type { DriftCheck, Setting } from '../drift-check';
import type { LiveSearch } from '../live-state';
import { liveSearch } from '../shared-reads';

const check: DriftCheck<LiveSearch> = {
  meta: {
    id: 'search-layout',
    service: 'opensearch',
    description:
      'The domain has the instance type and count its environment declares, ' +
      'and the dedicated masters and zone awareness its parity group declares.',
    why: 'A domain without dedicated masters or zone awareness cannot show how search behaves when prod loses a node or a zone.',
    docsUrl: 'docs/drift.md',
    defaultLevel: 'block',
  },
  read: (env, clients) => liveSearch(env, clients),
  settings(domain, env) {
    const declared = env.declared.search;
    const at = { service: 'opensearch', resource: env.resources.search } as const;
    const settings: Setting[] = [
      { ...at, attribute: 'instanceType', declared: declared.instanceType, live: domain.instanceType },
      { ...at, attribute: 'instanceCount', declared: declared.instanceCount, live: domain.instanceCount },
      { ...at, attribute: 'dedicatedMasters', declared: declared.dedicatedMasters, live: domain.dedicatedMasters },
    ];
    // The masters' type matters only where both sides have masters (their absence is the finding above).
    if (declared.dedicatedMasters > 0 && domain.dedicatedMasters !== 0)
      settings.push({ ...at, attribute: 'masterInstanceType', declared: declared.masterInstanceType, live: domain.masterInstanceType });
    settings.push({ ...at, attribute: 'zoneAwareness', declared: declared.zoneAwareness, live: domain.zoneAwareness });
    return settings;
  },
  compare: (domain, { environment, normalize }) =>
    domain.found ? settingsResult(check.settings!(domain, environment), environment, normalize) : notApplicable,
};

export default check;
