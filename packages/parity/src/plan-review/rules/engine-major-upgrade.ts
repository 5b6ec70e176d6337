/** The engine moves to another major version: an upgrade with downtime and no way back. */
import { engineVersionChange } from './engine-version-change';
import { compliant, nonCompliant, notApplicable, unknown, type RuleSubject, type RuleResult } from './rule';

export default function engineMajorUpgrade(subject: RuleSubject): RuleResult {
  const change = engineVersionChange(subject);
  if (change.state === 'none') return subject.kind === 'update' || subject.kind === 'replace' ? compliant : notApplicable;
  if (change.state === 'unknown') return unknown(change.message);
  if (!change.major) return compliant;
  return nonCompliant(`${subject.address} moves \`${change.attribute}\` from ${change.from} to ${change.to}, a major version upgrade${subject.kind === 'replace' ? ' (and the plan replaces the resource)' : ''}.`);
}
