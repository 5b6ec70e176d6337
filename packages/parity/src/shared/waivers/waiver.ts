/**
 * Waivers: an allowed divergence or an accepted finding that is not a scale knob, written down
 * with a reason, an owner and an expiry date. An expired waiver fails the check that reads it.
 * One model for every engine: what it matches (rule and/or address, path, environment), reason,
 * owner, expiry; applied by apply-waivers.ts, read by waiver-file.ts and inline-annotation.ts.
 */
import { z } from 'zod';
import { type PathStep, parseAttributePath } from '../attribute-path';
import { type PathPattern, parsePathPattern, pathMatches } from '../attribute-path-pattern';
import { ENVIRONMENT_NAME, ENVIRONMENT_NAME_RULE } from '../environment-names';

/** True for a day that exists: `2026-02-28` and `2028-02-29`, not `2026-02-30` or `2026-13-01`. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const waiverSchema = z
  .object({
    /** The resource address it covers, after environment names are normalized out; `*` matches within one segment. */
    address: z.string().min(1),
    /**
     * The attribute path it covers, in the path syntax (`engine_version`, `tags.*`, `ingress[*].cidr_blocks`,
     * `tags["k8s.io/role"]`): `*` is one step, `**` any number; absent means every path of the address.
     */
    path: z.string().min(1).optional(),
    /** The rule it accepts (an id of the engine it is for, src/shared/waivers/waiver-routing.ts); absent means every rule. */
    rule: z.string().min(1).optional(),
    /**
     * The engine a waiver without a `rule` is for, in a file several engines read (a policy file); a waiver with a
     * rule is for the engine owning the rule. @default every engine that reads the file
     */
    engine: z.enum(['check', 'plan-review'], 'an engine that reads waiver files: `check` or `plan-review`').optional(),
    /** The environment it applies to; absent means every environment. */
    environment: z.string().regex(ENVIRONMENT_NAME, ENVIRONMENT_NAME_RULE).optional(),
    /** Why the divergence is acceptable. */
    reason: z.string().min(10, 'a reason of at least 10 characters'),
    /** Who answers for it: a person or a team. */
    owner: z.string().min(1),
    /** The last day it holds, as `YYYY-MM-DD`. */
    expires: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as `YYYY-MM-DD`')
      .refine(isCalendarDate, 'a real calendar date as `YYYY-MM-DD` (2026-02-30 is not one)'),
  })
  .strict()
  // The address may be left out when a rule is named (the rule everywhere); one of the two says what it accepts.
  .partial({ address: true })
  .superRefine((w, ctx) => {
    if (w.address !== undefined || w.rule !== undefined) return;
    ctx.addIssue({
      code: 'custom',
      message: 'a `rule` or an `address` (or both): what the waiver accepts',
      path: ['rule'],
      input: undefined,
    });
  });

/** A waiver as written in a waivers file, a policy file or (new form) an inline annotation. */
export type Waiver = z.infer<typeof waiverSchema> & {
  /** Where it was written (`waivers.yml`, `migrations/0004_x.sql:3`), for reports. */
  readonly source?: string;
};

/** A waiver holds through the whole of its expiry day (UTC); one without an expiry (the gate's old inline form) never expires. */
export function isExpired(waiver: { readonly expires?: string }, now: Date = new Date()): boolean {
  if (waiver.expires === undefined) return false;
  return now.getTime() > Date.parse(`${waiver.expires}T23:59:59.999Z`);
}

/** Turns a glob (`*` within a segment, `**` across segments) into an anchored regular expression. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (ch === '*') {
      source += '[^.]*';
    } else {
      source += ch.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/** What a waiver is matched against: a finding's address, path, rule and the environments it concerns. */
export interface WaiverTarget {
  readonly address: string;
  readonly path?: string;
  readonly rule?: string;
  /** The environments the finding concerns; a waiver naming one of them matches. Absent: any. */
  readonly environments?: readonly string[];
}

/** Waiver paths, parsed once: `*` is one step, `**` any number (src/shared/attribute-path-pattern.ts). */
const waiverPaths = new Map<string, PathPattern | null>();

function waiverPath(text: string): PathPattern | null {
  let pattern = waiverPaths.get(text);
  if (pattern === undefined) {
    try {
      pattern = parsePathPattern(text);
    } catch {
      pattern = null;
    }
    waiverPaths.set(text, pattern);
  }
  return pattern;
}

/** True when a waiver's path (written in the path syntax, or its old dotted form) covers a printed attribute path. */
export function waiverPathMatches(pattern: string, path: string): boolean {
  const compiled = waiverPath(pattern);
  if (!compiled) return false;
  let steps: PathStep[];
  try {
    steps = parseAttributePath(path);
  } catch {
    return false;
  }
  return pathMatches(compiled, steps);
}

/** What of a waiver is matched: each field it gives must match; an absent one matches anything. */
export type WaiverMatchFields = Pick<Waiver, 'address' | 'path' | 'rule' | 'environment'>;

export function waiverMatches(waiver: WaiverMatchFields, target: WaiverTarget): boolean {
  if (waiver.address !== undefined && !globToRegExp(waiver.address).test(target.address)) return false;
  if (waiver.path !== undefined && (target.path === undefined || !waiverPathMatches(waiver.path, target.path))) return false;
  if (waiver.rule !== undefined && waiver.rule !== target.rule) return false;
  if (waiver.environment !== undefined && target.environments !== undefined && !target.environments.includes(waiver.environment))
    return false;
  return true;
}
