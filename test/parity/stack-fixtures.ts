/** Loads the hand-written cdktf-shaped stacks of test/fixtures/stacks/orders, as documents to mutate. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvironmentModel } from '../../packages/parity/src/parity/environment-model';
import { environmentModelFromTerraformJson } from '../../packages/parity/src/parity/load-terraform-json';

export const ORDERS_STACKS = join(__dirname, '..', 'fixtures', 'stacks', 'orders', 'stacks');
export const ORDERS_ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

// Test documents are plain JSON: reading them through `any` keeps the mutations short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StackDocument = Record<string, any>;

export function readStack(environment: string): StackDocument {
  return JSON.parse(readFileSync(join(ORDERS_STACKS, environment, 'cdk.tf.json'), 'utf8')) as StackDocument;
}

export const ORDERS_GROUP_OF = new Map([
  ['dev', 'development'],
  ['staging', 'production'],
  ['prod', 'production'],
]);

/** The three environments, with an optional mutation of each document before loading. */
export function ordersModels(mutate: Partial<Record<string, (doc: StackDocument) => void>> = {}): EnvironmentModel[] {
  return ORDERS_ENVIRONMENTS.map((env) => {
    const doc = readStack(env);
    mutate[env]?.(doc);
    return environmentModelFromTerraformJson(doc, env, `${env}/cdk.tf.json`, {
      keepWords: ['production', 'development'],
      groupOf: ORDERS_GROUP_OF,
    });
  });
}
