import { perEnvironment, show, type ConfigRule } from '../rule-support';

const meta = {
  id: 'known-parity-group',
  description: 'An environment names a parity group that config/topology.ts does not declare.',
  why: 'The parity group gives the environment its topology (zones, replicas, failover): an undeclared group leaves it with none.',
  docsUrl: 'README.md#the-configuration-model',
  defaultLevel: 'block',
} as const;

const check = perEnvironment((env, config) =>
  config.topologies[env.parityGroup]
    ? []
    : [
        {
          environment: env.name,
          field: 'parityGroup',
          expected: `one of ${show(Object.keys(config.topologies))}`,
          found: show(env.parityGroup),
          fix: 'use a group declared in config/topology.ts, or declare the group there',
        },
      ],
);

const rule: ConfigRule = { meta, check };
export default rule;
