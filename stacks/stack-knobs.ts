/**
 * The knobs the environment stack itself binds (its provider and backend), apart from the stack so
 * that stacks/parity-policy.ts can read them without importing the stack that uses the policy.
 */
import { bindKnobs, scale } from '../constructs/knobs';

/** What the stack itself sets per environment: the provider's account and region, the state key. */
export const STACK_KNOBS = bindKnobs(
  'EnvironmentStack',
  {
    accountId: scale('provider.aws.allowed_account_ids'),
    region: scale('provider.aws.region'),
    stateKey: scale('terraform.backend.s3.key'),
    // Written after every other resource: its list follows what each environment has; its value is the hash.
    fingerprint: scale('aws_ssm_parameter.platform_fingerprint.depends_on', 'output.platform_fingerprint.value'),
  },
  { accountId: 'accountId', region: 'region', stateKey: 'name', fingerprint: 'name' },
);
