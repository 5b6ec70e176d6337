/**
 * Reads an environment's ElastiCache replication group: engine, layout, and the engine version of
 * its member clusters (a replication group does not carry the version; its clusters do).
 */
import {
  DescribeReplicationGroupsCommand,
  paginateDescribeCacheClusters,
  type ElastiCacheClient,
  type ReplicationGroup,
} from '@aws-sdk/client-elasticache';
import { isNotFound } from './aws-errors';
import type { LiveCache, PendingChange } from './live-state';

export async function readCache(client: ElastiCacheClient, replicationGroupId: string): Promise<LiveCache> {
  let group: ReplicationGroup | undefined;
  try {
    group = (await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: replicationGroupId }))).ReplicationGroups?.[0];
  } catch (error) {
    if (isNotFound(error)) return { found: false, engineVersions: [], pending: [] };
    throw error;
  }
  if (!group) return { found: false, engineVersions: [], pending: [] };
  const versions = new Set<string>();
  const pendingVersions = new Set<string>();
  const engines = new Set<string>();
  for await (const page of paginateDescribeCacheClusters({ client }, { ShowCacheNodeInfo: false })) {
    for (const cluster of page.CacheClusters ?? []) {
      if (cluster.ReplicationGroupId !== replicationGroupId) continue;
      if (cluster.Engine) engines.add(cluster.Engine);
      if (cluster.EngineVersion) versions.add(cluster.EngineVersion);
      if (cluster.PendingModifiedValues?.EngineVersion) pendingVersions.add(cluster.PendingModifiedValues.EngineVersion);
    }
  }
  const pending: PendingChange[] = [...pendingVersions]
    .sort()
    .map((version) => ({ action: 'engine-version', description: `modify to ${version}`, changesEngineVersion: true }));
  const shards = group.NodeGroups?.length;
  const members = group.MemberClusters?.length;
  return {
    found: true,
    ...(group.Engine || engines.size > 0 ? { engine: group.Engine ?? [...engines].sort().join(', ') } : {}),
    engineVersions: [...versions].sort(),
    ...(group.CacheNodeType ? { nodeType: group.CacheNodeType } : {}),
    ...(shards ? { shards } : {}),
    ...(shards && members !== undefined ? { replicasPerShard: members / shards - 1 } : {}),
    ...(group.AutomaticFailover ? { automaticFailover: group.AutomaticFailover === 'enabled' } : {}),
    ...(group.ConfigurationEndpoint?.Address ? { endpoint: group.ConfigurationEndpoint.Address } : {}),
    pending,
  };
}
