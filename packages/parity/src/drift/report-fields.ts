/**
 * The drift report's sections, derived from the registry's readings and results: `ssm` from the
 * `ssm-keys` and `ssm-values` readings, `engines` from every check with an `engine`, `layout` from
 * every check with `settings` that failed, and each environment's per-service status from the
 * outcomes of the checks of that service. A new check lands in these sections (and in `findings`)
 * with no edit here or in the renderers.
 */
import type { Finding } from '../shared/findings/finding';
import type { RuleOutcome } from '../shared/rules/run-pack';
import { settingMismatches } from './check-results';
import { compareSsmKeys } from './compare-ssm-keys';
import { compareSsmValues } from './compare-ssm-values';
import type { DriftEnvironment } from './drift-environment';
import type { EngineComparison, LayoutMismatch, ServiceResult, SsmDrift } from './drift-report';
import type { LiveService, LiveSsm } from './live-state';
import type { LiveValues } from './checks/ssm-values';
import type { CompareInput } from './run-checks';
import { describePending } from './compare-engines';

/** The live state one check read in each environment that could be read, in order. */
function readLive<Live>(input: CompareInput, id: string): Map<string, Live> {
  const live = new Map<string, Live>();
  for (const env of input.selected) {
    const reading = input.readings.get(env.name)?.checks.get(id);
    if (reading?.status === 'read') live.set(env.name, reading.live as Live);
  }
  return live;
}

export function ssmSection(input: CompareInput): SsmDrift {
  const keys = readLive<LiveSsm>(input, 'ssm-keys');
  const values = readLive<LiveValues>(input, 'ssm-values');
  const declared = input.selected[0]?.declared.ssmKeys ?? [];
  const fromValues = compareSsmValues(
    input.environments,
    new Map([...values].map(([env, v]) => [env, v.values])),
    new Map([...values].map(([env, v]) => [env, v.expected])),
  );
  return { ...compareSsmKeys(new Map([...keys].map(([env, ssm]) => [env, ssm.keys])), declared), ...fromValues };
}

export function enginesSection(input: CompareInput): EngineComparison[] {
  const first = input.selected[0]!;
  return input.checks.flatMap((check) => {
    const engine = check.engine;
    if (!engine) return [];
    const comparison: EngineComparison = {
      service: engine.service,
      resource: input.normalize(engine.resource(first)),
      declared: engine.declared(first),
      live: {},
      pending: {},
      drift: false,
      driftIn: [],
    };
    for (const env of input.selected) {
      const reading = input.readings.get(env.name)?.checks.get(check.meta.id);
      if (reading?.status !== 'read') {
        comparison.live[env.name] = null;
        continue;
      }
      const view = engine.view(reading.live, env);
      comparison.live[env.name] = view.shown;
      if (view.pending.length > 0) comparison.pending[env.name] = view.pending.map(describePending);
      if (!view.matches || view.pending.some((p) => p.changesEngineVersion)) {
        comparison.drift = true;
        comparison.driftIn.push(env.name);
      }
    }
    return [comparison];
  });
}

export function layoutSection(input: CompareInput, outcomes: readonly RuleOutcome<DriftEnvironment>[]): LayoutMismatch[] {
  const failed = new Set(outcomes.filter((o) => o.status === 'fail').map((o) => `${o.subject.name}\u0000${o.ruleId}`));
  const mismatches: LayoutMismatch[] = [];
  for (const env of input.selected) {
    for (const check of input.checks) {
      if (!check.settings || !failed.has(`${env.name}\u0000${check.meta.id}`)) continue;
      const reading = input.readings.get(env.name)?.checks.get(check.meta.id);
      if (reading?.status !== 'read') continue;
      for (const s of settingMismatches(check.settings(reading.live, env))) {
        mismatches.push({
          service: s.service,
          resource: input.normalize(s.resource),
          environment: env.name,
          attribute: s.attribute,
          declared: s.declared,
          live: s.live ?? null,
        });
      }
    }
  }
  return mismatches;
}

/**
 * A service's status in one environment: `unreadable` when any of its checks is unknown (with
 * each distinct reason), else `drift` when any blocking check failed, else `ok`.
 */
export function serviceResult(
  service: LiveService,
  env: DriftEnvironment,
  input: CompareInput,
  outcomes: readonly RuleOutcome<DriftEnvironment>[],
  findings: readonly Finding[],
): ServiceResult {
  const ids = new Set(input.checks.filter((c) => c.meta.service === service).map((c) => c.meta.id));
  const mine = outcomes.filter((o) => o.subject.name === env.name && ids.has(o.ruleId));
  const reasons = new Set<string>();
  for (const o of mine) {
    if (o.status !== 'unknown') continue;
    const reading = input.readings.get(env.name)?.checks.get(o.ruleId);
    const said = findings.find((f) => f.unknown && f.rule === o.ruleId && f.environment === env.name)?.message;
    reasons.add(reading?.status === 'unreadable' ? reading.reason : (said ?? `${o.ruleId} could not decide`));
  }
  if (reasons.size > 0) return { status: 'unreadable', reason: [...reasons].join('; ') };
  return { status: mine.some((o) => o.status === 'fail' && o.level === 'block') ? 'drift' : 'ok' };
}
