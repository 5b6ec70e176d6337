/**
 * The attribute paths at which two Terraform values differ: dotted, list indexes as numbers
 * (`tags.Owner`, `ingress.0.cidr_blocks.1`). Only paths, never values, so sensitive attributes
 * are not shown.
 */

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function join(prefix: string, segment: string | number): string {
  return prefix === '' ? String(segment) : `${prefix}.${segment}`;
}

function collect(before: unknown, after: unknown, prefix: string, into: string[]): void {
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      if (i >= before.length || i >= after.length) into.push(join(prefix, i));
      else collect(before[i], after[i], join(prefix, i), into);
    }
    return;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      if (!(key in before) || !(key in after)) {
        // An attribute that appears or disappears counts only when it holds something.
        const value = key in before ? before[key] : after[key];
        if (value !== null && value !== undefined) into.push(join(prefix, key));
      } else {
        collect(before[key], after[key], join(prefix, key), into);
      }
    }
    return;
  }
  if (before !== after) into.push(prefix === '' ? '(whole value)' : prefix);
}

export function changedPaths(before: unknown, after: unknown): string[] {
  const paths: string[] = [];
  collect(before, after, '', paths);
  return paths;
}
