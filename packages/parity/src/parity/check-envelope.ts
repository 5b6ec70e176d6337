/**
 * `parity check` as the shared report envelope: every divergence is a finding (rule `invariant` or `topology`,
 * its kind) for each environment whose value differs from the group's most common one, with that value as
 * `found` and the common one as `expected`; waived divergences go to `waived`, with their waiver.
 */
import type { Finding, ReportEnvelope, WaivedFinding } from '../shared/findings/finding';
import { buildEnvelope, waiverReference } from '../shared/report/envelope';
import type { CheckReport, GroupReport } from './check-report';
import type { Difference, DifferenceKind, OnlyIn } from './parity-result';
import { formatValue } from './report-rows';

/** Why each kind of divergence matters: shown with its findings. */
export const CHECK_RULE_WHY: Readonly<Record<DifferenceKind, string>> = {
  invariant:
    'Everything that is not a declared scale knob must be equal in every environment: a setting staging does not share with prod is a ' +
    'setting prod runs untested.',
  topology:
    'Environments of one parity group must be built the same way (node counts, replicas, Multi-AZ, presence of resources): staging ' +
    'proves a prod change only when it has the same shape.',
};

const NOT_SET = '(not set)';
const NO_RESOURCE = '(no resource)';

function valueIn(d: Difference, env: string): string {
  return Object.hasOwn(d.values, env) ? formatValue(d.values[env]) : d.absentIn.includes(env) ? NOT_SET : NO_RESOURCE;
}

/** The most common value of the group (the first one on a tie), as the matrix marks it. */
function commonValue(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let mode = values[0]!;
  for (const [v, n] of counts) if (n > counts.get(mode)!) mode = v;
  return mode;
}

function base(kind: DifferenceKind): Pick<Finding, 'engine' | 'rule' | 'level' | 'why'> {
  return { engine: 'check', rule: kind, level: 'block', why: CHECK_RULE_WHY[kind] };
}

/** One finding per environment that differs from the common value (an unresolved value always differs). */
export function differenceFindings(group: GroupReport, d: Difference): Finding[] {
  const environments = group.environments.filter(
    (env) => Object.hasOwn(d.values, env) || d.absentIn.includes(env) || d.unknownIn.includes(env),
  );
  const envs = environments.length > 0 ? environments : group.environments;
  const values = envs.map((env) => valueIn(d, env));
  const expected = commonValue(values);
  return envs
    .map((env, i) => ({ env, value: values[i]! }))
    .filter(({ env, value }) => value !== expected || d.unknownIn.includes(env) || value.startsWith('(unknown'))
    .map(({ env, value }) => {
      const unknown = d.unknownIn.includes(env) || value.startsWith('(unknown');
      // An unresolved value is never counted as equal, not even to the common value it is.
      const known = !unknown || value !== expected;
      return {
        ...base(d.kind),
        environment: env,
        address: d.address,
        path: d.path,
        ...(known ? { expected } : {}),
        found: value,
        ...(unknown ? { unknown: true } : {}),
        message: unknown
          ? `\`${d.path}\` in ${env} cannot be resolved statically: never counted as equal`
          : `\`${d.path}\` in ${env} differs from the rest of ${group.name}`,
      };
    });
}

/** One finding per environment of the group on the minority side of a presence difference. */
export function presenceFindings(group: GroupReport, p: OnlyIn): Finding[] {
  const cells = group.environments.map((env) => (p.environments.includes(env) ? 'present' : 'absent'));
  const expected = commonValue(cells);
  return group.environments
    .filter((_, i) => cells[i] !== expected)
    .map((env) => {
      const found = expected === 'present' ? 'absent' : 'present';
      return {
        ...base(p.kind),
        environment: env,
        address: p.address,
        expected,
        found,
        message: `the resource is ${found} in ${env}, unlike the rest of ${group.name}`,
      };
    });
}

function findingsOf(group: GroupReport, finding: Difference | OnlyIn): Finding[] {
  return 'path' in finding ? differenceFindings(group, finding) : presenceFindings(group, finding);
}

export function toEnvelope(report: CheckReport): ReportEnvelope {
  const source = report.policy.from;
  const findings = report.groups.flatMap((g) => [...g.differences, ...g.onlyIn].flatMap((f) => findingsOf(g, f)));
  // One entry per waived divergence (its first differing environment), as the waiver names the divergence.
  const waived: WaivedFinding[] = report.groups.flatMap((g) =>
    g.waived.flatMap((w) =>
      findingsOf(g, w.finding)
        .slice(0, 1)
        .map((finding) => ({ finding, waiver: waiverReference(w.waiver, source) })),
    ),
  );
  return buildEnvelope('check', {
    findings,
    waived,
    unusedWaivers: report.unusedWaivers.map((w) => waiverReference(w, source)),
    expiredWaivers: report.expiredWaivers.map((w) => waiverReference(w, source)),
    status: report.status,
  });
}
