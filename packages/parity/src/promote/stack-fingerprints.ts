/**
 * The checkout's fingerprints from stacks `cdktf synth` already wrote (`--stacks DIR`): each
 * environment's `stacks/<stack>/cdk.tf.json`, read back with the function the project path's
 * `fingerprintsOf` reads it with (`publishedFingerprint`: the stack's `platform_fingerprint` output,
 * the very value its apply writes), so both paths give the same fingerprint for the same stacks. Before that, each stack must
 * publish one and write it to the SSM parameter the target names: a target whose parameter no
 * stack writes would read a parameter nothing ever sets and refuse for the wrong reason.
 */
import { join } from 'node:path';
import { FINGERPRINT_OUTPUT, publishedFingerprint } from './fingerprint';
import type { CheckoutFingerprints } from './checkout-fingerprints';
import { badInput } from '../shared/exit-error';
import { type DirectoryEntry, type InputKind, listInputDirectory } from '../shared/input-files';
import { parseJsonObjectFile } from '../shared/read-json-file';
import { describeValue } from '../shared/schema-issues';

const STACK_FILE = 'cdk.tf.json';
const STACKS_INPUT: InputKind = {
  what: 'a synthesized cdktf output directory (`cdktf.out`, or its `stacks`)',
  fix: 'Run `npx cdktf synth` first, then pass `--stacks cdktf.out`.',
};
const STACK_INPUT: InputKind = { what: `a stack file (${STACK_FILE})`, fix: 'Synthesize again (`npx cdktf synth`).' };
const PUBLISH_FIX =
  'Publish it from the stack (the hash of @env-parity/parity/promote/fingerprint as the output `platform_fingerprint` and ' +
  'the SSM parameter the target names; docs/promote.md, "The platform fingerprint"), synthesize again, then run again.';

/** An environment whose checkout fingerprint is read from its stack. */
export interface StackOfEnvironment {
  readonly environment: string;
  /** Its cdktf stack's name: the directory under `stacks/`. */
  readonly stack: string;
  /** The full name of the SSM parameter its stack writes the fingerprint to. */
  readonly fingerprintParameter: string;
}

/** `cdktf.out/stacks` of `directory`, which may be `cdktf.out` itself or its `stacks`, and the stacks in it. */
function stacksIn(directory: string): { directory: string; stacks: string[] } {
  const top = listInputDirectory(directory, STACKS_INPUT);
  const has = (list: readonly DirectoryEntry[], name: string) => list.some((e) => e.name === name);
  const nested = has(top, 'stacks') && !has(top, STACK_FILE);
  const stacksDirectory = nested ? join(directory, 'stacks') : directory;
  const listed = nested ? listInputDirectory(stacksDirectory, STACKS_INPUT) : top;
  return { directory: stacksDirectory, stacks: listed.filter((e) => e.isDirectory).map((e) => e.name) };
}

/** The stack's SSM parameters: each one's name and value as synthesized. */
function ssmParameters(document: Record<string, unknown>): { name: unknown; value: unknown }[] {
  const resources = (document.resource as { aws_ssm_parameter?: Record<string, { name?: unknown; value?: unknown }> } | undefined)
    ?.aws_ssm_parameter;
  return Object.values(resources ?? {}).map((p) => ({ name: p?.name, value: p?.value }));
}

/** The fingerprint the environment's stack publishes and writes to its parameter; anything else is bad input. */
function readStack(stacksDirectory: string, wanted: StackOfEnvironment): string {
  const file = join(stacksDirectory, wanted.stack, STACK_FILE);
  const document = parseJsonObjectFile(file, STACK_INPUT);
  const published = publishedFingerprint(document);
  if (!published) {
    const output = (document.output as Record<string, { value?: unknown }> | undefined)?.[FINGERPRINT_OUTPUT];
    throw badInput(
      `the \`${wanted.environment}\` stack ${file} to publish its platform fingerprint ` +
        `(the output \`${FINGERPRINT_OUTPUT}\`: \`sha256:\` and 64 hex digits)`,
      output ? `the output with ${describeValue(output.value)}` : 'no such output',
      PUBLISH_FIX,
    );
  }
  const parameters = ssmParameters(document);
  const parameter = parameters.find((p) => p.name === wanted.fingerprintParameter);
  if (!parameter) {
    const holding = parameters.filter((p) => p.value === published).map((p) => `\`${String(p.name)}\``);
    throw badInput(
      `the \`${wanted.environment}\` stack ${file} to write its fingerprint to the SSM parameter ` +
        `\`${wanted.fingerprintParameter}\` (the target file's \`fingerprintParameter\`)`,
      holding.length > 0 ? `it writes it to ${holding.join(', ')}` : 'no `aws_ssm_parameter` of that name',
      holding.length > 0
        ? "Make `fingerprintParameter` in the target file name that parameter (`{env}` for the environment's name), then run again."
        : PUBLISH_FIX,
    );
  }
  if (parameter.value !== published)
    throw badInput(
      `the SSM parameter \`${wanted.fingerprintParameter}\` of the \`${wanted.environment}\` stack ${file} to hold the ` +
        `fingerprint the stack publishes (${published})`,
      describeValue(parameter.value),
      'Give the parameter and the output the same value (one hash of the stack), synthesize again, then run again.',
    );
  return published;
}

/** The checkout fingerprints of `wanted` from the stacks in `directory` (`cdktf.out` or `cdktf.out/stacks`). */
export function stackFingerprints(directory: string, wanted: readonly StackOfEnvironment[]): CheckoutFingerprints {
  const found = stacksIn(directory);
  const result = new Map<string, string>();
  for (const env of wanted) {
    if (!found.stacks.includes(env.stack)) {
      throw badInput(
        `the \`${env.environment}\` stack (\`${env.stack}/${STACK_FILE}\`) in ${found.directory}`,
        found.stacks.length > 0 ? `only ${found.stacks.map((s) => `\`${s}\``).join(', ')}` : 'no stack directories',
        `Synthesize every environment (\`npx cdktf synth\`) and pass its \`cdktf.out\`, or set \`stack\` of \`${env.environment}\` ` +
          'in the target file to the name of its stack.',
      );
    }
    result.set(env.environment, readStack(found.directory, env));
  }
  return result;
}
