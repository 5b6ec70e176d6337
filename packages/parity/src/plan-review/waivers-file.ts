/**
 * Reads `--waivers FILE`: YAML or JSON, either a list of waivers or `{ waivers: [...] }`, each one
 * checked against the shared waiver schema (address, optional rule/environment, reason, owner,
 * expiry).
 */
import { parse } from 'yaml';
import { badInput } from '../shared/exit-error';
import { readInputText } from '../shared/input-files';
import { waiverSchema, type Waiver } from '../shared/waivers/waiver';

const EXAMPLE = 'e.g. `waivers:\\n  - address: aws_db_instance.orders-{env}\\n    rule: engine-major-upgrade\\n    reason: planned upgrade to 17, rehearsed on staging\\n    owner: data-platform\\n    expires: 2026-12-31`';

export function readWaiversFile(file: string): Waiver[] {
  const text = readInputText(file, { what: 'a waivers file (YAML or JSON)', fix: 'Check the path given to `--waivers`.' });
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw badInput('a YAML or JSON waivers file', `a syntax error in \`${file}\`: ${(error as Error).message.split('\n')[0]}`, `Fix the file; ${EXAMPLE}.`);
  }
  const list = Array.isArray(document) ? document : document && typeof document === 'object' && 'waivers' in document ? (document as { waivers: unknown }).waivers : undefined;
  if (!Array.isArray(list)) throw badInput('a list of waivers (or `waivers:` with a list)', `${document === null ? 'an empty document' : typeof document} in \`${file}\``, `Write it as ${EXAMPLE}.`);
  return list.map((item, i) => {
    const parsed = waiverSchema.safeParse(item);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    throw badInput(`waiver ${i + 1} in \`${file}\` to match the waiver schema`, `\`${issue.path.join('.') || '(the entry)'}\`: ${issue.message}`, `Fix that entry; ${EXAMPLE}.`);
  });
}
