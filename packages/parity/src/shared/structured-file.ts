/**
 * A configuration file of the user's (a drift or promote target file): JSON when its name ends in
 * `.json`, otherwise YAML (which JSON also is), checked against a strict zod schema. Every problem of
 * the file is reported at once, on one bad-input line, so a file with three mistakes is fixed in one
 * round, not three.
 */
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { badInput } from './exit-error';
import { type InputKind, readInputText } from './input-files';
import { parseJsonFile } from './read-json-file';
import { describeSchemaIssues } from './schema-issues';

export interface StructuredFileKind {
  /** What the file is, in a message: `the drift target file`. */
  readonly name: string;
  /** How a missing or unreadable file is described and fixed. */
  readonly input: InputKind;
  /** The published JSON Schema of the format, e.g. `schemas/drift-target.schema.json`. */
  readonly schemaFile: string;
  /** The fix of a file that does not match the schema: where its format is written down. */
  readonly fix: string;
}

/** The file's document, unchecked; unreadable, invalid JSON or invalid YAML is bad input. */
export function readStructuredDocument(file: string, input: InputKind): unknown {
  if (file.endsWith('.json')) return parseJsonFile(file, input, 'Fix the file (it must be JSON), then run again.');
  const source = readInputText(file, input);
  try {
    return parseYaml(source);
  } catch (error) {
    throw badInput(`valid YAML in ${file}`, `a syntax error: ${(error as Error).message.split('\n')[0]}`, 'Fix the file, then run again.');
  }
}

/** Reads `file` and parses it with `schema`; any problem is bad input naming the file and every wrong path in it. */
export function loadStructuredFile<S extends z.ZodType>(schema: S, file: string, kind: StructuredFileKind): z.infer<S> {
  const parsed = schema.safeParse(readStructuredDocument(file, kind.input), { reportInput: true });
  if (parsed.success) return parsed.data;
  const issues = describeSchemaIssues(schema, parsed.error);
  if (issues.length === 1) throw badInput(`${issues[0]!.expected} in ${kind.name} ${file}`, issues[0]!.found, kind.fix);
  throw badInput(
    `${kind.name} ${file} to match ${kind.schemaFile}`,
    `${issues.length} problems: ${issues.map((issue, i) => `(${i + 1}) expected ${issue.expected}, found ${issue.found}`).join('; ')}`,
    kind.fix,
  );
}
