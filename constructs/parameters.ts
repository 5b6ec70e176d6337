/**
 * The environment's SSM parameters: one per catalog key under `/{app}/{env}/{KEY}`, plus the keys
 * the platform publishes (endpoints), so applications read every setting from one place.
 *
 * A SecureString's value never appears in code, in the synthesized JSON or in state. Terraform owns
 * the key (name, type, description, KMS key) and writes a placeholder once through the write-only
 * argument `value_wo`, which Terraform never stores; the operator then sets the real value out of
 * band with `aws ssm put-parameter --overwrite` (see README, "Add an SSM key"). `value_wo_version`
 * stays at 1, so Terraform never writes the placeholder again.
 */
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Construct } from 'constructs';
import { ssmParameterName } from '../config/ssm-keys';
import { scale, type KnobDeclarations } from './knobs';

/** What a SecureString holds until the operator sets the real value. */
export const SECURE_STRING_PLACEHOLDER = 'UNSET: set out of band with aws ssm put-parameter --overwrite';

/** One key: a String with its value, or a SecureString, whose value never appears in code. */
export type ParameterEntry =
  | { readonly key: string; readonly description: string; readonly type: 'String'; readonly value: string }
  | { readonly key: string; readonly description: string; readonly type: 'SecureString' };

export interface ParametersProps {
  /** The application name, first segment of every key path. */
  readonly app: string;
  /** The environment name, second segment of every key path. */
  readonly environment: string;
  /** Every key the environment holds, with its value for Strings. */
  readonly parameters: readonly ParameterEntry[];
  /** KMS key ARN that encrypts SecureStrings. */
  readonly kmsKeyArn: string;
}

/** The props that may differ between environments, and what they set. */
export const parametersKnobs = {
  parameters: scale('aws_ssm_parameter.*.value'),
} satisfies KnobDeclarations<ParametersProps>;

export class Parameters extends Construct {
  private readonly byKey = new Map<string, SsmParameter>();

  constructor(scope: Construct, id: string, props: ParametersProps) {
    super(scope, id);
    const name = (key: string) => ssmParameterName(props.app, props.environment, key);
    for (const entry of props.parameters) {
      const common = { name: name(entry.key), type: entry.type, description: entry.description };
      this.byKey.set(
        entry.key,
        entry.type === 'SecureString'
          ? new SsmParameter(this, entry.key, { ...common, keyId: props.kmsKeyArn, valueWo: SECURE_STRING_PLACEHOLDER, valueWoVersion: 1 })
          : new SsmParameter(this, entry.key, { ...common, value: entry.value }),
      );
    }
  }

  /** The ARN of a key's parameter. */
  arnOf(key: string): string {
    const parameter = this.byKey.get(key);
    if (!parameter) throw new Error(`Parameters \`parameters\` declares no key \`${key}\``);
    return parameter.arn;
  }
}
