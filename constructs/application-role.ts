/**
 * The IAM role application workloads run as: it reads the environment's SSM parameters (and
 * decrypts SecureStrings with the environment's key) and nothing else of the platform's.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Construct } from 'constructs';

export interface ApplicationRoleProps {
  /** Base name of the environment's resources (`orders-prod`); the role is `{name}-application`. */
  readonly name: string;
  /** The SSM path prefix the application reads (`/orders/prod/`). */
  readonly parameterPath: string;
  /** KMS key ARN that encrypts the SecureStrings. */
  readonly kmsKeyArn: string;
  /** The region and account of the parameters: the role reads this environment's, nowhere else. */
  readonly region: string;
  readonly accountId: string;
  /**
   * The AWS service that runs the application and assumes the role.
   * @default 'ecs-tasks.amazonaws.com'
   */
  readonly servicePrincipal?: string;
}

export class ApplicationRole extends Construct {
  /** The role's ARN. */
  readonly roleArn: string;
  private readonly role: IamRole;

  constructor(scope: Construct, id: string, props: ApplicationRoleProps) {
    super(scope, id);
    const servicePrincipal = props.servicePrincipal ?? 'ecs-tasks.amazonaws.com';
    this.role = new IamRole(this, 'role', {
      name: `${props.name}-application`,
      description: `${props.name}: application workloads`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: servicePrincipal }, Action: 'sts:AssumeRole' }],
      }),
      inlinePolicy: [
        {
          name: 'read-parameters',
          policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
                Resource: `arn:aws:ssm:${props.region}:${props.accountId}:parameter${props.parameterPath}*`,
              },
              { Effect: 'Allow', Action: 'kms:Decrypt', Resource: props.kmsKeyArn },
            ],
          }),
        },
      ],
    });
    this.node.defaultChild = this.role;
    this.roleArn = this.role.arn;
  }
}
