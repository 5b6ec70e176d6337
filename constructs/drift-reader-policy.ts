/**
 * The read-only role `parity drift` assumes in an environment's account (`readOnlyRoleArn` in
 * config/environments.ts): describe calls only, never a parameter value (tools/drift/reader-policy.ts).
 * The role trusts one principal, typically the CI role that GitHub Actions gets through OIDC.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { driftReaderPolicy } from '../tools/drift/reader-policy';

export interface DriftReaderPolicyProps {
  /** `config.platform.app` (`orders`). */
  readonly app: string;
  /** The environment name (`prod`). */
  readonly environment: string;
  /** The environment's account id. */
  readonly accountId: string;
  /** The environment's region. */
  readonly region: string;
  /** The principal allowed to assume the role: the CI role's ARN (`arn:aws:iam::123456789012:role/github-drift`). */
  readonly trustedPrincipalArn: string;
  /**
   * An external id the caller must pass, when the trusted principal is in another organisation.
   * @default none
   */
  readonly externalId?: string;
}

export class DriftReaderPolicy extends Construct {
  readonly role: IamRole;
  readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: DriftReaderPolicyProps) {
    super(scope, id);
    if (!/^\d{12}$/.test(props.accountId)) throw new Error(`DriftReaderPolicy \`accountId\`: expected a 12-digit account id, found \`${props.accountId}\``);
    if (!/^arn:aws[a-z-]*:(iam|sts)::\d{12}:/.test(props.trustedPrincipalArn)) {
      throw new Error(`DriftReaderPolicy \`trustedPrincipalArn\`: expected an IAM role or user ARN, found \`${props.trustedPrincipalArn}\``);
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
      policy: JSON.stringify(driftReaderPolicy(props)),
    });
  }
}
