/**
 * Patterns over attribute paths, written in the path syntax itself (src/shared/attribute-path.ts):
 * `ingress[*].cidr_blocks`, `tags.*`, `assume_role.**`, `tags["k8s.io/role"]`. A bare `*` (or `[*]`)
 * is one step, key or index; `**` is any number of steps; a bare step holding `*` (`orders-*`) is a
 * glob over a key; a quoted key is literal.
 *
 * The dotted form of older policy and waiver files is still read, with a deprecation note: a bare
 * number (`ingress.0.cidr_blocks`) is the list index (or a key of that name), and a bare step that is
 * not an identifier (`tags.{env}_owner`) is that key. `deprecation` says how to write it now.
 */
import { AttributePathError, appendIndex, appendKey, isBareKey, type PathStep } from './attribute-path';

/** One step of a pattern. */
export type PatternStep =
  | PathStep
  | { readonly any: 'step' }
  | { readonly any: 'steps' }
  | { readonly glob: RegExp; readonly text: string }
  /** The old dotted index (`.0`): index N, or a key named N. */
  | { readonly legacyIndex: number };

export interface PathPattern {
  /** The pattern as written. */
  readonly text: string;
  readonly steps: readonly PatternStep[];
  /** Set when the pattern uses the old dotted form: what to write instead. */
  readonly deprecation?: string;
}

/** A bare pattern step: anything up to the next `.` or `[` (lenient, so that the old dotted form reads). */
const BARE_STEP = /[^.[\]"]+/y;

function globRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    's',
  );
}

function bareStep(text: string, legacy: { used: boolean; bareKeys: boolean }): PatternStep {
  if (text === '*') return { any: 'step' };
  if (text === '**') return { any: 'steps' };
  if (text.includes('*')) return { glob: globRegExp(text), text };
  if (/^(0|[1-9][0-9]*)$/.test(text)) {
    legacy.used = true;
    return { legacyIndex: Number(text) };
  }
  if (legacy.bareKeys && !isBareKey(text)) legacy.used = true;
  return { key: text };
}

function printPatternStep(prefix: string, step: PatternStep): string {
  if ('key' in step) return appendKey(prefix, step.key);
  if ('index' in step) return appendIndex(prefix, step.index);
  if ('legacyIndex' in step) return appendIndex(prefix, step.legacyIndex);
  const bare = 'glob' in step ? step.text : step.any === 'step' ? '*' : '**';
  return prefix === '' ? bare : `${prefix}.${bare}`;
}

/** Writes pattern steps in the current syntax (legacy steps in their new form). */
export function printPathPattern(steps: readonly PatternStep[]): string {
  return steps.reduce(printPatternStep, '');
}

export interface ParseOptions {
  /**
   * A bare step that is not an identifier (`{env}_owner`) counts as the old form (true by default).
   * Policy patterns pass false: their address part holds names such as `module.{env}_network`.
   */
  readonly bareKeysAreLegacy?: boolean;
}

/** Reads a pattern; throws an AttributePathError for text that is neither the syntax nor its old dotted form. */
export function parsePathPattern(text: string, options: ParseOptions = {}): PathPattern {
  const steps: PatternStep[] = [];
  const legacy = { used: false, bareKeys: options.bareKeysAreLegacy ?? true };
  let i = 0;
  while (i < text.length) {
    if (text[i] === '[') {
      if (text.startsWith('[*]', i)) {
        steps.push({ any: 'step' });
        i += 3;
        continue;
      }
      if (text[i + 1] === '"') {
        let close = i + 2;
        while (close < text.length && text[close] !== '"') close += text[close] === '\\' ? 2 : 1;
        if (close >= text.length) throw new AttributePathError(text, text.length, 'a closing `"`');
        let key: string;
        try {
          key = JSON.parse(text.slice(i + 1, close + 1)) as string;
        } catch {
          throw new AttributePathError(text, i + 1, 'a JSON string (escapes such as `\\"`, `\\\\`, `\\u00e9`)');
        }
        if (text[close + 1] !== ']') throw new AttributePathError(text, close + 1, '`]`');
        steps.push({ key });
        i = close + 2;
        continue;
      }
      const match = /^\[(0|[1-9][0-9]*)\]/.exec(text.slice(i, i + 22));
      if (!match || !Number.isSafeInteger(Number(match[1])))
        throw new AttributePathError(text, i + 1, 'a list index (`[0]`), `[*]` or a quoted key (`["k8s.io/role"]`)');
      steps.push({ index: Number(match[1]) });
      i += match[0].length;
      continue;
    }
    if (steps.length > 0) {
      if (text[i] !== '.') throw new AttributePathError(text, i, '`.`, `[` or the end of the pattern');
      i++;
    }
    BARE_STEP.lastIndex = i;
    const match = BARE_STEP.exec(text);
    if (!match) throw new AttributePathError(text, i, 'an attribute name, `*`, `**` or `["..."]`');
    steps.push(bareStep(match[0], legacy));
    i += match[0].length;
  }
  if (!legacy.used) return { text, steps };
  return {
    text,
    steps,
    deprecation:
      `\`${text}\` is in the old dotted form: write \`${printPathPattern(steps)}\` (list indexes as ` +
      `\`[0]\`, keys that are not plain names as \`["key"]\`)`,
  };
}

/** True when one pattern step matches one path step. */
export function stepMatches(pattern: PatternStep, step: PathStep): boolean {
  if ('any' in pattern) return true;
  if ('key' in pattern) return 'key' in step && step.key === pattern.key;
  if ('index' in pattern) return 'index' in step && step.index === pattern.index;
  if ('legacyIndex' in pattern) return 'index' in step ? step.index === pattern.legacyIndex : step.key === String(pattern.legacyIndex);
  return 'key' in step && pattern.glob.test(step.key);
}

export interface MatchOptions {
  /** A bare `*` may also match no step: `cluster_config.*.instance_type` covers `cluster_config.instance_type`. */
  readonly starMayBeEmpty?: boolean;
  /** The pattern covers everything beneath the path it names: `subnet_ids` covers `subnet_ids[2]`. */
  readonly coversBeneath?: boolean;
}

/** True when the pattern steps from `i` match the path steps from `j` (`**` backtracks; patterns are short). */
export function matchSteps(
  pattern: readonly PatternStep[],
  i: number,
  path: readonly PathStep[],
  j: number,
  options: MatchOptions = {},
): boolean {
  if (i === pattern.length) return j === path.length || (options.coversBeneath === true && j > 0);
  const head = pattern[i]!;
  if ('any' in head && head.any === 'steps')
    return matchSteps(pattern, i + 1, path, j, options) || (j < path.length && matchSteps(pattern, i, path, j + 1, options));
  if (options.starMayBeEmpty && 'any' in head && matchSteps(pattern, i + 1, path, j, options)) return true;
  return j < path.length && stepMatches(head, path[j]!) && matchSteps(pattern, i + 1, path, j + 1, options);
}

/** True when the whole pattern matches the whole path. */
export function pathMatches(pattern: PathPattern, path: readonly PathStep[], options: MatchOptions = {}): boolean {
  return matchSteps(pattern.steps, 0, path, 0, options);
}
