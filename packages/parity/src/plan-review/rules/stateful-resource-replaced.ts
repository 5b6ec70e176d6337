/** A resource that holds data is replaced: destroyed and created again, empty. */
import { explainChange } from '../action-reasons';
import { failWith, notApplicable, pass, type PlanRule, type RuleResult, type RuleSubject } from '../rule-support/rule-subject';
import { STATEFUL_TYPES } from '../rule-support/stateful-types';

const meta = {
  id: 'stateful-resource-replaced',
  description:
    'The plan replaces a resource that holds data: an RDS instance, cluster or global cluster, ElastiCache group, ' +
    'cluster or serverless cache, MemoryDB cluster, OpenSearch or Elasticsearch domain, S3 bucket, DynamoDB table, KMS key, ' +
    'EFS file system, EBS volume, DocumentDB or Neptune cluster.',
  why:
    'Replacing a resource that holds data (database, cache, search domain, bucket, table, key) ' +
    'destroys it and creates an empty one. Restore from a snapshot is a manual, slow step.',
  docsUrl: 'docs/plan-review.md#what-it-reports',
  defaultLevel: 'block',
} as const;

function check(subject: RuleSubject): RuleResult {
  if (!STATEFUL_TYPES.has(subject.type)) return notApplicable;
  if (subject.kind !== 'replace') return pass;
  return failWith(
    `${subject.address} is replaced (${subject.actions.join(' then ')}): ` +
      `${explainChange('replace', subject.type, subject.replacePaths, subject.actionReason)}.`,
  );
}

const rule: PlanRule = { meta, check };
export default rule;
