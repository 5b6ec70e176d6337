/**
 * The AWS provider's resource schemas, from the real `terraform providers schema -json`, cached in
 * the temp directory per provider version (the command takes a few seconds).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TerraformWorkspace } from '../../support/terraform/terraform-runner';

/** A type as the schema writes it: `"string"`, `["list","string"]`, `["object",{...}]`. */
export type SchemaType = string | [string, SchemaType | Record<string, SchemaType>];

export interface SchemaBlock {
  attributes?: Record<string, { type?: SchemaType; computed?: boolean; optional?: boolean }>;
  block_types?: Record<string, { nesting_mode: string; block: SchemaBlock }>;
}

export type ResourceSchemas = Record<string, { version: number; block: SchemaBlock }>;

const AWS = 'registry.terraform.io/hashicorp/aws';

/** Resource schemas of the AWS provider the workspace was initialized with. */
export async function awsResourceSchemas(workspace: TerraformWorkspace): Promise<ResourceSchemas> {
  const lock = readFileSync(join(workspace.directory, '.terraform.lock.hcl'), 'utf8');
  const version = /provider "registry\.terraform\.io\/hashicorp\/aws" \{\s*version\s*=\s*"([^"]+)"/.exec(lock)?.[1] ?? 'unknown';
  const cache = join(tmpdir(), `env-parity-aws-${version}-resource-schemas.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as ResourceSchemas;
  const result = await workspace.run(['providers', 'schema', '-json']);
  if (result.exitCode !== 0) throw new Error(`terraform providers schema failed: ${result.stderr}`);
  const schemas = (JSON.parse(result.stdout) as { provider_schemas: Record<string, { resource_schemas: ResourceSchemas }> })
    .provider_schemas[AWS]!.resource_schemas;
  writeFileSync(cache, JSON.stringify(schemas));
  return schemas;
}
