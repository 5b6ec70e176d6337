import { loadProjectConfig } from '../../config';
import { ENVIRONMENTS, synthEnvironment } from '../helpers/synth';
import { Testing } from 'cdktf';
import { EnvironmentStack } from '../../stacks/environment-stack';

const config = loadProjectConfig();

describe.each(ENVIRONMENTS)('stack %s', (name) => {
  const json = synthEnvironment(name);
  const env = config.environments.find((e) => e.name === name)!;

  test('matches its snapshot', () => {
    expect(json).toMatchSnapshot();
  });

  test('stores state in S3 under its own key, encrypted, with the native lock file', () => {
    expect(json.terraform.backend).toEqual({
      s3: {
        bucket: 'orders-terraform-state',
        region: 'eu-west-1',
        key: `env-parity/${name}/terraform.tfstate`,
        encrypt: true,
        use_lockfile: true,
      },
    });
  });

  test('its provider can only ever apply to its own account, and tags everything', () => {
    const [provider] = json.provider.aws!;
    expect(provider!.allowed_account_ids).toEqual([env.accountId]);
    expect(provider!.region).toBe(env.region);
    expect(provider!.default_tags).toEqual([
      { tags: { environment: name, 'parity-group': env.parityGroup, 'managed-by': 'env-parity', application: 'orders' } },
    ]);
    expect(provider).not.toHaveProperty('access_key');
    expect(provider).not.toHaveProperty('skip_credentials_validation');
  });

  test('pins the AWS provider built for @cdktf/provider-aws 20.1.0', () => {
    expect(json.terraform.required_providers.aws).toEqual({ source: 'aws', version: '5.100.0' });
  });
});

test('an offline plan stack skips every account check and carries dummy keys only', () => {
  const stack = new EnvironmentStack(Testing.app(), 'staging', { config, environment: 'staging', offlinePlan: true });
  const [provider] = JSON.parse(Testing.synth(stack)).provider.aws;
  expect(provider).toMatchObject({
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: 'true',
    access_key: 'offline-plan',
    secret_key: 'offline-plan',
  });
  expect(provider).not.toHaveProperty('allowed_account_ids');
});

test('an unknown environment is refused with the names it could be', () => {
  expect(() => new EnvironmentStack(Testing.app(), 'qa', { config, environment: 'qa' })).toThrow(
    '`environment` must name an environment of config/environments.ts, got `qa`',
  );
});

test('adding an environment is one config entry', () => {
  const qa = { ...structuredClone(config.environments[1]!), name: 'qa', accountId: '444444444444', network: { vpcCidr: '10.40.0.0/16' } };
  const extended = { ...config, environments: [...config.environments, qa] };
  const json = JSON.parse(Testing.synth(new EnvironmentStack(Testing.app(), 'qa', { config: extended, environment: 'qa' })));
  expect(json.resource.aws_db_instance[Object.keys(json.resource.aws_db_instance)[0]!].identifier).toBe('orders-qa');
  expect(json.terraform.backend.s3.key).toBe('env-parity/qa/terraform.tfstate');
});
