/**
 * A zod issue of an input file (a target file, a policy) in the words of a bad-input line: what was
 * expected at which path in the file, and what was found there. `describeSchemaIssues` gives every
 * issue, so a file with three mistakes is fixed in one round, not three.
 */
import { z } from 'zod';
import { type PathStep, printAttributePath } from './attribute-path';

/** One problem of a file: `expected` and `found`, each a phrase for a bad-input line. */
export interface SchemaIssue {
  readonly expected: string;
  readonly found: string;
}

/** `environments[1].region`, or `the top level` for the root. */
export function pathOf(path: readonly PropertyKey[]): string {
  const steps: PathStep[] = path.map((p) => (typeof p === 'number' ? { index: p } : { key: String(p) }));
  return steps.length > 0 ? `\`${printAttributePath(steps)}\`` : 'the top level';
}

/** A value as a message shows it: its kind, or the value itself when it is short. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return '`null`';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string \`${value.slice(0, 60)}\``;
  return `\`${String(value).slice(0, 60)}\``;
}

type Typed = z.ZodType & { def: { type: string } };

/** The keys the object schema at `path` accepts, for an unknown-key message. */
function keysAt(root: z.ZodType, path: readonly PropertyKey[]): string[] {
  let schema = root;
  const unwrap = () => {
    while ((schema as Typed).def.type === 'optional') schema = (schema as z.ZodOptional).unwrap() as z.ZodType;
  };
  unwrap();
  for (const step of path) {
    const type = (schema as Typed).def.type;
    if (type === 'object') schema = (schema as z.ZodObject).shape[String(step)] as z.ZodType;
    else if (type === 'array') schema = (schema as z.ZodArray<z.ZodType>).element;
    else if (type === 'pipe') schema = (schema as unknown as { in: z.ZodType }).in;
    unwrap();
  }
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

const EXPECTED_TYPE: Readonly<Record<string, string>> = { object: 'a mapping', array: 'a list', int: 'a whole number' };

/** One issue of `root`'s parse, described. */
export function describeSchemaIssue(root: z.ZodType, issue: z.core.$ZodIssue): SchemaIssue {
  if (issue.code === 'unrecognized_keys') {
    return {
      expected: `only the keys ${keysAt(root, issue.path).join(', ')} at ${pathOf(issue.path)}`,
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

/** Every issue of a failed parse (parse with `{ reportInput: true }` so that what was found can be named). */
export function describeSchemaIssues(root: z.ZodType, error: z.ZodError): SchemaIssue[] {
  return error.issues.map((issue) => describeSchemaIssue(root, issue));
}
