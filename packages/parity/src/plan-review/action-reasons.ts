/**
 * Plain words for what Terraform says it will do: the action kind of an `actions` list, the
 * `action_reason`, and what a replacement destroys (from `replace_paths`).
 */
import { formatPath } from './changed-paths';
import { KNOWN_ACTIONS } from '../shared/plan/plan-json';

/** The summary bucket of a change. `other` holds `forget` and anything Terraform does not emit. */
export type ActionKind = 'create' | 'update' | 'replace' | 'delete' | 'read' | 'noop' | 'forget' | 'unrecognized';

/** Classifies an `actions` list as Terraform writes it. */
export function actionKind(actions: readonly string[]): ActionKind {
  if (actions.some((a) => !(KNOWN_ACTIONS as readonly string[]).includes(a))) return 'unrecognized';
  const key = actions.join(',');
  switch (key) {
    case 'no-op':
      return 'noop';
    case 'create':
    case 'read':
    case 'update':
    case 'delete':
    case 'forget':
      return key;
    case 'delete,create':
    case 'create,delete':
      return 'replace';
    case 'create,forget':
    case 'forget,create':
      return 'forget';
    default:
      return 'unrecognized';
  }
}

const REASONS: Record<string, string> = {
  replace_because_cannot_update: 'the provider cannot make this change in place',
  replace_because_tainted: 'the resource is tainted (a previous apply failed part-way)',
  replace_by_request: 'replacement was requested (`-replace`)',
  replace_by_triggers: 'a `replace_triggered_by` reference changed',
  delete_because_no_resource_config: 'the resource is no longer in the configuration',
  delete_because_no_module: 'its module is no longer in the configuration',
  delete_because_wrong_repetition: 'the resource switched between count, for_each and a single instance',
  delete_because_count_index: 'its `count` index is out of range now',
  delete_because_each_key: 'its `for_each` key is gone',
  delete_because_no_move_target: 'the target of its `moved` block does not exist',
  read_because_config_unknown: 'its configuration is known only during apply',
  read_because_dependency_pending: 'it depends on a change that is not applied yet',
  read_because_check_nested: 'a check block reads it',
};

/** `action_reason` in plain words; an unknown reason is shown as written. */
export function describeActionReason(reason: string | undefined): string | undefined {
  if (reason === undefined) return undefined;
  return REASONS[reason] ?? `Terraform's reason: \`${reason}\``;
}

/** What a replacement of this resource type destroys. */
export function replacedThing(type: string): string {
  if (/^aws_(db_instance|rds_cluster|rds_cluster_instance|docdb_cluster|neptune_cluster)$/.test(type)) return 'the database';
  if (/^aws_(elasticache_|memorydb_)/.test(type)) return 'the cache cluster and its data';
  if (/^aws_(opensearch|elasticsearch)_domain$/.test(type)) return 'the search domain and its indices';
  if (type === 'aws_s3_bucket') return 'the bucket and its objects';
  if (type === 'aws_dynamodb_table') return 'the table and its items';
  if (type === 'aws_kms_key') return 'the key (data encrypted with it becomes unreadable)';
  return 'the resource';
}

/**
 * One sentence on why a resource is replaced or deleted: `engine changed: this replaces the
 * database (the provider cannot make this change in place)`.
 */
export function explainChange(
  kind: ActionKind,
  type: string,
  replacePaths: readonly (string | number)[][],
  actionReason: string | undefined,
): string | undefined {
  const reason = describeActionReason(actionReason);
  if (kind === 'replace') {
    const paths = replacePaths.map((p) => `\`${formatPath(p)}\``);
    const head =
      paths.length > 0 ? `${paths.join(', ')} changed: this replaces ${replacedThing(type)}` : `this replaces ${replacedThing(type)}`;
    return reason ? `${head} (${reason})` : head;
  }
  if (kind === 'delete') return reason ? `this deletes ${replacedThing(type)}: ${reason}` : `this deletes ${replacedThing(type)}`;
  return reason;
}
