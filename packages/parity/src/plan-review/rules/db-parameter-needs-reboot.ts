/**
 * A database parameter change that takes effect only after a reboot (`apply_method =
 * pending-reboot`), or a new parameter group attached to an instance: until someone reboots, the
 * database runs with other settings than the code says.
 */
import type { JsonValue } from '../../shared/plan/plan-json';
import {
  failWith,
  notApplicable,
  pass,
  read,
  unknown,
  whyUnknown,
  type PlanRule,
  type RuleResult,
  type RuleSubject,
} from '../rule-support/rule-subject';

const meta = {
  id: 'db-parameter-needs-reboot',
  description: 'A DB parameter with `apply_method = pending-reboot` changes, or an instance switches parameter group.',
  why: 'A static database parameter takes effect only at the next reboot: until then the database does not run what the code says.',
  docsUrl: 'docs/plan-review.md#what-it-reports',
  defaultLevel: 'warn',
} as const;

const PARAMETER_GROUPS = new Set(['aws_db_parameter_group', 'aws_rds_cluster_parameter_group']);
const INSTANCES = new Set(['aws_db_instance', 'aws_rds_cluster_instance']);

interface Parameter {
  value: string;
  applyMethod: string;
}

function parameters(value: JsonValue): Map<string, Parameter> {
  const byName = new Map<string, Parameter>();
  if (!Array.isArray(value)) return byName;
  for (const item of value) {
    if (item && typeof item === 'object' && !Array.isArray(item) && typeof item.name === 'string') {
      byName.set(item.name, { value: String(item.value ?? ''), applyMethod: String(item.apply_method ?? 'immediate') });
    }
  }
  return byName;
}

function groupChange(subject: RuleSubject): RuleResult {
  const before = read(subject, 'before', ['parameter']);
  const after = read(subject, 'after', ['parameter']);
  if (before.state !== 'known' || after.state !== 'known') {
    const which = before.state !== 'known' ? before : after;
    return which.state === 'absent'
      ? pass
      : unknown(`cannot compare the parameters of ${subject.address}: the ${which === before ? 'old' : 'new'} set ${whyUnknown(which)}.`);
  }
  const old = parameters(before.value);
  const next = parameters(after.value);
  const needReboot: string[] = [];
  for (const name of [...new Set([...old.keys(), ...next.keys()])].sort()) {
    const a = old.get(name);
    const b = next.get(name);
    if (a?.value === b?.value && a?.applyMethod === b?.applyMethod) continue;
    if (a?.applyMethod === 'pending-reboot' || b?.applyMethod === 'pending-reboot') {
      needReboot.push(`\`${name}\` ${a ? a.value : '(unset)'} → ${b ? b.value : '(unset)'}`);
    }
  }
  if (needReboot.length === 0) return pass;
  return failWith(
    `${subject.address} changes ${needReboot.join(', ')} with apply_method pending-reboot: the instances using it run the old value ` +
      `until they are rebooted.`,
  );
}

function instanceChange(subject: RuleSubject): RuleResult {
  const before = read(subject, 'before', ['parameter_group_name']);
  const after = read(subject, 'after', ['parameter_group_name']);
  if (before.state === 'absent' || (before.state === 'known' && before.value === null)) return pass;
  if (after.state !== 'known')
    return unknown(
      `cannot tell whether ${subject.address} gets another parameter group: the new \`parameter_group_name\` ${whyUnknown(after)}.`,
    );
  if (before.state !== 'known' || before.value === after.value) return pass;
  return failWith(
    `${subject.address} switches parameter group from ${String(before.value)} to ${String(after.value)}: ` +
      `static parameters of the new group apply only after a reboot.`,
  );
}

function check(subject: RuleSubject): RuleResult {
  if (subject.kind !== 'update') return notApplicable;
  if (PARAMETER_GROUPS.has(subject.type)) return groupChange(subject);
  if (INSTANCES.has(subject.type)) return instanceChange(subject);
  return notApplicable;
}

const rule: PlanRule = { meta, check };
export default rule;
