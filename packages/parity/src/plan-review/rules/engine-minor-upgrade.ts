/** The engine moves to another minor version within its major: a restart, usually short. */
import { engineVersionChange } from './engine-version-change';
import { compliant, nonCompliant, notApplicable, type RuleSubject, type RuleResult } from './rule';

export default function engineMinorUpgrade(subject: RuleSubject): RuleResult {
  const change = engineVersionChange(subject);
  if (change.state === 'none') return subject.kind === 'update' || subject.kind === 'replace' ? compliant : notApplicable;
  // A version that cannot be read is reported once, by engine-major-upgrade.
  if (change.state === 'unknown') return notApplicable;
  if (change.major) return compliant;
  return nonCompliant(`${subject.address} moves \`${change.attribute}\` from ${change.from} to ${change.to}, a minor version change: the engine restarts.`);
}
