/** The ElastiCache replication group's topology and node type are the declared ones. */
import { notApplicable } from '../../shared/rules/rule-module';
import { settingsResult } from '../check-results';
import type { DriftCheck } from '../drift-check';
import type { LiveCache } from '../live-state';
import { liveCache } from '../shared-reads';

const check: DriftCheck<LiveCache> = {
  meta: {
    id: 'cache-layout',
    service: 'elasticache',
    description:
      'The replication group has the shards, replicas per shard and automatic failover its parity group declares, ' +
      'and the node type its environment declares.',
    why:
      'A cache with one shard or no replica cannot show how the application behaves ' +
      'when prod’s cache fails over or resharding moves keys.',
    docsUrl: 'docs/drift.md',
    defaultLevel: 'block',
  },
  read: (env, clients) => liveCache(env, clients),
  settings(group, env) {
    const declared = env.declared.cache;
    const at = { service: 'elasticache', resource: env.resources.cache } as const;
    return [
      { ...at, attribute: 'shards', declared: declared.shards, live: group.shards },
      { ...at, attribute: 'replicasPerShard', declared: declared.replicasPerShard, live: group.replicasPerShard },
      { ...at, attribute: 'automaticFailover', declared: declared.automaticFailover, live: group.automaticFailover },
      { ...at, attribute: 'nodeType', declared: declared.nodeType, live: group.nodeType },
    ];
  },
  compare: (group, { environment, normalize }) =>
    group.found ? settingsResult(check.settings!(group, environment), environment, normalize) : notApplicable,
};

export default check;
