/**
 * The policy file for codebases that are not this project (JSON or YAML): parity groups, allowed
 * differences as patterns over resource type, name and attribute, and waivers.
 *
 * ```yaml
 * groups:
 *   production: [staging, prod]
 * scaleKnobs:
 *   - aws_db_instance.*.instance_class
 *   - { pattern: aws_ecs_service.*.desired_count, why: traffic }
 * topology:
 *   - aws_db_instance.*.multi_az
 * waivers:
 *   - { address: aws_s3_bucket.legacy_exports, reason: ..., owner: data-team, expires: 2026-03-31 }
 * defaults: true   # also apply the default AWS size knobs (the default)
 * ```
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { AttributePattern, ParityGroup } from './parity-policy';
import { ENVIRONMENT_NAME, ENVIRONMENT_NAME_RULE } from '../../shared/environment-names';
import { badInput } from '../../shared/exit-error';
import { type InputKind, readInputText } from '../../shared/input-files';
import { parseJsonFile } from '../../shared/read-json-file';
import { type Waiver, waiverSchema } from '../../shared/waivers/waiver';
import { assertWaiverRules } from '../../shared/waivers/waiver-routing';
import { WAIVER_RULE_IDS } from '../../waiver-rule-ids';

/** Parity group names: as environment names (they are normalized the same way). */
const GROUP_NAME = ENVIRONMENT_NAME;

const patternSchema = z.union([z.string().min(1), z.object({ pattern: z.string().min(1), why: z.string().min(1).optional() }).strict()]);

export const policyFileSchema = z
  .object({
    /** Parity group name → its environments. */
    groups: z
      .record(
        z.string().regex(GROUP_NAME, 'a group name of lower-case letters, digits and dashes'),
        z.array(z.string().regex(ENVIRONMENT_NAME, ENVIRONMENT_NAME_RULE)).min(1),
      )
      .optional(),
    /** Differences allowed between any environments. */
    scaleKnobs: z.array(patternSchema).optional(),
    /** Differences allowed between parity groups only. */
    topology: z.array(patternSchema).optional(),
    /** Written-down divergences, each with a reason, an owner and an expiry. */
    waivers: z.array(waiverSchema).optional(),
    /** Whether the default AWS size knobs apply too (default true). */
    defaults: z.boolean().optional(),
  })
  .strict();

export interface PolicyFile {
  /** The file it was read from. */
  readonly file: string;
  /** Parity groups, when the file names them. */
  readonly groups?: readonly ParityGroup[];
  /** Allowed differences between any environments. */
  readonly scaleKnobs: readonly AttributePattern[];
  /** Allowed differences between parity groups. */
  readonly topology: readonly AttributePattern[];
  /** The waivers, validated. */
  readonly waivers: readonly Waiver[];
  /** Whether the default AWS size knobs apply. */
  readonly defaults: boolean;
}

function toPatterns(entries: z.infer<typeof patternSchema>[] | undefined, file: string): AttributePattern[] {
  return (entries ?? []).map((e) =>
    typeof e === 'string' ? { pattern: e, why: `policy file ${file}` } : { pattern: e.pattern, why: e.why ?? `policy file ${file}` },
  );
}

function describeIssue(issue: z.core.$ZodIssue): { expected: string; found: string } {
  const at = issue.path.length > 0 ? ` at \`${issue.path.join('.')}\`` : '';
  if (issue.code === 'unrecognized_keys') {
    return {
      expected: `only the keys ${Object.keys(policyFileSchema.shape).join(', ')} (and the documented keys of each entry)`,
      found: `unknown key ${issue.keys.map((k) => `\`${k}\``).join(', ')}${at}`,
    };
  }
  if (issue.code === 'invalid_type') return { expected: `${issue.expected}${at}`, found: describeValue(issue.input) };
  if (
    issue.code === 'invalid_format' ||
    issue.code === 'invalid_value' ||
    issue.code === 'custom' ||
    issue.code === 'too_small' ||
    issue.code === 'invalid_key'
  ) {
    return { expected: `${issue.message.replace(/^Invalid input: expected /, '')}${at}`, found: describeValue(issue.input) };
  }
  return { expected: issue.message.replace(/^Invalid input: expected /, ''), found: `something else${at}` };
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return '`null`';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `\`${String(value).slice(0, 60)}\``;
}

const POLICY_INPUT: InputKind = { what: 'a policy file (JSON or YAML)', fix: 'Check the path given to `--policy`.' };

/** Reads and validates a policy file; every problem is bad input naming the file. */
export function loadPolicyFile(file: string): PolicyFile {
  let raw: unknown;
  if (file.endsWith('.json')) raw = parseJsonFile(file, POLICY_INPUT);
  else {
    const text = readInputText(file, POLICY_INPUT);
    try {
      raw = parseYaml(text);
    } catch (error) {
      throw badInput(
        `valid YAML in ${file}`,
        `a syntax error: ${(error as Error).message.split('\n')[0]}`,
        'Fix the file, then run again.',
      );
    }
  }
  if (raw !== null && raw !== undefined && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw badInput(
      `a mapping with the keys ${Object.keys(policyFileSchema.shape).join(', ')} in policy file ${file}`,
      describeValue(raw),
      'Fix the policy file; its format is in README.md, "Checking parity".',
    );
  }
  const parsed = policyFileSchema.safeParse(raw ?? {}, { reportInput: true });
  if (!parsed.success) {
    const { expected, found } = describeIssue(parsed.error.issues[0]!);
    throw badInput(`${expected} in policy file ${file}`, found, 'Fix the policy file; its format is in README.md, "Checking parity".');
  }
  const p = parsed.data;
  assertWaiverRules(p.waivers ?? [], WAIVER_RULE_IDS, file);
  return {
    file,
    groups: p.groups ? Object.entries(p.groups).map(([name, environments]) => ({ name, environments })) : undefined,
    scaleKnobs: toPatterns(p.scaleKnobs, file),
    topology: toPatterns(p.topology, file),
    waivers: (p.waivers ?? []).map((w) => ({ ...w, source: file })),
    defaults: p.defaults ?? true,
  };
}
