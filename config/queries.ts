/** Questions asked of a validated configuration: environments, their groups and topology. */
import type { EnvironmentConfig, ProjectConfig, Topology } from './schema';

export function findEnvironment(config: ProjectConfig, name: string): EnvironmentConfig | undefined {
  return config.environments.find((e) => e.name === name);
}

export function topologyOf(config: ProjectConfig, env: EnvironmentConfig): Topology {
  const topology = config.topologies[env.parityGroup];
  if (!topology)
    throw new Error(`environment \`${env.name}\` names parity group \`${env.parityGroup}\`, which config/topology.ts does not declare`);
  return topology;
}

/** The parity groups, in the order their first environment appears. */
export function parityGroups(config: ProjectConfig): { name: string; environments: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const env of config.environments) {
    groups.set(env.parityGroup, [...(groups.get(env.parityGroup) ?? []), env.name]);
  }
  return [...groups].map(([name, envs]) => ({ name, environments: envs }));
}

/** The production environment whose versions the migration gate and drift checks hold others to. */
export function productionEnvironment(config: ProjectConfig): EnvironmentConfig {
  const prod = config.environments.find((e) => e.production);
  if (!prod) throw new Error('config/environments.ts marks no environment `production: true`');
  return prod;
}
