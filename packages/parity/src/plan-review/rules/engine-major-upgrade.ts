/** The engine moves to another major version: an upgrade with downtime and no way back. */
import { engineVersionChange } from '../rule-support/engine-version-change';
import { failWith, notApplicable, pass, unknown, type PlanRule, type RuleResult, type RuleSubject } from '../rule-support/rule-subject';

const meta = {
  id: 'engine-major-upgrade',
  description:
    '`engine_version` (or `elasticsearch_version`) moves to another major: PostgreSQL 16 → 17, 9.6 → 10; MySQL 8.0 → 8.4; ' +
    'Valkey/Redis 6 → 7.',
  why:
    'A major engine upgrade takes the service down and cannot be rolled back; it needs a rehearsal on staging and a planned ' +
    'window. Accept it explicitly with a waiver for this rule and address.',
  docsUrl: 'docs/plan-review.md#what-it-reports',
  defaultLevel: 'block',
} as const;

function check(subject: RuleSubject): RuleResult {
  const change = engineVersionChange(subject);
  if (change.state === 'none') return subject.kind === 'update' || subject.kind === 'replace' ? pass : notApplicable;
  if (change.state === 'unknown') return unknown(change.message);
  if (!change.major) return pass;
  return failWith(
    `${subject.address} moves \`${change.attribute}\` from ${change.from} to ${change.to}, ` +
      `a major version upgrade${subject.kind === 'replace' ? ' (and the plan replaces the resource)' : ''}.`,
  );
}

const rule: PlanRule = { meta, check };
export default rule;
