/**
 * Reads the synthesized stacks of any cdktf app: `cdktf.out/stacks/<name>/cdk.tf.json`, one
 * environment per stack, named after its directory.
 */
import { join } from 'node:path';
import { badInput } from '../../shared/exit-error';
import { type DirectoryEntry, listInputDirectory } from '../../shared/input-files';
import type { EnvironmentModel } from '../environment-model';
import { type ModelOptions, environmentModelFromTerraformJson } from '../load-terraform-json';
import { parseJsonObjectFile } from '../../shared/read-json-file';

const STACK_FILE = 'cdk.tf.json';
/** cdktf's own rule for stack names (which name the directories): letters, digits, `-` and `_`. */
const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Loads one stack file as an environment. */
export function loadStackFile(environment: string, file: string, options: ModelOptions = {}): EnvironmentModel {
  const document = parseJsonObjectFile(file, { what: `a stack file (${STACK_FILE})`, fix: 'Synthesize again (`npx cdktf synth`).' });
  return environmentModelFromTerraformJson(document, environment, file, options);
}

const STACKS_DIRECTORY = {
  what: 'a `cdktf.out/stacks` directory',
  fix: 'Run `npx cdktf synth` (or `npm run synth`) first, then pass `--stacks cdktf.out/stacks`.',
};

/** Loads every stack of a `cdktf.out/stacks` directory (or of `cdktf.out`, which holds it). */
export function loadStacksDirectory(directory: string, options: ModelOptions = {}): EnvironmentModel[] {
  const top = listInputDirectory(directory, STACKS_DIRECTORY);
  const has = (list: readonly DirectoryEntry[], name: string) => list.some((e) => e.name === name);
  const nested = has(top, 'stacks') && !has(top, STACK_FILE);
  const stacksDirectory = nested ? join(directory, 'stacks') : directory;
  const listed = nested ? listInputDirectory(stacksDirectory, STACKS_DIRECTORY) : top;
  const entries = listed.filter((e) => e.isDirectory).map((e) => e.name);
  if (entries.length === 0) {
    throw badInput(
      `one directory per stack in ${stacksDirectory}, each with a ${STACK_FILE}`,
      'an empty directory',
      'Run `npx cdktf synth` first, then pass its `cdktf.out/stacks`.',
    );
  }
  const badName = entries.find((name) => !STACK_NAME.test(name));
  if (badName !== undefined) {
    throw badInput(
      `stack directories named as cdktf names stacks (letters, digits, \`-\`, \`_\`) in ${stacksDirectory}`,
      `\`${badName}\``,
      'Remove or rename that directory: it is not a stack cdktf wrote.',
    );
  }
  const missing = entries.filter(
    (name) => !listInputDirectory(join(stacksDirectory, name), STACKS_DIRECTORY).some((e) => e.name === STACK_FILE),
  );
  if (missing.length > 0) {
    throw badInput(
      `a ${STACK_FILE} in every stack directory of ${stacksDirectory}`,
      `none in ${missing.map((m) => `\`${m}\``).join(', ')}`,
      'Synthesize again (`npx cdktf synth`), or remove the stray directories.',
    );
  }
  if (entries.length < 2) {
    throw badInput(
      `at least two stacks in ${stacksDirectory} to compare`,
      `only \`${entries[0]}\``,
      'Synthesize every environment, or check HCL directories with `--hcl NAME=DIR`.',
    );
  }
  return entries.map((name) => loadStackFile(name, join(stacksDirectory, name, STACK_FILE), options));
}
