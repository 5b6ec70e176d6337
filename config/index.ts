/**
 * The project's configuration, validated. Import from here, not from the layer files.
 */
import { automation, backend, environments } from './environments';
import { validateProjectConfig } from './load';
import { platform } from './platform';
import type { ProjectConfig } from './schema';
import { topologies } from './topology';

export * from './schema';
export { ConfigError, formatProblem, type ConfigProblem } from './problems';
export { validateProjectConfig } from './load';
export * from './ssm-keys';
export * from './queries';

/** The raw layers as written, before validation: tests start from these to inject mistakes. */
export const rawProjectConfig = { platform, topologies, environments, backend, automation };

let cached: ProjectConfig | undefined;

/** The validated project configuration (validated once per process). */
export function loadProjectConfig(): ProjectConfig {
  cached ??= validateProjectConfig(rawProjectConfig);
  return cached;
}
