/**
 * The drift target file (JSON or YAML) for codebases that are not a parity project: the DriftTarget
 * of drift-environment.ts written down, field for field, so `parity drift --target FILE` works from
 * flags and files alone. The schema is strict (an unknown key is a typo, never ignored) and is
 * published as schemas/drift-target.schema.json; test/drift/target-file.test.ts holds both to the
 * engine's types.
 */
import { z } from 'zod';
import type { DriftTarget } from './drift-environment';
import type { InputKind } from '../shared/input-files';
import { loadStructuredFile } from '../shared/structured-file';
import { environmentAccessFields, environmentList, text } from '../shared/target-file-fields';

const count = z.number().int().min(0);

const declaredDatabaseSchema = z
  .object({
    engine: text,
    engineVersion: text,
    multiAz: z.boolean(),
    instanceClass: text,
    autoMinorVersionUpgrade: z.boolean(),
    backupRetentionDays: count,
  })
  .strict();

const declaredCacheSchema = z
  .object({
    engine: text,
    engineVersion: text,
    shards: count,
    replicasPerShard: count,
    automaticFailover: z.boolean(),
    nodeType: text,
  })
  .strict();

const declaredSearchSchema = z
  .object({
    engineVersion: text,
    instanceType: text,
    instanceCount: count,
    dedicatedMasters: count,
    masterInstanceType: text,
    zoneAwareness: z.boolean(),
  })
  .strict();

const declaredEnvironmentSchema = z
  .object({
    ssmKeys: z.array(z.object({ key: text, type: z.enum(['String', 'StringList', 'SecureString']) }).strict()),
    stringValues: z.record(text, z.string().nullable()),
    database: declaredDatabaseSchema,
    cache: declaredCacheSchema,
    search: declaredSearchSchema,
  })
  .strict();

const driftEnvironmentSchema = z
  .object({
    ...environmentAccessFields,
    resourceName: text,
    resources: z.object({ database: text, cache: text, search: text }).strict(),
    ssmPath: z.string().regex(/^\/(?:.*[^/])?$/, 'an SSM path starting with `/`, without a trailing `/` (`/orders/prod`)'),
    declared: declaredEnvironmentSchema,
  })
  .strict();

export const driftTargetFileSchema = z
  .object({
    environments: environmentList(driftEnvironmentSchema),
    source: text.optional(),
  })
  .strict();

/** What a drift target file holds once read: the engine's own type (the test holds the two equal). */
export type DriftTargetFile = z.infer<typeof driftTargetFileSchema>;

const TARGET_INPUT: InputKind = { what: 'a drift target file (JSON or YAML)', fix: 'Check the path given to `--target`.' };
const FORMAT_FIX = 'Fix the file; its format is in docs/drift.md ("A target file") and schemas/drift-target.schema.json.';

/** Reads and validates a drift target file; any problem is bad input naming the file and every path in it that is wrong. */
export function loadDriftTargetFile(file: string): DriftTarget {
  const target: DriftTarget = loadStructuredFile(driftTargetFileSchema, file, {
    name: 'the drift target file',
    input: TARGET_INPUT,
    schemaFile: 'schemas/drift-target.schema.json',
    fix: FORMAT_FIX,
  });
  // Defaults in one place: messages name the file unless it says where its environments are declared.
  return {
    environments: target.environments.map((env) => ({ ...env, declaredIn: env.declaredIn ?? file })),
    source: target.source ?? file,
  };
}
