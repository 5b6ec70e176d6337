import { problems, show, type ConfigProblem, type ConfigRule, type ProjectConfig } from '../rule-support';

const meta = {
  id: 'production-in-one-group',
  description: 'The production environments are in more than one parity group.',
  why:
    'Production environments share one topology; split across groups, a prod would be compared with nothing and could drift from the ' +
    'other unseen.',
  docsUrl: 'README.md#the-configuration-model',
  defaultLevel: 'block',
} as const;

function problemsIn(config: ProjectConfig): ConfigProblem[] {
  const groups = new Set(config.environments.filter((e) => e.production).map((e) => e.parityGroup));
  return groups.size <= 1
    ? []
    : [
        {
          field: 'environments[].parityGroup',
          expected: 'all production environments in one parity group',
          found: `production environments in groups ${show([...groups])}`,
          fix: 'put every production environment in the same `parityGroup` in config/environments.ts',
        },
      ];
}

const check = (config: ProjectConfig) => problems(problemsIn(config));

const rule: ConfigRule = { meta, check };
export default rule;
