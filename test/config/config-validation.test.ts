import { ConfigError, formatProblem, loadProjectConfig, rawProjectConfig, validateProjectConfig } from '../../config';

/** A deep copy of the real configuration to inject mistakes into. */
function draft(): any {
  return structuredClone(rawProjectConfig);
}

function problemsOf(input: unknown): string[] {
  try {
    validateProjectConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map(formatProblem);
    throw error;
  }
  return [];
}

const env = (config: any, name: string) => config.environments.find((e: any) => e.name === name);

describe('project configuration', () => {
  test('the real configuration is valid', () => {
    expect(() => loadProjectConfig()).not.toThrow();
    expect(loadProjectConfig().environments.map((e) => e.name)).toEqual(['dev', 'staging', 'prod']);
  });

  test('a platform invariant written per environment is rejected with where to put it', () => {
    const config = draft();
    env(config, 'staging').engineVersion = '13.4';
    expect(problemsOf(config)).toEqual([
      'environment `staging`, `engineVersion`: expected no such field, found unknown key `engineVersion`. Fix: it is a platform ' +
        'invariant: set it in config/platform.ts, not per environment',
    ]);
  });

  test('topology written per environment is rejected with where to put it', () => {
    const config = draft();
    env(config, 'prod').scale.database.multiAz = true;
    expect(problemsOf(config)).toEqual([
      'environment `prod`, `scale.database.multiAz`: expected no such field, found unknown key `multiAz`. Fix: it is topology: set ' +
        'it for the parity group in config/topology.ts, not per environment',
    ]);
  });

  test('every problem is reported at once', () => {
    const config = draft();
    env(config, 'dev').scale.database.instanceClass = 'large';
    env(config, 'staging').accountId = '42';
    env(config, 'prod').shards = 3;
    const problems = problemsOf(config);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^environment `dev`, `scale.database.instanceClass`: expected .*found `large`/);
    expect(problems[1]).toBe(
      'environment `staging`, `accountId`: expected a 12-digit AWS account id, found `42`. Fix: correct it in config/environments.ts',
    );
    expect(problems[2]).toContain('environment `prod`, `shards`: expected no such field, found unknown key `shards`. Fix: it is topology');
  });

  test('auto minor version upgrades cannot be switched on', () => {
    const config = draft();
    config.platform.database.autoMinorVersionUpgrade = true;
    expect(problemsOf(config)).toEqual([
      '`platform.database.autoMinorVersionUpgrade`: expected false, found `true`. Fix: correct it in config/platform.ts',
    ]);
  });

  test('a secret value in code is rejected', () => {
    const config = draft();
    env(config, 'prod').ssmValues.PAYMENTS_API_KEY = 'sk_live_123';
    expect(problemsOf(config)).toEqual([
      'environment `prod`, `ssmValues.PAYMENTS_API_KEY`: expected no value: a SecureString is set out of band, never in code, found ' +
        'a value. Fix: remove it, and set it with `aws ssm put-parameter --overwrite --type SecureString --name ' +
        '/orders/prod/PAYMENTS_API_KEY`',
    ]);
  });

  test('a key in one environment only is rejected, and a missing one too', () => {
    const config = draft();
    env(config, 'prod').ssmValues.NEW_CHECKOUT = 'on';
    delete env(config, 'staging').ssmValues.LOG_LEVEL;
    expect(problemsOf(config)).toEqual([
      'environment `staging`, `ssmValues.LOG_LEVEL`: expected a value for every String key of the catalog, found nothing. Fix: add ' +
        "`LOG_LEVEL` to this environment's `ssmValues`",
      'environment `prod`, `ssmValues.NEW_CHECKOUT`: expected a key declared in the SSM catalog, found undeclared key ' +
        '`NEW_CHECKOUT`. Fix: declare it in `ssmCatalog` in config/platform.ts so every environment gets it, not per environment',
    ]);
  });

  test.each([
    [
      'staging',
      'https://api.payments.example.com/v2',
      "expected the provider's sandbox endpoint `https://sandbox.payments.example.com/v2`, found " +
        '`https://api.payments.example.com/v2`. Fix: environments other than prod must call the sandbox endpoint',
    ],
    [
      'prod',
      'https://sandbox.payments.example.com/v2',
      "expected the provider's live endpoint `https://api.payments.example.com/v2`, found `https://sandbox.payments.example.com/v2`. " +
        'Fix: prod must call the live endpoint',
    ],
    [
      'dev',
      'http://localhost:4010/v2',
      "expected the provider's sandbox endpoint `https://sandbox.payments.example.com/v2`, found a localhost endpoint " +
        '`http://localhost:4010/v2`. Fix: stubs and mocks hide integration bugs until prod; use `https://sandbox.payments.example.com/v2`',
    ],
    ['staging', 'https://payments.mock/v2', 'found a mock endpoint `https://payments.mock/v2`'],
    ['staging', 'http://10.0.4.12/v2', 'found a private IP address `http://10.0.4.12/v2`'],
  ])('integration endpoint of %s set to %s is rejected', (name, endpoint, message) => {
    const config = draft();
    env(config, name).integrations.payments = endpoint;
    const problems = problemsOf(config);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`environment \`${name}\`, \`integrations.payments\`: `);
    expect(problems[0]).toContain(message);
  });

  test('search data nodes must be a multiple of the zone count', () => {
    const config = draft();
    env(config, 'prod').scale.search.instanceCount = 4;
    expect(problemsOf(config)).toEqual([
      'environment `prod`, `scale.search.instanceCount`: expected a multiple of the availability zone count (3), found 4. Fix: set it to 3',
    ]);
  });

  test('the parameter group family follows the engine version', () => {
    const config = draft();
    config.platform.database.engineVersion = '17.2';
    expect(problemsOf(config)).toEqual([
      '`platform.database.parameterGroupFamily`: expected `postgres17`, found `postgres16`. Fix: bump the family together with ' +
        '`engineVersion` in config/platform.ts',
    ]);
  });

  test('an environment must name a declared parity group', () => {
    const config = draft();
    env(config, 'staging').parityGroup = 'preprod';
    expect(problemsOf(config)).toEqual([
      'environment `staging`, `parityGroup`: expected one of `["production","development"]`, found `preprod`. Fix: use a group ' +
        'declared in config/topology.ts, or declare the group there',
    ]);
  });

  test('every alarm needs a threshold in every environment', () => {
    const config = draft();
    delete env(config, 'dev').scale.alarms.thresholds['db-cpu'];
    expect(problemsOf(config)).toEqual([
      'environment `dev`, `scale.alarms.thresholds.db-cpu`: expected a threshold for every alarm of the platform, found nothing. ' +
        "Fix: add `'db-cpu'` to this environment's thresholds",
    ]);
  });

  test("OpenSearch's service-linked role is created once per account", () => {
    const config = draft();
    env(config, 'staging').accountId = env(config, 'dev').accountId;
    expect(problemsOf(config)).toEqual([
      'environment `staging`, `searchServiceLinkedRole`: expected `exists`: environment `dev` creates the role in account ' +
        "111111111111, found `create`. Fix: set `searchServiceLinkedRole: 'exists'` for every other environment of that account",
    ]);
  });

  test('log retention is a value CloudWatch Logs accepts', () => {
    const config = draft();
    env(config, 'dev').scale.search.logRetentionDays = 10;
    const problems = problemsOf(config);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      new RegExp(
        /^environment `dev`, `scale.search.logRetentionDays`: expected one of the retentions CloudWatch Logs accepts \(1, /.source +
          /3, 5, 7, 14, .*\), found `10`/.source,
      ),
    );
  });

  test('the thrown error lists every problem in its message', () => {
    const config = draft();
    env(config, 'dev').region = 'mars';
    env(config, 'prod').accountId = 'x';
    expect(() => validateProjectConfig(config)).toThrow(/^config\/ has 2 problems:\n {2}- environment `dev`, `region`/);
  });
});
