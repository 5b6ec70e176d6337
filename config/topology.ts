/**
 * Topology per parity group: identical for every environment of a group. Staging and prod share
 * the `production` group, so staging fails over, shards and spreads across zones exactly as prod
 * does; dev (the `development` group) may be smaller.
 */
import type { Topology } from './schema';

export const topologies: Record<string, Topology> = {
  production: {
    availabilityZones: 3,
    network: { natGateways: 'per-zone' },
    database: { multiAz: true },
    cache: { shards: 2, replicasPerShard: 1, automaticFailover: true },
    search: { dedicatedMasters: 3, zoneAwareness: true },
  },
  development: {
    availabilityZones: 2,
    network: { natGateways: 'single' },
    database: { multiAz: false },
    cache: { shards: 1, replicasPerShard: 1, automaticFailover: true },
    search: { dedicatedMasters: 0, zoneAwareness: true },
  },
};
