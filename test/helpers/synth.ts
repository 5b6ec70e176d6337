/** Test helpers: synthesize one environment's stack in memory and read its resources. */
import { Testing } from 'cdktf';
import { loadProjectConfig, type ProjectConfig } from '../../config';
import { EnvironmentStack } from '../../stacks/environment-stack';

export interface TerraformJson {
  resource: Record<string, Record<string, Record<string, unknown>>>;
  provider: Record<string, Record<string, unknown>[]>;
  terraform: { backend: Record<string, Record<string, unknown>>; required_providers: Record<string, unknown> };
}

const cache = new Map<string, TerraformJson>();

/** The synthesized Terraform JSON of one environment's stack (cached per config and environment). */
export function synthEnvironment(environment: string, config: ProjectConfig = loadProjectConfig()): TerraformJson {
  const key = config === loadProjectConfig() ? environment : '';
  const hit = key ? cache.get(key) : undefined;
  if (hit) return hit;
  const app = Testing.app();
  const stack = new EnvironmentStack(app, environment, { config, environment, offlinePlan: false });
  const json = JSON.parse(Testing.synth(stack)) as TerraformJson;
  if (key) cache.set(key, json);
  return json;
}

/** Every resource of a type, as `[logical id, body]` pairs. */
export function resourcesOf(json: TerraformJson, type: string): [string, Record<string, any>][] {
  return Object.entries(json.resource[type] ?? {});
}

/** The one resource of a type; fails when there is not exactly one. */
export function onlyResource(json: TerraformJson, type: string): Record<string, any> {
  const all = resourcesOf(json, type);
  if (all.length !== 1) throw new Error(`expected one ${type}, found ${all.length}`);
  return all[0]![1];
}

export const ENVIRONMENTS = loadProjectConfig().environments.map((e) => e.name);
