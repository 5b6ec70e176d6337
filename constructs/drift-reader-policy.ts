/**
 * The read-only role `parity drift` assumes in an environment's account (`readOnlyRoleArn` in
 * config/environments.ts): describe calls only, never a parameter value (packages/parity/src/drift/reader-policy.ts).
 * The role trusts one principal, typically the CI role that GitHub Actions gets through OIDC.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { driftReaderPolicy, type PolicyDocument } from '@env-parity/parity/drift/reader-policy';

export interface DriftReaderPolicyProps {
  /** `config.platform.app` (`orders`). */
  readonly app: string;
  /** The environment name (`prod`). */
  readonly environment: string;
  /** The environment's account id. */
  readonly accountId: string;
  /** The environment's region. */
  readonly region: string;
  /**
   * The String keys whose values drift compares with the code (never a SecureString).
   * @default none: the role cannot read values, and drift reports the environment's SSM unreadable
   */
  readonly stringKeys?: readonly string[];
  /** The principal allowed to assume the role: the CI role's ARN (`arn:aws:iam::123456789012:role/github-drift`). */
  readonly trustedPrincipalArn: string;
  /**
   * An external id the caller must pass, when the trusted principal is in another organisation.
   * @default none
   */
  readonly externalId?: string;
  /**
   * The database `parity data check` reads with an IAM token: the instance's `resource_id` and the
   * read-only database user. Adds `rds-db:connect` for that user alone, and `ssm:GetParameter` on
   * the environment's `DATABASE_ENDPOINT` (a String: nothing to decrypt).
   * @default none: the role cannot connect to the database
   */
  readonly dataReader?: { readonly databaseResourceId: string; readonly user: string };
}

/** The statements `parity data check` needs on top of the drift policy, for `dataReader` only. */
function withDataReader(policy: PolicyDocument, props: DriftReaderPolicyProps): PolicyDocument {
  if (!props.dataReader) return policy;
  const { databaseResourceId, user } = props.dataReader;
  return {
    ...policy,
    Statement: [
      ...policy.Statement,
      {
        Sid: 'ConnectAsDataReader',
        Effect: 'Allow',
        Action: ['rds-db:connect'],
        Resource: `arn:aws:rds-db:${props.region}:${props.accountId}:dbuser:${databaseResourceId}/${user}`,
      },
      {
        Sid: 'ReadDatabaseEndpoint',
        Effect: 'Allow',
        Action: ['ssm:GetParameter'],
        Resource: `arn:aws:ssm:${props.region}:${props.accountId}:parameter/${props.app}/${props.environment}/DATABASE_ENDPOINT`,
      },
    ],
  };
}

export class DriftReaderPolicy extends Construct {
  readonly role: IamRole;
  readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: DriftReaderPolicyProps) {
    super(scope, id);
    if (!/^\d{12}$/.test(props.accountId))
      throw new Error(`DriftReaderPolicy \`accountId\`: expected a 12-digit account id, found \`${props.accountId}\``);
    if (!/^arn:aws[a-z-]*:(iam|sts)::\d{12}:/.test(props.trustedPrincipalArn)) {
      throw new Error(
        `DriftReaderPolicy \`trustedPrincipalArn\`: expected an IAM role or user ARN, found \`${props.trustedPrincipalArn}\``,
      );
    }
    this.role = new IamRole(this, 'role', {
      name: `${props.app}-${props.environment}-drift-reader`,
      description: 'Read-only: parity drift compares this environment with the code and the other environments.',
      maxSessionDuration: 3600,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: props.trustedPrincipalArn },
            Action: 'sts:AssumeRole',
            ...(props.externalId ? { Condition: { StringEquals: { 'sts:ExternalId': props.externalId } } } : {}),
          },
        ],
      }),
    });
    this.node.defaultChild = this.role;
    this.policy = new IamRolePolicy(this, 'policy', {
      name: 'parity-drift-read-only',
      role: this.role.id,
      policy: JSON.stringify(withDataReader(driftReaderPolicy(props), props)),
    });
  }
}
