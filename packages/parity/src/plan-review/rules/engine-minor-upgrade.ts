/** The engine moves to another minor version within its major: a restart, usually short. */
import { engineVersionChange } from '../rule-support/engine-version-change';
import { failWith, notApplicable, pass, type PlanRule, type RuleResult, type RuleSubject } from '../rule-support/rule-subject';

const meta = {
  id: 'engine-minor-upgrade',
  description: '`engine_version` moves within its major.',
  why: 'A minor engine upgrade restarts the engine: a short outage unless failover covers it.',
  docsUrl: 'docs/plan-review.md#what-it-reports',
  defaultLevel: 'warn',
} as const;

function check(subject: RuleSubject): RuleResult {
  const change = engineVersionChange(subject);
  if (change.state === 'none') return subject.kind === 'update' || subject.kind === 'replace' ? pass : notApplicable;
  // A version that cannot be read is reported once, by engine-major-upgrade.
  if (change.state === 'unknown') return notApplicable;
  if (change.major) return pass;
  return failWith(`${subject.address} moves \`${change.attribute}\` from ${change.from} to ${change.to}, a minor version change: the engine restarts.`);
}

const rule: PlanRule = { meta, check };
export default rule;
