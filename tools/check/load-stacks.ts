/**
 * Reads the synthesized stacks of any cdktf app: `cdktf.out/stacks/<name>/cdk.tf.json`, one
 * environment per stack, named after its directory.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { badInput } from '../cli/exit-error';
import type { EnvironmentModel } from '../parity/environment-model';
import { type ModelOptions, environmentModelFromTerraformJson } from '../parity/load-terraform-json';
import { parseJsonFile } from '../parity/read-json-file';

const STACK_FILE = 'cdk.tf.json';

/** Loads one stack file as an environment. */
export function loadStackFile(environment: string, file: string, options: ModelOptions = {}): EnvironmentModel {
  return environmentModelFromTerraformJson(parseJsonFile(file), environment, file, options);
}

/** Loads every stack of a `cdktf.out/stacks` directory (or of `cdktf.out`, which holds it). */
export function loadStacksDirectory(directory: string, options: ModelOptions = {}): EnvironmentModel[] {
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw badInput('a `cdktf.out/stacks` directory', `\`${directory}\`, which does not exist`, 'Run `npx cdktf synth` (or `npm run synth`) first, then pass `--stacks cdktf.out/stacks`.');
  }
  const stacksDirectory = existsSync(join(directory, 'stacks')) && !existsSync(join(directory, STACK_FILE)) ? join(directory, 'stacks') : directory;
  const entries = readdirSync(stacksDirectory).filter((name) => statSync(join(stacksDirectory, name)).isDirectory()).sort();
  if (entries.length === 0) {
    throw badInput(`one directory per stack in ${stacksDirectory}, each with a ${STACK_FILE}`, 'an empty directory', 'Run `npx cdktf synth` first, then pass its `cdktf.out/stacks`.');
  }
  const missing = entries.filter((name) => !existsSync(join(stacksDirectory, name, STACK_FILE)));
  if (missing.length > 0) {
    throw badInput(`a ${STACK_FILE} in every stack directory of ${stacksDirectory}`, `none in ${missing.map((m) => `\`${m}\``).join(', ')}`, 'Synthesize again (`npx cdktf synth`), or remove the stray directories.');
  }
  if (entries.length < 2) {
    throw badInput(`at least two stacks in ${stacksDirectory} to compare`, `only \`${entries[0]}\``, 'Synthesize every environment, or check HCL directories with `--hcl NAME=DIR`.');
  }
  return entries.map((name) => loadStackFile(name, join(stacksDirectory, name, STACK_FILE), options));
}
