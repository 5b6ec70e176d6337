/**
 * Matches policy patterns (`aws_db_instance.*.instance_class`, `provider.aws.assume_role.**`,
 * `aws_subnet.*`, `aws_security_group.*.ingress[*].cidr_blocks`) against a resource address and an
 * attribute path. The attribute part is written in the one path syntax (src/shared/attribute-path.ts).
 *
 * - The address part is matched segment by segment: `*` is one segment, and a segment may hold a
 *   glob (`orders-*`).
 * - In the attribute part, `**` matches any number of steps, and `*` matches one step or a
 *   missing list index, so `cluster_config.*.instance_type` matches both cdktf's single block
 *   (`cluster_config.instance_type`) and HCL's block list (`cluster_config[0].instance_type`).
 * - A pattern naming an attribute covers everything beneath it (`subnet_ids` covers `subnet_ids[2]`).
 * - A pattern naming only a resource (`aws_subnet.*`) allows its presence to differ, not its attributes.
 * - The old dotted form (`ingress.0.cidr_blocks`) still matches; `deprecation` says how to write it.
 */
import { AttributePathError, parseAttributePath, type PathStep } from '../shared/attribute-path';
import { badInput } from '../shared/exit-error';
import { matchSteps, parsePathPattern, stepMatches, type PathPattern } from '../shared/attribute-path-pattern';

export interface CompiledPattern extends PathPattern {
  /** The pattern as written. */
  readonly pattern: string;
}

/** Compiles a pattern; one that is not in the path syntax is bad input (exit 2) naming where it stops. */
export function compilePattern(pattern: string): CompiledPattern {
  try {
    return { ...parsePathPattern(pattern, { bareKeysAreLegacy: false }), pattern };
  } catch (error) {
    if (!(error instanceof AttributePathError)) throw error;
    throw badInput(
      `a policy pattern such as \`aws_security_group.*.ingress[*].cidr_blocks\` (${error.expected} at offset ${error.offset})`,
      `\`${pattern}\``,
      'Write keys that are not plain names as `["key"]` and list indexes as `[0]`.',
    );
  }
}

/** Parsed model paths: the same few thousand paths are matched against every pattern. */
const parsedPaths = new Map<string, PathStep[]>();

function pathSteps(path: string): PathStep[] {
  let steps = parsedPaths.get(path);
  if (!steps) {
    steps = parseAttributePath(path);
    if (parsedPaths.size < 100_000) parsedPaths.set(path, steps);
  }
  return steps;
}

/**
 * True when the pattern covers this address and attribute path; with no path, true when the
 * pattern names the resource itself (its presence may differ).
 */
export function patternMatches(compiled: CompiledPattern, address: string, path?: string): boolean {
  const addressSegments = address.split('.');
  const { steps } = compiled;
  if (steps.length < addressSegments.length) return false;
  for (let i = 0; i < addressSegments.length; i++) {
    if (!stepMatches(steps[i]!, { key: addressSegments[i]! })) return false;
  }
  if (path === undefined) return steps.length === addressSegments.length;
  if (steps.length === addressSegments.length) return false;
  return matchSteps(steps, addressSegments.length, pathSteps(path), 0, { starMayBeEmpty: true, coversBeneath: true });
}

/** The first pattern of a list that covers the address and path, if any. */
export function firstMatching<T extends { readonly compiled: CompiledPattern }>(
  patterns: readonly T[],
  address: string,
  path?: string,
): T | undefined {
  return patterns.find((p) => patternMatches(p.compiled, address, path));
}

/**
 * Deprecation warnings for policy patterns and waiver paths written in the old dotted form
 * (`ingress.0.cidr_blocks`): they still match, and each warning says how to write them now.
 */
export function deprecatedPathForms(
  patterns: readonly { readonly pattern: string }[],
  waivers: readonly { readonly path?: string }[],
): string[] {
  const notes = new Set<string>();
  const note = (text: string, bareKeysAreLegacy: boolean) => {
    try {
      const { deprecation } = parsePathPattern(text, { bareKeysAreLegacy });
      if (deprecation) notes.add(deprecation);
    } catch {
      // Not a pattern at all: compilePattern reports it as bad input; a waiver path matches nothing.
    }
  };
  for (const p of patterns) note(p.pattern, false);
  for (const w of waivers) if (w.path !== undefined) note(w.path, true);
  return [...notes];
}
