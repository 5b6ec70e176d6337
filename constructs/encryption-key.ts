/** The environment's customer-managed KMS key: database, cache, search, SNS and SecureStrings use it. */
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';

export interface EncryptionKeyProps {
  /** Base name of the environment's resources (`orders-prod`); the alias is `alias/{name}`. */
  readonly name: string;
  /** The AWS account that owns the key; its root principal administers it. */
  readonly accountId: string;
  /** The key's region: CloudWatch Logs of this region may use it for this account's log groups. */
  readonly region: string;
  /**
   * Days AWS waits before deleting the key once it is scheduled for deletion.
   * @default 30
   */
  readonly deletionWindowDays?: number;
}

export class EncryptionKey extends Construct {
  /** The key's ARN. */
  readonly keyArn: string;
  private readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: EncryptionKeyProps) {
    super(scope, id);
    const deletionWindowDays = props.deletionWindowDays ?? 30;
    this.key = new KmsKey(this, 'key', {
      description: `${props.name}: data stores, parameters and alarm notifications`,
      enableKeyRotation: true,
      deletionWindowInDays: deletionWindowDays,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AccountAdministers',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
            Action: 'kms:*',
            Resource: '*',
          },
          {
            Sid: 'CloudWatchAlarmsPublishToEncryptedTopic',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
          },
          {
            Sid: 'CloudWatchLogsEncryptsThisAccountsLogGroups',
            Effect: 'Allow',
            Principal: { Service: `logs.${props.region}.amazonaws.com` },
            Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
            Resource: '*',
            Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${props.region}:${props.accountId}:log-group:*` } },
          },
        ],
      }),
    });
    this.node.defaultChild = this.key;
    new KmsAlias(this, 'alias', { name: `alias/${props.name}`, targetKeyId: this.key.keyId });
    this.keyArn = this.key.arn;
  }
}
