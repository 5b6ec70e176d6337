/**
 * Cross-field rules over a configuration that already has the right shape. Each rule is a pure
 * function returning every problem it finds; `validateRules` runs them all, so one run reports
 * everything that is wrong.
 */
import type { ConfigProblem } from './problems';
import { show } from './problems';
import type { EnvironmentConfig, ProjectConfig } from './schema';

export type ConfigRule = (config: ProjectConfig) => ConfigProblem[];

const perEnvironment =
  (check: (env: EnvironmentConfig, config: ProjectConfig) => ConfigProblem[]): ConfigRule =>
  (config) =>
    config.environments.flatMap((env) => check(env, config));

const uniqueNames: ConfigRule = (config) => {
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
};

const aProductionEnvironment: ConfigRule = (config) =>
  config.environments.some((env) => env.production)
    ? []
    : [
        {
          field: 'environments[].production',
          expected: 'exactly one environment group holding `production: true`',
          found: 'no production environment',
          fix: 'mark prod with `production: true` in config/environments.ts',
        },
      ];

const productionShareAGroup: ConfigRule = (config) => {
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
};

const knownParityGroup = perEnvironment((env, config) =>
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

const familyMatchesEngine: ConfigRule = (config) => {
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
};

const storageCeiling = perEnvironment((env) => {
  const { allocatedStorageGb, maxAllocatedStorageGb } = env.scale.database;
  return maxAllocatedStorageGb >= allocatedStorageGb
    ? []
    : [
        {
          environment: env.name,
          field: 'scale.database.maxAllocatedStorageGb',
          expected: `at least \`allocatedStorageGb\` (${allocatedStorageGb})`,
          found: String(maxAllocatedStorageGb),
          fix: 'raise `maxAllocatedStorageGb` or lower `allocatedStorageGb`',
        },
      ];
});

const searchNodesSpanZones = perEnvironment((env, config) => {
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

const ssmValuesMatchCatalog = perEnvironment((env, config) => {
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
        fix: `remove it, and set it with \`aws ssm put-parameter --overwrite --type SecureString --name ` +
            `/${config.platform.app}/${env.name}/${entry.key}\``,
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

const thresholdsMatchAlarms = perEnvironment((env, config) => {
  const ids = new Set(config.platform.alarms.map((a) => a.id));
  const thresholds = env.scale.alarms.thresholds;
  return [
    ...[...ids]
      .filter((id) => thresholds[id] === undefined)
      .map((id) => ({
        environment: env.name,
        field: `scale.alarms.thresholds.${id}`,
        expected: 'a threshold for every alarm of the platform',
        found: 'nothing',
        fix: `add \`'${id}'\` to this environment's thresholds`,
      })),
    ...Object.keys(thresholds)
      .filter((id) => !ids.has(id))
      .map((id) => ({
        environment: env.name,
        field: `scale.alarms.thresholds.${id}`,
        expected: 'an alarm id declared in config/platform.ts',
        found: `unknown alarm ${show(id)}`,
        fix: 'declare the alarm in `alarms` in config/platform.ts so every environment gets it, or remove the threshold',
      })),
  ];
});

// The service-linked role is one per account: two stacks creating it in one account fail the second apply.
const oneServiceLinkedRolePerAccount: ConfigRule = (config) => {
  const creator = new Map<string, string>();
  return config.environments.flatMap((env) => {
    if (env.searchServiceLinkedRole !== 'create') return [];
    const first = creator.get(env.accountId);
    if (first === undefined) {
      creator.set(env.accountId, env.name);
      return [];
    }
    return [
      {
        environment: env.name,
        field: 'searchServiceLinkedRole',
        expected: `\`exists\`: environment \`${first}\` creates the role in account ${env.accountId}`,
        found: '`create`',
        fix: "set `searchServiceLinkedRole: 'exists'` for every other environment of that account",
      },
    ];
  });
};

/** Endpoints that are stubs or mocks: never acceptable, in any environment. */
export function stubEndpointReason(endpoint: string): string | undefined {
  let host: string;
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    return 'not a URL';
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return 'a localhost endpoint';
  if (/\.(mock|local|test|internal|invalid)$/.test(host) || host.includes('mock')) return 'a mock endpoint';
  const v4 = host.match(/^(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if (a === 10 || a === 127 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || a === 0)
      return 'a private IP address';
    return 'a bare IP address';
  }
  if (host.startsWith('[')) return 'a bare IP address';
  return undefined;
}

const integrationsUseTheRightEndpoint = perEnvironment((env, config) => {
  const problems: ConfigProblem[] = [];
  const declared = new Map(config.platform.integrations.map((i) => [i.name, i]));
  for (const integration of config.platform.integrations) {
    const endpoint = env.integrations[integration.name];
    const field = `integrations.${integration.name}`;
    const wanted = env.production ? integration.liveEndpoint : integration.sandboxEndpoint;
    const kind = env.production ? 'live' : 'sandbox';
    if (endpoint === undefined) {
      problems.push({
        environment: env.name,
        field,
        expected: `the provider's ${kind} endpoint ${show(wanted)}`,
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
        expected: `the provider's ${kind} endpoint ${show(wanted)}`,
        found: `${stub} ${show(endpoint)}`,
        fix: `stubs and mocks hide integration bugs until prod; use ${show(wanted)}`,
      });
    } else if (endpoint !== wanted) {
      problems.push({
        environment: env.name,
        field,
        expected: `the provider's ${kind} endpoint ${show(wanted)}`,
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

const platformEndpointsAreReal: ConfigRule = (config) =>
  config.platform.integrations.flatMap((integration) =>
    (['sandboxEndpoint', 'liveEndpoint'] as const).flatMap((key) => {
      const stub = stubEndpointReason(integration[key]);
      return stub
        ? [
            {
              field: `platform.integrations.${integration.name}.${key}`,
              expected: "the provider's real endpoint",
              found: `${stub} ${show(integration[key])}`,
              fix: 'use the URL the provider publishes',
            },
          ]
        : [];
    }),
  );

/** Every cross-field rule, in the order their problems are reported. */
export const configRules: readonly ConfigRule[] = [
  uniqueNames,
  aProductionEnvironment,
  productionShareAGroup,
  knownParityGroup,
  familyMatchesEngine,
  storageCeiling,
  searchNodesSpanZones,
  ssmValuesMatchCatalog,
  thresholdsMatchAlarms,
  oneServiceLinkedRolePerAccount,
  platformEndpointsAreReal,
  integrationsUseTheRightEndpoint,
];

export function validateRules(config: ProjectConfig): ConfigProblem[] {
  return configRules.flatMap((rule) => rule(config));
}
