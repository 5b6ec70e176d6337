/**
 * Where Terraform gets the AWS provider. On machines with a local provider mirror (a
 * `filesystem_mirror` directory laid out as `registry.terraform.io/hashicorp/aws/<version>/<os_arch>/`)
 * env-parity writes a Terraform CLI config that installs from it, offline; elsewhere Terraform
 * uses the public registry as usual.
 *
 * The mirror is `$ENV_PARITY_PROVIDER_MIRROR` if set, else the first of the usual locations
 * that exists.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PROVIDER_MIRROR_VARIABLE = 'ENV_PARITY_PROVIDER_MIRROR';

/** Locations checked when the variable is not set. */
export const DEFAULT_MIRROR_LOCATIONS = [
  '/opt/tf-plugins',
  '/usr/share/terraform/plugins',
  `${process.env.HOME ?? ''}/.terraform.d/plugins`,
];

export interface ProviderMirror {
  /** The mirror directory, or undefined when the public registry is used. */
  readonly path?: string;
  /** How it was chosen, for messages. */
  readonly source: 'variable' | 'default-location' | 'registry';
}

function holdsAwsProvider(path: string): boolean {
  return existsSync(join(path, 'registry.terraform.io', 'hashicorp', 'aws'));
}

export function findProviderMirror(env: NodeJS.ProcessEnv = process.env): ProviderMirror {
  const configured = env[PROVIDER_MIRROR_VARIABLE];
  if (configured) {
    if (!holdsAwsProvider(configured)) {
      throw new Error(
        `expected ${PROVIDER_MIRROR_VARIABLE} to name a provider mirror holding registry.terraform.io/hashicorp/aws, ` +
          `found ${existsSync(configured) ? 'no such provider' : 'no such directory'} at ${configured}. Fix the path, ` +
          `or unset ${PROVIDER_MIRROR_VARIABLE} to use the public registry.`,
      );
    }
    return { path: configured, source: 'variable' };
  }
  const found = DEFAULT_MIRROR_LOCATIONS.find((p) => p && holdsAwsProvider(p));
  return found ? { path: found, source: 'default-location' } : { source: 'registry' };
}

/** The CLI config text: the mirror for hashicorp/aws, the registry for anything else. */
export function cliConfigText(mirror: ProviderMirror, pluginCacheDir?: string): string {
  const lines: string[] = [];
  if (pluginCacheDir) lines.push(`plugin_cache_dir = ${JSON.stringify(pluginCacheDir)}`, '');
  if (mirror.path) {
    lines.push(
      'provider_installation {',
      '  filesystem_mirror {',
      `    path    = ${JSON.stringify(mirror.path)}`,
      '    include = ["registry.terraform.io/hashicorp/aws"]',
      '  }',
      '  direct {',
      '    exclude = ["registry.terraform.io/hashicorp/aws"]',
      '  }',
      '}',
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Writes the CLI config into `directory` and returns the environment variables that make
 * Terraform use it (`TF_CLI_CONFIG_FILE`).
 */
export function terraformCliEnvironment(directory: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  mkdirSync(directory, { recursive: true });
  const file = join(directory, 'terraform.rc');
  writeFileSync(file, cliConfigText(findProviderMirror(env)));
  return { TF_CLI_CONFIG_FILE: file, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
}
