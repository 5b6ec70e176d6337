/**
 * Publishes the stack's platform fingerprint (packages/parity/src/promote/fingerprint.ts) as the SSM String
 * parameter `/{app}/{env}/PLATFORM_FINGERPRINT` and as the stack output `platform_fingerprint`.
 * Terraform writes the parameter after every other resource of the stack (`depends_on` names
 * them all), so its value and `LastModifiedDate` change only when an apply succeeds: an apply that
 * fails half way leaves the previous fingerprint. `parity promote check` reads them in staging to
 * learn what staging really runs, and since when.
 *
 * The value is computed while the stack is synthesized, from the stack's own Terraform JSON; while
 * that JSON is being produced for the hash, this construct's two values are a placeholder, and
 * the hash leaves both blocks out anyway.
 */
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Lazy, TerraformOutput, TerraformResource, TerraformStack, dependable } from 'cdktf';
import { Construct } from 'constructs';
import { PLATFORM_FINGERPRINT_KEY, ssmParameterName } from '../config/ssm-keys';

export interface PlatformFingerprintProps {
  /** The application name, first segment of the parameter path. */
  readonly app: string;
  /** The environment name, second segment of the parameter path. */
  readonly environment: string;
  /**
   * Hashes the stack's Terraform JSON (`TerraformStack.toTerraform()`); normally
   * `platformFingerprint(json, { environment, groups, scaleKnobs, parameterKey }).value` (stacks/environment-stack.ts).
   */
  readonly compute: (terraform: unknown) => string;
}

/** What the values hold while the stack's JSON is produced for the hash (never deployed). */
const COMPUTING = 'computing';

export class PlatformFingerprint extends Construct {
  readonly parameter: SsmParameter;
  readonly output: TerraformOutput;

  constructor(scope: Construct, id: string, props: PlatformFingerprintProps) {
    super(scope, id);
    const stack = TerraformStack.of(this);
    let computing = false;
    let cached: { constructs: number; value: string } | undefined;
    const value = Lazy.stringValue({
      produce: (context) => {
        // cdktf's preparing pass only looks for cross-stack references: nothing it resolves is written.
        if (computing || context.preparing) return COMPUTING;
        // The parameter and the output resolve in the same pass: hash once while the stack is unchanged.
        const constructs = stack.node.findAll().length;
        if (cached?.constructs === constructs) return cached.value;
        computing = true;
        try {
          cached = { constructs, value: props.compute(stack.toTerraform()) };
          return cached.value;
        } finally {
          computing = false;
        }
      },
    });
    this.parameter = new SsmParameter(this, 'parameter', {
      name: ssmParameterName(props.app, props.environment, PLATFORM_FINGERPRINT_KEY),
      type: 'String',
      description: 'Platform fingerprint of the last successful apply (parity promote check reads it).',
      value,
    });
    this.parameter.overrideLogicalId('platform_fingerprint');
    // Written last: every other resource of the stack, whenever it was added, must be applied first.
    let order: { constructs: number; addresses: string[] } | undefined;
    this.parameter.dependsOn = Lazy.listValue({
      produce: () => {
        const all = stack.node.findAll();
        if (order?.constructs !== all.length) {
          const others = all.filter(
            (c): c is TerraformResource =>
              c instanceof TerraformResource && c !== this.parameter && !c.terraformResourceType.startsWith('data.'),
          );
          order = { constructs: all.length, addresses: others.map((r) => dependable(r)) };
        }
        return order.addresses;
      },
    });
    this.output = new TerraformOutput(this, 'output', {
      value,
      description: 'Platform fingerprint of this stack (@env-parity/parity/promote/fingerprint).',
    });
    this.output.overrideLogicalId('platform_fingerprint');
  }
}
