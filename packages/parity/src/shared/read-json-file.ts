/** Reads a JSON file; malformed JSON is bad input naming the file, line and column. */
import { badInput } from './exit-error';
import { type InputKind, readInputText } from './input-files';

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

const TERRAFORM_JSON: InputKind = {
  what: 'a Terraform JSON file',
  fix: 'Check the path (if cdktf wrote it, synthesize again: `npx cdktf synth`).',
};

/** `syntaxFix`: what to do about malformed JSON (the default speaks of files cdktf writes). */
export function parseJsonFile(
  file: string,
  kind: InputKind = TERRAFORM_JSON,
  syntaxFix = 'Fix the file (if cdktf wrote it, synthesize again: `npx cdktf synth`).',
): unknown {
  const text = readInputText(file, kind);
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const where = position
      ? (({ line, column }) => `line ${line}, column ${column}`)(lineAndColumn(text, Number(position[1])))
      : 'the end of the file';
    throw badInput(
      `valid JSON in ${file}`,
      `malformed JSON at ${where} (${message.replace(/ in JSON at position \d+.*$/, '')})`,
      syntaxFix,
    );
  }
}

/** What a JSON value is, in words, for messages. */
export function describeJson(value: unknown): string {
  if (value === null) return '`null`';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array `[]`' : `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value} \`${JSON.stringify(value).slice(0, 40)}\``;
}

/**
 * Reads a Terraform JSON document (`cdk.tf.json`, `main.tf.json`, `*.tfvars.json`): its top level
 * must be an object. `[]` or a number is bad input, never an environment with no resources.
 */
export function parseJsonObjectFile(file: string, kind: InputKind = TERRAFORM_JSON): Record<string, unknown> {
  const document = parseJsonFile(file, kind);
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw badInput(
      `a JSON object at the top of ${file} (\`{ "resource": { ... } }\`)`,
      describeJson(document),
      'Fix the file (if cdktf wrote it, synthesize again: `npx cdktf synth`).',
    );
  }
  return document as Record<string, unknown>;
}
