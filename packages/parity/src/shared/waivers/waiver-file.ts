/**
 * The one waivers format, in a file of its own (`--waivers FILE`, YAML or JSON) or under `waivers:` of a
 * policy file: a list of waivers (or `{ waivers: [...] }`), each checked against the shared schema: what
 * it matches (`rule` and/or `address`, optional `path` and `environment`), reason, owner, expiry. Plan
 * review's entries (`address` + `rule`) are such waivers as they were written.
 */
import { parse } from 'yaml';
import { badInput } from '../exit-error';
import { readInputText } from '../input-files';
import { type Waiver, waiverSchema } from './waiver';

export const WAIVER_EXAMPLE =
  'e.g. `waivers:\\n  - address: aws_db_instance.orders-{env}\\n    rule: engine-major-upgrade\\n' +
  '    reason: planned upgrade to 17, rehearsed on staging\\n    owner: data-platform\\n    expires: 2026-12-31`';

/** Reads a waivers file; `option` names the command-line option that gave it, for the messages. */
export function readWaiversFile(file: string, option = '--waivers'): Waiver[] {
  const text = readInputText(file, { what: 'a waivers file (YAML or JSON)', fix: `Check the path given to \`${option}\`.` });
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw badInput(
      'a YAML or JSON waivers file',
      `a syntax error in \`${file}\`: ${(error as Error).message.split('\n')[0]}`,
      `Fix the file; ${WAIVER_EXAMPLE}.`,
    );
  }
  const list = Array.isArray(document)
    ? document
    : document && typeof document === 'object' && 'waivers' in document
      ? (document as { waivers: unknown }).waivers
      : undefined;
  if (!Array.isArray(list)) {
    throw badInput(
      'a list of waivers (or `waivers:` with a list)',
      `${document === null ? 'an empty document' : typeof document} in \`${file}\``,
      `Write it as ${WAIVER_EXAMPLE}.`,
    );
  }
  return list.map((item, i) => {
    const parsed = waiverSchema.safeParse(item);
    if (parsed.success) return { ...parsed.data, source: file };
    const issue = parsed.error.issues[0]!;
    throw badInput(
      `waiver ${i + 1} in \`${file}\` to match the waiver schema`,
      `\`${issue.path.join('.') || '(the entry)'}\`: ${issue.message}`,
      `Fix that entry; ${WAIVER_EXAMPLE}.`,
    );
  });
}
