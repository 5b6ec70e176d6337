import { problems, show, type ConfigProblem, type ConfigRule, type ProjectConfig } from '../rule-support';

const meta = {
  id: 'parameter-family-matches-engine',
  description: '`platform.database.parameterGroupFamily` is not `postgres` followed by the major of `engineVersion`.',
  why:
    'RDS refuses a parameter group of another family than the engine major: the apply fails after a plan that looked fine, or an ' +
    'upgrade keeps the old group.',
  docsUrl: 'README.md#the-configuration-model',
  defaultLevel: 'block',
} as const;

function problemsIn(config: ProjectConfig): ConfigProblem[] {
  const { engineVersion, parameterGroupFamily } = config.platform.database;
  const expected = `postgres${engineVersion.split('.')[0]}`;
  return parameterGroupFamily === expected
    ? []
    : [
        {
          field: 'platform.database.parameterGroupFamily',
          expected: show(expected),
          found: show(parameterGroupFamily),
          fix: 'bump the family together with `engineVersion` in config/platform.ts',
        },
      ];
}

const check = (config: ProjectConfig) => problems(problemsIn(config));

const rule: ConfigRule = { meta, check };
export default rule;
