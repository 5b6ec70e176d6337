import { perEnvironment, show, type ConfigProblem, type ConfigRule } from '../rule-support';
import { ssmParameterName } from '../ssm-keys';

const meta = {
  id: 'ssm-values-match-catalog',
  description:
    'An environment lacks a value for a String key of the SSM catalog, sets a SecureString in code, or sets a key the catalog does not ' +
    'declare.',
  why:
    'The application reads every catalog key at start (a missing one fails it), a secret written in code is a leaked secret, and a ' +
    'key only one environment has is drift by design.',
  docsUrl: 'README.md#the-configuration-model',
  defaultLevel: 'block',
} as const;

const check = perEnvironment((env, config) => {
  const problems: ConfigProblem[] = [];
  const catalog = new Map(config.platform.ssmCatalog.map((e) => [e.key, e]));
  for (const entry of config.platform.ssmCatalog) {
    const value = env.ssmValues[entry.key];
    if (entry.type === 'String' && value === undefined) {
      problems.push({
        environment: env.name,
        field: `ssmValues.${entry.key}`,
        expected: 'a value for every String key of the catalog',
        found: 'nothing',
        fix: `add \`${entry.key}\` to this environment's \`ssmValues\``,
      });
    }
    if (entry.type === 'SecureString' && value !== undefined) {
      problems.push({
        environment: env.name,
        field: `ssmValues.${entry.key}`,
        expected: 'no value: a SecureString is set out of band, never in code',
        found: 'a value',
        fix:
          `remove it, and set it with \`aws ssm put-parameter --overwrite --type SecureString --name ` +
          `${ssmParameterName(config.platform.app, env.name, entry.key)}\``,
      });
    }
  }
  for (const key of Object.keys(env.ssmValues)) {
    if (!catalog.has(key)) {
      problems.push({
        environment: env.name,
        field: `ssmValues.${key}`,
        expected: 'a key declared in the SSM catalog',
        found: `undeclared key ${show(key)}`,
        fix: 'declare it in `ssmCatalog` in config/platform.ts so every environment gets it, not per environment',
      });
    }
  }
  return problems;
});

const rule: ConfigRule = { meta, check };
export default rule;
