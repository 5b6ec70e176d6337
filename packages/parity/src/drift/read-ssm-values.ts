/**
 * Reads the values of named SSM String parameters with `GetParameters` (10 names per call, the
 * API's limit), never decrypting: the caller names String keys only, and a parameter that turns
 * out to be a SecureString is skipped, its value never kept.
 */
import { GetParametersCommand, type SSMClient } from '@aws-sdk/client-ssm';

/** The most names GetParameters accepts in one call (AWS API reference: Names, 1–10 items). */
export const GET_PARAMETERS_BATCH = 10;

export interface LiveParameter {
  readonly value: string;
  /** When the parameter was last written (`LastModifiedDate`), when AWS says. */
  readonly lastModified?: Date;
}

/** Full name → value, for every named parameter that exists and is a `String`. */
export async function readSsmValues(client: SSMClient, names: readonly string[]): Promise<Map<string, LiveParameter>> {
  const values = new Map<string, LiveParameter>();
  for (let i = 0; i < names.length; i += GET_PARAMETERS_BATCH) {
    const batch = names.slice(i, i + GET_PARAMETERS_BATCH);
    const { Parameters } = await client.send(new GetParametersCommand({ Names: batch, WithDecryption: false }));
    for (const p of Parameters ?? []) {
      if (p.Name && p.Type === 'String' && p.Value !== undefined)
        values.set(p.Name, { value: p.Value, ...(p.LastModifiedDate ? { lastModified: p.LastModifiedDate } : {}) });
    }
  }
  return values;
}
