/**
 * The promote target file (JSON or YAML) for cdktf apps that are not a parity project: the
 * PromoteTarget of run-promote-check.ts written down, so `parity promote check --target FILE
 * --stacks DIR` works from flags and files alone. One difference on purpose: the fingerprint's SSM
 * parameter is given once, as a name with `{env}` in it, since every stack publishes its own under
 * the same scheme. The schema is strict (an unknown key is a typo, never ignored), is published as
 * schemas/promote-target.schema.json, and every problem of a file is reported at once.
 */
import { z } from 'zod';
import type { PromoteTarget } from './run-promote-check';
import { ENV_PLACEHOLDER } from '../shared/environment-names';
import type { InputKind } from '../shared/input-files';
import { loadStructuredFile } from '../shared/structured-file';
import { environmentAccessFields, environmentList, text } from '../shared/target-file-fields';

const promoteEnvironmentSchema = z
  .object({
    ...environmentAccessFields,
    parityGroup: text,
    stack: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'a cdktf stack name (letters, digits, `-` and `_`), the directory under `stacks/`')
      .optional(),
  })
  .strict();

export const promoteTargetFileSchema = z
  .object({
    fingerprintParameter: z
      .string()
      .regex(
        /^\/?[A-Za-z0-9_.\-/]*\{env\}[A-Za-z0-9_.\-/]*$/,
        "an SSM parameter name with `{env}` once for the environment's name (`/orders/{env}/PLATFORM_FINGERPRINT`)",
      ),
    environments: environmentList(promoteEnvironmentSchema),
    source: text.optional(),
  })
  .strict();

/** What a promote target file holds, as written. */
export type PromoteTargetFile = z.infer<typeof promoteTargetFileSchema>;

/** A promote target file, read: the engine's target and where each environment's synthesized stack is. */
export interface LoadedPromoteTarget {
  readonly target: PromoteTarget;
  /** Environment name → its cdktf stack's name (the directory under `stacks/`): `stack`, by default its own name. */
  readonly stacks: ReadonlyMap<string, string>;
}

const TARGET_INPUT: InputKind = { what: 'a promote target file (JSON or YAML)', fix: 'Check the path given to `--target`.' };
export const TARGET_FORMAT_FIX = 'Fix the file; its format is in docs/promote.md ("A target file") and schemas/promote-target.schema.json.';

/** Reads and validates a promote target file; any problem is bad input naming the file and every path in it that is wrong. */
export function loadPromoteTargetFile(file: string): LoadedPromoteTarget {
  const data = loadStructuredFile(promoteTargetFileSchema, file, {
    name: 'the promote target file',
    input: TARGET_INPUT,
    schemaFile: 'schemas/promote-target.schema.json',
    fix: TARGET_FORMAT_FIX,
  });
  // Defaults in one place: messages name the file unless it says where its environments are declared.
  const { fingerprintParameter, environments, source = file } = data;
  return {
    target: {
      source,
      environments: environments.map(({ stack: _stack, ...env }) => ({
        ...env,
        declaredIn: env.declaredIn ?? file,
        fingerprintParameter: fingerprintParameter.replace(ENV_PLACEHOLDER, env.name),
      })),
    },
    stacks: new Map(environments.map((env) => [env.name, env.stack ?? env.name])),
  };
}
