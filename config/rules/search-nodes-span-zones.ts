import { perEnvironment, type ConfigRule } from '../rule-support';

const meta = {
  id: 'search-nodes-span-zones',
  description: "An environment's search `instanceCount` is not a multiple of its group's availability zones.",
  why:
    'OpenSearch zone awareness needs the same number of data nodes in every zone: another count is refused, or leaves a zone short ' +
    'when one fails.',
  docsUrl: 'README.md#the-configuration-model',
  defaultLevel: 'block',
} as const;

const check = perEnvironment((env, config) => {
  const topology = config.topologies[env.parityGroup];
  if (!topology) return [];
  const { instanceCount } = env.scale.search;
  const zones = topology.availabilityZones;
  return instanceCount % zones === 0
    ? []
    : [
        {
          environment: env.name,
          field: 'scale.search.instanceCount',
          expected: `a multiple of the availability zone count (${zones})`,
          found: String(instanceCount),
          fix: `set it to ${Math.max(zones, Math.round(instanceCount / zones) * zones)}`,
        },
      ];
});

const rule: ConfigRule = { meta, check };
export default rule;
