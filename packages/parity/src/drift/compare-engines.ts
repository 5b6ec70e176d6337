/** How live engine versions and pending changes are matched and shown (the `*-engine-version` checks). */
import type { PendingChange } from './live-state';

/** A live version matches a declared `major.minor` when equal or a patch of it (`7.2` matches `7.2.6`). */
export function versionMatches(declared: string, live: string): boolean {
  return live === declared || live.startsWith(`${declared}.`);
}

export function describePending(change: PendingChange): string {
  const when = change.applyAfter ? ` (applies after ${change.applyAfter})` : '';
  return `${change.action}: ${change.description}${when}`;
}
