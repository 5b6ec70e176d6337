import { problems, type ConfigRule, type ProjectConfig } from '../rule-support';

const meta = {
  id: 'a-production-environment',
  description: 'No environment is marked `production: true`.',
  why:
    'Parity is judged against prod: without a production environment nothing says what staging must be an honest copy of, and the ' +
    'live endpoints go nowhere.',
  docsUrl: 'README.md#the-configuration-model',
  defaultLevel: 'block',
} as const;

const check = (config: ProjectConfig) =>
  problems(
    config.environments.some((env) => env.production)
      ? []
      : [
          {
            field: 'environments[].production',
            expected: 'exactly one environment group holding `production: true`',
            found: 'no production environment',
            fix: 'mark prod with `production: true` in config/environments.ts',
          },
        ],
  );

const rule: ConfigRule = { meta, check };
export default rule;
