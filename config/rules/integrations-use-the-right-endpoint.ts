import { perEnvironment, show, stubEndpointReason, type ConfigProblem, type ConfigRule } from '../rule-support';

const meta = {
  id: 'integrations-use-the-right-endpoint',
  description:
    "An environment does not call the provider's sandbox (prod: live) endpoint for every declared integration, calls a stub or mock, or " +
    'names an undeclared integration.',
  why:
    'Staging must call the real sandbox and prod the live endpoint: a stub hides integration bugs until prod, and a non-prod ' +
    'environment on the live endpoint moves real money.',
  docsUrl: 'README.md#the-configuration-model',
  defaultLevel: 'block',
} as const;

const check = perEnvironment((env, config) => {
  const problems: ConfigProblem[] = [];
  const declared = new Map(config.platform.integrations.map((i) => [i.name, i]));
  for (const integration of config.platform.integrations) {
    const endpoint = env.integrations[integration.name];
    const field = `integrations.${integration.name}`;
    const wanted = env.production ? integration.liveEndpoint : integration.sandboxEndpoint;
    const expected = `the provider's ${env.production ? 'live' : 'sandbox'} endpoint ${show(wanted)}`;
    if (endpoint === undefined) {
      problems.push({
        environment: env.name,
        field,
        expected,
        found: 'nothing',
        fix: `add \`'${integration.name}': '${wanted}'\` to this environment's integrations`,
      });
      continue;
    }
    const stub = stubEndpointReason(endpoint);
    if (stub) {
      problems.push({
        environment: env.name,
        field,
        expected,
        found: `${stub} ${show(endpoint)}`,
        fix: `stubs and mocks hide integration bugs until prod; use ${show(wanted)}`,
      });
    } else if (endpoint !== wanted) {
      problems.push({
        environment: env.name,
        field,
        expected,
        found: show(endpoint),
        fix: env.production ? 'prod must call the live endpoint' : 'environments other than prod must call the sandbox endpoint',
      });
    }
  }
  for (const name of Object.keys(env.integrations)) {
    if (!declared.has(name)) {
      problems.push({
        environment: env.name,
        field: `integrations.${name}`,
        expected: 'an integration declared in config/platform.ts',
        found: `undeclared integration ${show(name)}`,
        fix: 'declare it in `integrations` in config/platform.ts so every environment gets it',
      });
    }
  }
  return problems;
});

const rule: ConfigRule = { meta, check };
export default rule;
