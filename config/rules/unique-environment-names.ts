import { problems, show, type ConfigProblem, type ConfigRule, type ProjectConfig } from '../rule-support';

const meta = {
  id: 'unique-environment-names',
  description: 'Two environments share a name.',
  why:
    'Stacks, state keys, SSM paths and resource names derive from the environment name: two environments of one name would deploy ' +
    'over each other.',
  docsUrl: 'README.md#the-configuration-model',
  defaultLevel: 'block',
} as const;

function problemsIn(config: ProjectConfig): ConfigProblem[] {
  const seen = new Set<string>();
  return config.environments.flatMap((env) => {
    if (!seen.has(env.name)) {
      seen.add(env.name);
      return [];
    }
    return [
      {
        environment: env.name,
        field: 'name',
        expected: 'a name used by one environment only',
        found: `a second environment named ${show(env.name)}`,
        fix: 'rename or remove one of them in config/environments.ts',
      },
    ];
  });
}

const check = (config: ProjectConfig) => problems(problemsIn(config));

const rule: ConfigRule = { meta, check };
export default rule;
