/**
 * One stack per environment: the S3 backend (a key per environment, encrypted, S3's native lock
 * file), the AWS provider with default tags and `allowed_account_ids` (so a staging config can
 * never be applied to the prod account), and the one EnvironmentPlatform construct.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Aspects, S3Backend, TerraformResource, TerraformStack, type TerraformElement } from 'cdktf';
import type { Construct, IConstruct, Node } from 'constructs';
import { PLATFORM_FINGERPRINT_KEY, declaredSsmKeys, findEnvironment, parityGroups, type ProjectConfig } from '../config';
import { DriftReaderPolicy } from '../constructs/drift-reader-policy';
import { DATA_READER_USER } from '@env-parity/parity/data/reader-user';
import { EnvironmentPlatform } from '../constructs/environment-platform';
import { PlatformFingerprint } from '../constructs/platform-fingerprint';
import { platformFingerprint } from '@env-parity/parity/promote/fingerprint';
import { hashedLogicalId } from './hashed-ids';
import { LogicalIdRegistry } from './logical-ids';
import { projectParityPolicy } from './parity-policy';

/** Set to `1` to plan without an AWS account: the provider skips every credential and account check. */
export const OFFLINE_PLAN_VARIABLE = 'ENV_PARITY_OFFLINE_PLAN';

/** Set to `1` for the one apply that moves a deployed environment's state from the hashed ids (docs/readable-addresses.md). */
export const MOVE_FROM_HASHED_IDS_VARIABLE = 'ENV_PARITY_MOVE_FROM_HASHED_IDS';

export interface EnvironmentStackProps {
  /** The validated project configuration. */
  readonly config: ProjectConfig;
  /** The environment this stack deploys. */
  readonly environment: string;
  /**
   * Configure the provider for plans with no AWS account (dummy keys, no credential, account or
   * metadata checks). Never for `cdktf deploy`.
   * @default process.env.ENV_PARITY_OFFLINE_PLAN === '1'
   */
  readonly offlinePlan?: boolean;
  /**
   * Add a `moved` block from each resource's old hashed address (`aws_db_instance.platform_database_instance_2B7B8E03`)
   * to its readable one (`aws_db_instance.database`), for environments deployed before readable ids.
   * @default process.env.ENV_PARITY_MOVE_FROM_HASHED_IDS === '1'
   */
  readonly moveFromHashedIds?: boolean;
}

export class EnvironmentStack extends TerraformStack {
  readonly platform: EnvironmentPlatform;
  private readonly logicalIds = new LogicalIdRegistry(this);

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id);
    const offlinePlan = props.offlinePlan ?? process.env[OFFLINE_PLAN_VARIABLE] === '1';
    const { config } = props;
    const env = findEnvironment(config, props.environment);
    if (!env) throw new Error(`\`environment\` must name an environment of config/environments.ts, got \`${props.environment}\``);

    new S3Backend(this, {
      bucket: config.backend.bucket,
      region: config.backend.region,
      key: `${config.backend.keyPrefix}/${env.name}/terraform.tfstate`,
      encrypt: true,
    });
    this.addOverride('terraform.backend.s3.use_lockfile', true);

    new AwsProvider(this, 'aws', {
      region: env.region,
      // With no account to ask, the provider cannot check the account id, so offline plans omit it.
      allowedAccountIds: offlinePlan ? undefined : [env.accountId],
      defaultTags: [
        { tags: { environment: env.name, 'parity-group': env.parityGroup, 'managed-by': 'env-parity', application: config.platform.app } },
      ],
      ...(offlinePlan
        ? {
            skipCredentialsValidation: true,
            skipRequestingAccountId: true,
            skipMetadataApiCheck: 'true',
            accessKey: 'offline-plan',
            secretKey: 'offline-plan',
          }
        : {}),
    });
    this.platform = new EnvironmentPlatform(this, 'platform', { config, environment: env.name });
    // The read-only role `parity drift` assumes in this account (its ARN is `readOnlyRoleArn`).
    new DriftReaderPolicy(this, 'drift-reader', {
      app: config.platform.app,
      environment: env.name,
      accountId: env.accountId,
      region: env.region,
      trustedPrincipalArn: config.automation.ciRoleArn,
      stringKeys: declaredSsmKeys(config.platform)
        .filter((k) => k.type === 'String')
        .map((k) => k.key),
      dataReader: { databaseResourceId: this.platform.database.resourceId, user: DATA_READER_USER },
    });
    // Last: the fingerprint hashes everything above (`parity promote check`).
    new PlatformFingerprint(this, 'platform-fingerprint', {
      app: config.platform.app,
      environment: env.name,
      compute: (terraform) => {
        return platformFingerprint(terraform, {
          environment: env.name,
          groups: parityGroups(config),
          scaleKnobs: projectParityPolicy(config).scaleKnobs,
          parameterKey: PLATFORM_FINGERPRINT_KEY,
        }).value;
      },
    });
    if (props.moveFromHashedIds ?? process.env[MOVE_FROM_HASHED_IDS_VARIABLE] === '1') {
      // An aspect runs at synth, so resources added after the constructor are moved too.
      Aspects.of(this).add({
        visit: (node: IConstruct) => {
          if (!TerraformResource.isTerraformResource(node)) return;
          const from = hashedLogicalId(this, node);
          if (from !== node.friendlyUniqueId) node.moveFromId(`${node.terraformResourceType}.${from}`);
        },
      });
    }
  }

  /** Readable ids from the construct path (stacks/logical-ids.ts) instead of cdktf's hashed ones. */
  protected override allocateLogicalId(element: TerraformElement | Node): string {
    return this.logicalIds.allocate(element);
  }
}
