/**
 * Matches policy patterns (`aws_db_instance.*.instance_class`, `provider.aws.assume_role.**`,
 * `aws_subnet.*`) against a resource address and an attribute path.
 *
 * - The address part is matched segment by segment: `*` is one segment, and a segment may hold a
 *   glob (`orders-*`).
 * - In the attribute part, `**` matches any number of segments, and `*` matches one segment or a
 *   missing list index, so `cluster_config.*.instance_type` matches both cdktf's single block
 *   (`cluster_config.instance_type`) and HCL's block list (`cluster_config.0.instance_type`).
 * - A pattern naming an attribute covers everything beneath it (`subnet_ids` covers `subnet_ids.2`).
 * - A pattern naming only a resource (`aws_subnet.*`) allows its presence to differ, not its attributes.
 */
import { globToRegExp } from '../shared/waivers/waiver';
import { splitPath } from './load-terraform-json';

export interface CompiledPattern {
  /** The pattern as written. */
  readonly pattern: string;
  readonly segments: readonly string[];
}

const segmentRegExps = new Map<string, RegExp>();

function segmentMatches(patternSegment: string, segment: string): boolean {
  if (patternSegment === '*') return true;
  if (!patternSegment.includes('*')) return patternSegment === segment;
  let regExp = segmentRegExps.get(patternSegment);
  if (!regExp) {
    regExp = globToRegExp(patternSegment);
    segmentRegExps.set(patternSegment, regExp);
  }
  return regExp.test(segment);
}

export function compilePattern(pattern: string): CompiledPattern {
  return { pattern, segments: splitPath(pattern) };
}

function matchPath(pattern: readonly string[], i: number, path: readonly string[], j: number): boolean {
  if (i === pattern.length) return j > 0 || path.length === 0;
  const head = pattern[i]!;
  if (head === '**') return matchPath(pattern, i + 1, path, j) || (j < path.length && matchPath(pattern, i, path, j + 1));
  if (head === '*' && matchPath(pattern, i + 1, path, j)) return true;
  return j < path.length && segmentMatches(head, path[j]!) && matchPath(pattern, i + 1, path, j + 1);
}

/**
 * True when the pattern covers this address and attribute path; with no path, true when the
 * pattern names the resource itself (its presence may differ).
 */
export function patternMatches(compiled: CompiledPattern, address: string, path?: string): boolean {
  const addressSegments = address.split('.');
  const { segments } = compiled;
  if (segments.length < addressSegments.length) return false;
  for (let i = 0; i < addressSegments.length; i++) {
    if (!segmentMatches(segments[i]!, addressSegments[i]!)) return false;
  }
  const rest = segments.slice(addressSegments.length);
  if (path === undefined) return rest.length === 0;
  if (rest.length === 0) return false;
  return matchPath(rest, 0, splitPath(path), 0);
}

/** The first pattern of a list that covers the address and path, if any. */
export function firstMatching<T extends { readonly compiled: CompiledPattern }>(patterns: readonly T[], address: string, path?: string): T | undefined {
  return patterns.find((p) => patternMatches(p.compiled, address, path));
}
