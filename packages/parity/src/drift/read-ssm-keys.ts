/**
 * Lists every SSM parameter under an environment's path, recursively, without values.
 *
 * `DescribeParameters` with the `Path`/`Recursive` filter returns up to 50 parameters per call and
 * never returns a value; `GetParametersByPath` returns at most 10 per call and returns values
 * (SecureStrings as ciphertext when not decrypted). For 10,000 keys that is 200 calls instead of
 * 1,000, and nothing secret travels (docs/drift.md, docs/benchmarks/drift.md).
 */
import { paginateDescribeParameters, type SSMClient } from '@aws-sdk/client-ssm';
import type { LiveSsmKey } from './live-state';

/** The largest page DescribeParameters accepts (AWS API reference: MaxResults 1–50). */
export const DESCRIBE_PARAMETERS_PAGE_SIZE = 50;

export async function readSsmKeys(client: SSMClient, path: string): Promise<LiveSsmKey[]> {
  const prefix = `${path}/`;
  const keys: LiveSsmKey[] = [];
  const pages = paginateDescribeParameters(
    { client, pageSize: DESCRIBE_PARAMETERS_PAGE_SIZE },
    { ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: [path] }] },
  );
  for await (const page of pages) {
    for (const parameter of page.Parameters ?? []) {
      if (!parameter.Name) continue;
      keys.push({
        key: parameter.Name.startsWith(prefix) ? parameter.Name.slice(prefix.length) : parameter.Name,
        type: parameter.Type ?? 'unknown',
      });
    }
  }
  return keys;
}
