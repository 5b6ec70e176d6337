/**
 * Shared by the rules that watch a protective switch (`deletion_protection`,
 * `storage_encrypted`...): was it on before and is it off in the plan?
 */
import type { PathStep } from '../attribute-values';
import { formatPath } from '../changed-paths';
import { failWith, notApplicable, pass, read, unknown, whyUnknown, type RuleResult, type RuleSubject } from './rule-subject';

/** A switch whose `true` means protected. */
export interface ProtectiveSwitch {
  /** Attribute path of the flag. */
  readonly path: readonly PathStep[];
  /** What the flag guards, for the message. */
  readonly what: string;
}

/** `true`, or `"true"` for the flags a provider types as strings. */
function isOn(value: unknown): boolean {
  return value === true || value === 'true';
}

/** A failure when a switch that was `true` before is `false` (or null) after; unknown when the new value cannot be read. */
export function switchTurnedOff(subject: RuleSubject, switches: readonly ProtectiveSwitch[]): RuleResult {
  if (subject.kind !== 'update' && subject.kind !== 'replace') return notApplicable;
  let applies = false;
  const problems: string[] = [];
  const unknowns: string[] = [];
  for (const sw of switches) {
    const before = read(subject, 'before', sw.path);
    if (before.state !== 'known' || !isOn(before.value)) continue;
    applies = true;
    const after = read(subject, 'after', sw.path);
    if (after.state === 'known' && isOn(after.value)) continue;
    if (after.state === 'known' || after.state === 'absent') problems.push(`\`${formatPath(sw.path)}\` (${sw.what}) goes from true to ${after.state === 'known' ? String(after.value) : 'unset'}`);
    else unknowns.push(`the new \`${formatPath(sw.path)}\` ${whyUnknown(after)}`);
  }
  if (problems.length > 0) return failWith(`${subject.address}: ${problems.join('; ')}${subject.kind === 'replace' ? ', and the plan replaces the resource' : ''}.`);
  if (unknowns.length > 0) return unknown(`cannot tell whether ${subject.address} stays protected: ${unknowns.join('; ')}.`);
  return applies ? pass : notApplicable;
}
