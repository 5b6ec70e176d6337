/**
 * Compares the live node layout and settings of each environment with config/: topology per parity
 * group (Multi-AZ, shards, replicas, dedicated masters, zone awareness), scale per environment
 * (instance classes and counts) and platform settings (no automatic minor upgrades). A value AWS
 * did not return is a mismatch (`live: null`), never a pass.
 */
import { findEnvironment, topologyOf, type ProjectConfig } from '../../../../config';
import { environmentNameNormalizer } from '../shared/environment-names';
import type { EngineService, LayoutMismatch } from './drift-report';
import type { LiveByEnvironment } from './compare-engines';
import { cacheReplicationGroupId, databaseInstanceId, searchDomainName } from './resource-names';

type Value = string | number | boolean;

export function compareLayout(config: ProjectConfig, live: LiveByEnvironment): LayoutMismatch[] {
  const normalize = environmentNameNormalizer([...live.keys()]);
  const app = config.platform.app;
  const mismatches: LayoutMismatch[] = [];
  for (const [name, reading] of live) {
    const env = findEnvironment(config, name);
    if (!env) continue;
    const topology = topologyOf(config, env);
    const check = (service: EngineService, resourceName: string) => (attribute: string, declared: Value, value: Value | undefined) => {
      if (value !== declared) mismatches.push({ service, resource: normalize(resourceName), environment: name, attribute, declared, live: value ?? null });
    };
    const { database, cache, search } = reading;
    if (database?.found) {
      const db = check('rds', databaseInstanceId(app, name));
      db('multiAz', topology.database.multiAz, database.multiAz);
      db('instanceClass', env.scale.database.instanceClass, database.instanceClass);
      db('autoMinorVersionUpgrade', config.platform.database.autoMinorVersionUpgrade, database.autoMinorVersionUpgrade);
    }
    if (cache?.found) {
      const group = check('elasticache', cacheReplicationGroupId(app, name));
      group('shards', topology.cache.shards, cache.shards);
      group('replicasPerShard', topology.cache.replicasPerShard, cache.replicasPerShard);
      group('automaticFailover', topology.cache.automaticFailover, cache.automaticFailover);
      group('nodeType', env.scale.cache.nodeType, cache.nodeType);
    }
    if (search?.found) {
      const domain = check('opensearch', searchDomainName(app, name));
      domain('instanceType', env.scale.search.instanceType, search.instanceType);
      domain('instanceCount', env.scale.search.instanceCount, search.instanceCount);
      domain('dedicatedMasters', topology.search.dedicatedMasters, search.dedicatedMasters);
      if (topology.search.dedicatedMasters > 0 && search.dedicatedMasters !== 0) domain('masterInstanceType', env.scale.search.masterInstanceType, search.masterInstanceType);
      domain('zoneAwareness', topology.search.zoneAwareness, search.zoneAwareness);
    }
  }
  return mismatches;
}
