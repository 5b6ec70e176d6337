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
import type { SsmCatalogEntry } from '../config/schema';
import { PUBLISHED_KEYS, integrationEndpointKey, ssmParameterName } from '../config/ssm-keys';
import { addPropValidation, type PropRule } from './validation';

/** What a SecureString holds until the operator sets the real value. */
export const SECURE_STRING_PLACEHOLDER = 'UNSET: set out of band with aws ssm put-parameter --overwrite';

export interface ParametersProps {
  /** The application name, first segment of every key path. */
  readonly app: string;
  /** The environment name, second segment of every key path. */
  readonly environment: string;
  /** The catalog: every key with its type and description. */
  readonly catalog: readonly SsmCatalogEntry[];
  /** Values of the catalog's String keys; SecureStrings must not appear here. */
  readonly values: Readonly<Record<string, string>>;
  /** Values the platform publishes itself, by key of `PUBLISHED_KEYS`. */
  readonly published: Readonly<Record<keyof typeof PUBLISHED_KEYS, string>>;
  /** Endpoint of each external integration, by integration name. */
  readonly integrationEndpoints: Readonly<Record<string, string>>;
  /** KMS key ARN that encrypts SecureStrings. */
  readonly kmsKeyArn: string;
}

const rules: readonly PropRule<ParametersProps>[] = [
  {
    prop: 'values',
    check: (p) => {
      const secrets = p.catalog.filter((e) => e.type === 'SecureString' && p.values[e.key] !== undefined).map((e) => e.key);
      return secrets.length === 0 ? undefined : `must not hold SecureString values (${secrets.join(', ')}): set them out of band`;
    },
  },
  {
    prop: 'values',
    check: (p) => {
      const missing = p.catalog.filter((e) => e.type === 'String' && p.values[e.key] === undefined).map((e) => e.key);
      return missing.length === 0 ? undefined : `must give every String key of the catalog a value; missing ${missing.join(', ')}`;
    },
  },
];

export class Parameters extends Construct {
  /** Every parameter, by key. */
  readonly byKey: Record<string, SsmParameter> = {};

  constructor(scope: Construct, id: string, props: ParametersProps) {
    super(scope, id);
    addPropValidation(this, rules, props);
    const name = (key: string) => ssmParameterName(props.app, props.environment, key);
    for (const entry of props.catalog) {
      this.byKey[entry.key] =
        entry.type === 'SecureString'
          ? new SsmParameter(this, entry.key, {
              name: name(entry.key),
              type: 'SecureString',
              description: entry.description,
              keyId: props.kmsKeyArn,
              valueWo: SECURE_STRING_PLACEHOLDER,
              valueWoVersion: 1,
            })
          : new SsmParameter(this, entry.key, {
              name: name(entry.key),
              type: 'String',
              description: entry.description,
              value: props.values[entry.key] ?? '',
            });
    }
    const published: [string, string, string][] = [
      ...(Object.keys(PUBLISHED_KEYS) as (keyof typeof PUBLISHED_KEYS)[]).map((key): [string, string, string] => [key, PUBLISHED_KEYS[key], props.published[key]]),
      ...Object.entries(props.integrationEndpoints).map(([integration, endpoint]): [string, string, string] => [integrationEndpointKey(integration), `Endpoint of the ${integration} integration.`, endpoint]),
    ];
    for (const [key, description, value] of published) {
      this.byKey[key] = new SsmParameter(this, key, { name: name(key), type: 'String', description, value });
    }
  }
}
