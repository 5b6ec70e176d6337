/**
 * The drift target file (JSON or YAML) for codebases that are not a parity project: the DriftTarget
 * of drift-environment.ts written down, field for field, so `parity drift --target FILE` works from
 * flags and files alone. The schema is strict (an unknown key is a typo, never ignored) and is
 * published as schemas/drift-target.schema.json; test/drift/target-file.test.ts holds both to the
 * engine's types.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { DriftTarget } from './drift-environment';
import { type PathStep, printAttributePath } from '../shared/attribute-path';
import { badInput } from '../shared/exit-error';
import { type InputKind, readInputText } from '../shared/input-files';
import { parseJsonFile } from '../shared/read-json-file';

const text = z.string().min(1);
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
    name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'an environment name of lower-case letters, digits and dashes, starting with a letter'),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region such as eu-west-1'),
    accountId: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id, as a string'),
    readOnlyRoleArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/\S+$/, 'an IAM role ARN (arn:aws:iam::123456789012:role/NAME)')
      .optional(),
    declaredIn: text.optional(),
    resourceName: text,
    resources: z.object({ database: text, cache: text, search: text }).strict(),
    ssmPath: z.string().regex(/^\/(?:.*[^/])?$/, 'an SSM path starting with `/`, without a trailing `/` (`/orders/prod`)'),
    declared: declaredEnvironmentSchema,
  })
  .strict();

export const driftTargetFileSchema = z
  .object({
    environments: z
      .array(driftEnvironmentSchema)
      .min(1)
      .superRefine((environments, ctx) => {
        const seen = new Set<string>();
        environments.forEach((env, i) => {
          if (seen.has(env.name))
            ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'environment names used once each', input: env.name });
          seen.add(env.name);
        });
      }),
    source: text.optional(),
  })
  .strict();

/** What a drift target file holds once read: the engine's own type (the test holds the two equal). */
export type DriftTargetFile = z.infer<typeof driftTargetFileSchema>;

const TARGET_INPUT: InputKind = { what: 'a drift target file (JSON or YAML)', fix: 'Check the path given to `--target`.' };
const FORMAT_FIX = 'Fix the file; its format is in docs/drift.md ("A target file") and schemas/drift-target.schema.json.';

/** `environments[1].declared.stringValues["API_URL"]`, or `the top level` for the root. */
function pathOf(path: readonly PropertyKey[]): string {
  const steps: PathStep[] = path.map((p) => (typeof p === 'number' ? { index: p } : { key: String(p) }));
  return steps.length > 0 ? `\`${printAttributePath(steps)}\`` : 'the top level';
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return '`null`';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string \`${value.slice(0, 60)}\``;
  return `\`${String(value).slice(0, 60)}\``;
}

/** The keys an object schema accepts, for an unknown-key message. */
function keysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = driftTargetFileSchema;
  for (const step of path) {
    const def = (schema as z.ZodType & { def: { type: string } }).def;
    if (def.type === 'object') schema = (schema as z.ZodObject).shape[String(step)] as z.ZodType;
    else if (def.type === 'array') schema = (schema as z.ZodArray<z.ZodType>).element;
    else if (def.type === 'pipe') schema = (schema as unknown as { in: z.ZodType }).in;
    while ((schema as z.ZodType & { def: { type: string } }).def.type === 'optional')
      schema = (schema as z.ZodOptional).unwrap() as z.ZodType;
  }
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

const EXPECTED_TYPE: Readonly<Record<string, string>> = { object: 'a mapping', array: 'a list', int: 'a whole number' };

function describeIssue(issue: z.core.$ZodIssue): { expected: string; found: string } {
  if (issue.code === 'unrecognized_keys') {
    return {
      expected: `only the keys ${keysAt(issue.path).join(', ')} at ${pathOf(issue.path)}`,
      found: `the unknown key ${issue.keys.map((k) => `\`${k}\``).join(', ')}`,
    };
  }
  if (issue.code === 'invalid_type') {
    const expected = EXPECTED_TYPE[issue.expected] ?? `a ${issue.expected}`;
    return { expected: `${pathOf(issue.path)} (${expected})`, found: describeValue(issue.input) };
  }
  if (issue.code === 'invalid_value') {
    return { expected: `${pathOf(issue.path)} one of ${issue.values.join(', ')}`, found: describeValue(issue.input) };
  }
  if (issue.code === 'too_small') {
    const what =
      issue.origin === 'array' ? 'at least one entry' : issue.origin === 'string' ? 'a non-empty string' : `${issue.minimum} or more`;
    return { expected: `${pathOf(issue.path)} to hold ${what}`, found: describeValue(issue.input) };
  }
  if (issue.code === 'invalid_format' || issue.code === 'custom') {
    return { expected: `${pathOf(issue.path)} to be ${issue.message}`, found: describeValue(issue.input) };
  }
  return { expected: `${pathOf(issue.path)} to be valid (${issue.message})`, found: describeValue(issue.input) };
}

/** Reads the file's document: JSON when it ends in `.json`, otherwise YAML (which JSON also is). */
function readDocument(file: string): unknown {
  if (file.endsWith('.json')) return parseJsonFile(file, TARGET_INPUT, 'Fix the file (it must be JSON), then run again.');
  const source = readInputText(file, TARGET_INPUT);
  try {
    return parseYaml(source);
  } catch (error) {
    throw badInput(`valid YAML in ${file}`, `a syntax error: ${(error as Error).message.split('\n')[0]}`, 'Fix the file, then run again.');
  }
}

/** Reads and validates a drift target file; every problem is bad input naming the file and the path in it. */
export function loadDriftTargetFile(file: string): DriftTarget {
  const document = readDocument(file);
  const parsed = driftTargetFileSchema.safeParse(document, { reportInput: true });
  if (!parsed.success) {
    const { expected, found } = describeIssue(parsed.error.issues[0]!);
    throw badInput(`${expected} in the drift target file ${file}`, found, FORMAT_FIX);
  }
  // Defaults in one place: messages name the file unless it says where its environments are declared.
  const target: DriftTarget = parsed.data;
  return {
    environments: target.environments.map((env) => ({ ...env, declaredIn: env.declaredIn ?? file })),
    source: target.source ?? file,
  };
}
