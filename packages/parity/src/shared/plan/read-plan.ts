/**
 * Reads one `terraform show -json` plan file, the only reader of plan JSON (plan review and drift's
 * refresh-only plans): recognizes what it is (a binary plan, a state file, the hashicorp/setup-terraform
 * wrapper's text, broken JSON), decodes a UTF-8 byte order mark and UTF-16 with a BOM (PowerShell's
 * `>`), accepts format_version 0.x and 1.x, refuses a plan Terraform marked `errored` or `complete: false`
 * (unless the caller reports it), reads `output_changes`, and streams its `resource_changes` and `resource_drift` entries one by one
 * through a mapper, so that a 100 MB plan never exists as one parsed object.
 */
import { badInput, type ExitError } from '../exit-error';
import { readInputBytes } from '../input-files';
import { JsonSyntaxError, drain, entries, lineAndColumn, parseSpan, skipValue, skipWhitespace, type MeasureValue } from './json-scanner';
import { validatedEnd } from './json-validate';
import { asPlanEntry, planEntryProblem } from './plan-entry-schema';
import type { RawResourceChange } from './plan-json';

/** The format_version majors this reader understands (0.1, 0.2, 1.0 to 1.2 and later 1.x). */
export const SUPPORTED_FORMAT_MAJORS = [0, 1] as const;

/** What a plan file holds, once its entries went through the mapper. */
export interface ReadPlan<T> {
  /** `format_version` as written, e.g. `1.2`. */
  readonly formatVersion: string;
  /** `terraform_version`, when the file has one. */
  readonly terraformVersion?: string;
  /** The mapped `resource_changes` entries, in file order. */
  readonly changes: T[];
  /** The mapped `resource_drift` entries, in file order. */
  readonly drift: T[];
  /** The top-level members named in `keep`, parsed (absent ones are missing). */
  readonly kept: Readonly<Record<string, unknown>>;
  /** `errored`: Terraform stopped planning partway (only with `errored: 'report'`; otherwise such a plan is refused). */
  readonly errored: boolean;
  /**
   * False when Terraform (1.8 and later) marked the plan `complete: false`: it was planned with `-target` or
   * deferred changes, so applying it leaves changes it does not show (only with `incomplete: 'report'`;
   * otherwise such a plan is refused). A plan without the member (before Terraform 1.8) reads as complete:
   * nothing in it says otherwise. An errored plan is `errored`, whatever it says here.
   */
  readonly complete: boolean;
  /** How many entries `deferred_changes` lists (Terraform 1.9 and later with deferrals), 0 when none. */
  readonly deferredChanges: number;
  /**
   * The outputs of `output_changes` whose actions are not only `no-op`, in file order, with their actions.
   * Names and actions only: the values (sensitive ones included, which Terraform writes in clear) stay here.
   */
  readonly outputChanges: readonly { readonly name: string; readonly actions: readonly string[] }[];
}

export interface ReadPlanOptions {
  /** Top-level members to parse and return in `kept`. */
  readonly keep?: readonly string[];
  /**
   * A plan marked `errored: true`: `refuse` it (exit 2: its changes are incomplete, so a review of it
   * would pass what it never saw), or `report` it in `errored` for a caller that says so itself
   * (drift: the environment is unreadable) and validates the member itself.
   * @default 'refuse'
   */
  readonly errored?: 'refuse' | 'report';
  /**
   * A plan marked `complete: false` (`-target`, deferred changes): `refuse` it (exit 2: what it leaves for a later
   * round is not in it, so a review would pass what it never saw), or `report` it in `complete` for a caller
   * that refuses or flags it itself (plan review, with its `--allow-incomplete`).
   * @default 'refuse'
   */
  readonly incomplete?: 'refuse' | 'report';
}

const SHOW_JSON_FIX = 'Run `terraform show -json PLANFILE > plan.json` and pass that file.';

/** What a plan marked `complete: false` leaves out, in words (`deferred`: entries of `deferred_changes`). */
export function incompleteCause(deferred: number): string {
  return deferred > 0
    ? `${deferred} deferred change${deferred === 1 ? '' : 's'}: they are planned only after this plan is applied`
    : 'planned with `-target` or with deferred changes: applying it leaves changes this plan does not show';
}

/** What to do about an incomplete plan (`-target` is left out; deferred changes come after an apply). */
export const INCOMPLETE_FIX =
  'Plan again without `-target` and pass the new `terraform show -json PLANFILE` output (deferred changes are ' +
  'planned after this plan is applied).';

/** The refusal of a plan Terraform marked `complete: false`, with the caller's fix. */
export function incompletePlanError(file: string, deferred: number, fix = INCOMPLETE_FIX): ExitError {
  return fail(file, 'a complete plan', `a plan Terraform marked \`complete: false\` (${incompleteCause(deferred)})`, fix);
}

function fail(file: string, expected: string, found: string, fix = SHOW_JSON_FIX): ExitError {
  return badInput(expected, `${found} in \`${file}\``, fix);
}

/** Bytes as UTF-8 JSON text: a UTF-8 byte order mark is skipped, UTF-16 (Windows redirects) is re-encoded. */
function decode(raw: Buffer): Buffer {
  if (raw[0] === 0xff && raw[1] === 0xfe) return Buffer.from(new TextDecoder('utf-16le').decode(raw.subarray(2)), 'utf8');
  if (raw[0] === 0xfe && raw[1] === 0xff) return Buffer.from(new TextDecoder('utf-16be').decode(raw.subarray(2)), 'utf8');
  if (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) return raw.subarray(3);
  return raw;
}

function describeSyntaxError(buf: Buffer, file: string, error: JsonSyntaxError): ExitError {
  if (error.kind === 'truncated') {
    return fail(
      file,
      'complete plan JSON',
      `JSON that stops after ${buf.length} bytes (${error.message})`,
      'The file was cut off: write it again with `terraform show -json PLANFILE > plan.json` and make sure the command finished.',
    );
  }
  const { line, column } = lineAndColumn(buf, error.offset);
  return fail(file, 'valid plan JSON', `invalid JSON at line ${line}, column ${column} (${error.message})`);
}

/**
 * Reads and checks a plan file; `mapEntry` turns each raw entry into what the caller keeps. Throws
 * an ExitError (exit 2) naming what was expected, what was found and what to run.
 */
export function readPlanFile<T>(
  file: string,
  mapEntry: (entry: RawResourceChange, kind: 'change' | 'drift') => T,
  options: ReadPlanOptions = {},
): ReadPlan<T> {
  const raw = readInputBytes(file, { what: 'a plan JSON file', fix: 'Check the path given to `--plan NAME=FILE`.' });
  if (raw.length === 0) throw fail(file, 'plan JSON', 'an empty file');
  if (raw[0] === 0x50 && raw[1] === 0x4b && raw[2] === 0x03 && raw[3] === 0x04) {
    throw fail(
      file,
      'plan JSON',
      'a binary plan file (a zip archive written by `terraform plan -out`)',
      'Run `terraform show -json PLANFILE > plan.json` on it first and pass the JSON file.',
    );
  }
  const buf = decode(raw);
  try {
    return readDocument(buf, file, mapEntry, options);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw describeSyntaxError(buf, file, error);
    throw error;
  }
}

/** Lines hashicorp/setup-terraform's wrapper prints around the command's output (workflow commands, the command line). */
const WRAPPER_LINE = /^(\[command\]|::(debug|set-output|add-mask|group|endgroup|warning|error|notice)\b|%0A)/;
const WRAPPER_FIX = 'Set `terraform_wrapper: false` on hashicorp/setup-terraform, or redirect `terraform show -json PLANFILE` to a file.';

function firstLineAt(buf: Buffer, start: number): string {
  return buf
    .toString('utf8', start, Math.min(buf.length, start + 200))
    .split('\n')[0]!
    .trim();
}

function readDocument<T>(
  buf: Buffer,
  file: string,
  mapEntry: (entry: RawResourceChange, kind: 'change' | 'drift') => T,
  options: ReadPlanOptions,
): ReadPlan<T> {
  const keep = [...(options.keep ?? []), 'errored', 'complete', 'deferred_changes', 'output_changes'];
  const start = skipWhitespace(buf, 0, buf.length);
  if (buf[start] !== 0x7b) {
    const firstLine = firstLineAt(buf, start);
    const wrapper = WRAPPER_LINE.test(firstLine) ? ' (output of the hashicorp/setup-terraform wrapper)' : '';
    throw fail(file, 'plan JSON starting with `{`', `\`${firstLine.slice(0, 60)}\`${wrapper}`, wrapper ? WRAPPER_FIX : SHOW_JSON_FIX);
  }
  const changes: T[] = [];
  const drift: T[] = [];
  const keys = new Set<string>();
  let formatVersion: unknown;
  let terraformVersion: unknown;
  const kept: Record<string, unknown> = {};
  // One walk over the document: the lists of changes are parsed and mapped entry by entry; every
  // other member is only checked against the JSON grammar (nothing is built).
  const measure: MeasureValue = (b, pos, end, key) => {
    keys.add(key);
    if (key === 'resource_changes' || key === 'resource_drift') {
      if (b[pos] !== 0x5b) {
        const valueEnd = validatedEnd(b, pos, end);
        if (parseSpan(b, { start: pos, end: valueEnd }) === null) return valueEnd;
        throw fail(file, `\`${key}\` as an array`, `\`${b.toString('utf8', pos, Math.min(valueEnd, pos + 40))}\``);
      }
      const target = key === 'resource_changes' ? changes : drift;
      const kind = key === 'resource_changes' ? 'change' : 'drift';
      let index = 0;
      return drain(
        entries(b, pos, end, (bb, p, e) => {
          const elementEnd = skipValue(bb, p, e);
          const entry = parseSpan<unknown>(bb, { start: p, end: elementEnd });
          const problem = planEntryProblem(entry);
          if (problem) {
            const address =
              entry && typeof entry === 'object' && typeof (entry as { address?: unknown }).address === 'string'
                ? ` (\`${(entry as { address: string }).address}\`)`
                : '';
            throw fail(
              file,
              `entry ${index} of \`${key}\`${address}: ${problem.expected}`,
              problem.found,
              'Pass the unedited output of `terraform show -json PLANFILE`; if Terraform wrote this, open an issue with the entry.',
            );
          }
          index++;
          target.push(mapEntry(asPlanEntry(entry), kind));
          return elementEnd;
        }),
      );
    }
    if (keep.includes(key)) {
      const valueEnd = skipValue(b, pos, end);
      kept[key] = parseSpan(b, { start: pos, end: valueEnd });
      return valueEnd;
    }
    if (key === 'format_version' || key === 'terraform_version') {
      const valueEnd = skipValue(b, pos, end);
      const value = parseSpan(b, { start: pos, end: valueEnd });
      if (key === 'format_version') formatVersion = value;
      else terraformVersion = value;
      return valueEnd;
    }
    return validatedEnd(b, pos, end);
  };
  const rootEnd = drain(entries(buf, start, buf.length, measure));
  const rest = skipWhitespace(buf, rootEnd, buf.length);
  if (rest < buf.length) {
    const after = firstLineAt(buf, rest);
    if (WRAPPER_LINE.test(after))
      throw fail(
        file,
        'plan JSON alone',
        `\`${after.slice(0, 60)}\` after the JSON (output of the hashicorp/setup-terraform wrapper)`,
        WRAPPER_FIX,
      );
    throw new JsonSyntaxError('invalid', rest, 'text after the end of the JSON document');
  }

  if (formatVersion === undefined) {
    if (keys.has('lineage') || keys.has('serial'))
      throw fail(file, 'plan JSON', 'a Terraform state file (it has `lineage` and `serial`, no `format_version`)');
    throw fail(
      file,
      'plan JSON with a `format_version`',
      `an object with keys ${
        [...keys]
          .slice(0, 6)
          .map((k) => `\`${k}\``)
          .join(', ') || 'none'
      }`,
    );
  }
  if (typeof formatVersion !== 'string' || !/^\d+\.\d+$/.test(formatVersion)) {
    throw fail(file, '`format_version` as a string such as `1.2`', `\`${JSON.stringify(formatVersion)}\``);
  }
  const major = Number(formatVersion.split('.')[0]);
  if (!(SUPPORTED_FORMAT_MAJORS as readonly number[]).includes(major)) {
    throw fail(
      file,
      `plan JSON format_version ${SUPPORTED_FORMAT_MAJORS.map((m) => `${m}.x`).join(' or ')}`,
      `format_version \`${formatVersion}\``,
      'Produce the plan JSON with Terraform 0.12 to 1.x, or upgrade env-parity to a version that reads this format.',
    );
  }
  const isPlan = keys.has('planned_values') || keys.has('resource_changes') || keys.has('prior_state');
  if (!isPlan) {
    const state = keys.has('values')
      ? 'the JSON of a state (`terraform show -json` without a plan file: it has `values`, no `planned_values`)'
      : `an object with keys ${[...keys].map((k) => `\`${k}\``).join(', ')}`;
    throw fail(file, 'plan JSON (with `planned_values` or `resource_changes`)', state);
  }
  const errored = kept.errored;
  if (options.errored !== 'report') {
    if (errored !== undefined && typeof errored !== 'boolean')
      throw fail(file, '`errored` as `true` or `false`', `\`${JSON.stringify(errored)}\``);
    if (errored === true) {
      throw fail(
        file,
        'a complete plan',
        'a plan Terraform marked `errored: true` (planning stopped partway, so its changes are incomplete and cannot be reviewed)',
        'Fix the errors `terraform plan` printed, plan again and pass the new `terraform show -json PLANFILE` output.',
      );
    }
  }
  const { complete, deferredChanges } = readCompleteness(file, kept, errored === true, options);
  return {
    formatVersion,
    terraformVersion: typeof terraformVersion === 'string' ? terraformVersion : undefined,
    changes,
    drift,
    kept: Object.fromEntries(Object.entries(kept).filter(([key]) => options.keep?.includes(key))),
    errored: errored === true,
    complete,
    deferredChanges,
    outputChanges: readOutputChanges(file, kept.output_changes),
  };
}

/**
 * `complete` and `deferred_changes`, checked; an incomplete plan refused unless the caller reports it. An errored
 * plan is incomplete because it errored: the `errored` option decides about it, so drift still reports it as such.
 */
function readCompleteness(
  file: string,
  kept: Readonly<Record<string, unknown>>,
  errored: boolean,
  options: ReadPlanOptions,
): { complete: boolean; deferredChanges: number } {
  const { complete, deferred_changes: deferred } = kept;
  if (complete !== undefined && typeof complete !== 'boolean')
    throw fail(file, '`complete` as `true` or `false`', `\`${JSON.stringify(complete).slice(0, 40)}\``);
  if (deferred !== undefined && deferred !== null && !Array.isArray(deferred))
    throw fail(file, '`deferred_changes` as a list', `\`${JSON.stringify(deferred).slice(0, 40)}\``);
  const deferredChanges = Array.isArray(deferred) ? deferred.length : 0;
  if (complete === false && !errored && options.incomplete !== 'report') throw incompletePlanError(file, deferredChanges);
  return { complete: complete !== false, deferredChanges };
}

/** The changed outputs of `output_changes` (an object of `{ "actions": [...] }` by output name). */
function readOutputChanges(file: string, value: unknown): ReadPlan<never>['outputChanges'] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value))
    throw fail(file, '`output_changes` as an object of outputs', `\`${JSON.stringify(value).slice(0, 40)}\``);
  const changed: { name: string; actions: string[] }[] = [];
  for (const [name, change] of Object.entries(value)) {
    const actions = (change as { actions?: unknown } | null)?.actions;
    if (!Array.isArray(actions) || actions.length === 0 || !actions.every((a) => typeof a === 'string')) {
      throw fail(
        file,
        `output \`${name}\` of \`output_changes\` with \`actions\` as a list of strings such as \`["update"]\``,
        `\`${JSON.stringify(change)?.slice(0, 60)}\``,
        'Pass the unedited output of `terraform show -json PLANFILE`.',
      );
    }
    if (actions.some((a) => a !== 'no-op')) changed.push({ name, actions });
  }
  return changed;
}
