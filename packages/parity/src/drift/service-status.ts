/**
 * The status of each part of an environment (`ssm`, `rds`, `elasticache`, `opensearch`,
 * `terraform`) from what was read and what the comparisons found, and the environment's status
 * from its parts: unreadable wins (the exit code is 3), then drift, then ok.
 */
import type { DriftReport, EnvironmentResult, ServiceName, ServiceResult } from './drift-report';
import type { LiveEnvironment } from './live-state';
import type { RefreshOnlySummary } from './refresh-only-plan';

type Findings = Pick<DriftReport, 'ssm' | 'engines' | 'layout'>;

function ssmDrifts(env: string, f: Findings): boolean {
  const { ssm } = f;
  return (
    (ssm.missingIn[env]?.length ?? 0) > 0 ||
    (ssm.unmanaged[env]?.length ?? 0) > 0 ||
    ssm.typeMismatch.some((m) => m.declared !== undefined && m.live[env] !== undefined && m.live[env] !== m.declared) ||
    ssm.valueMismatch.some((m) => m.environment === env) ||
    ssm.crossEnvironment.some((r) => r.environment === env)
  );
}

function engineDrifts(env: string, service: 'rds' | 'elasticache' | 'opensearch', f: Findings): boolean {
  return f.engines.some((e) => e.service === service && e.driftIn.includes(env)) || f.layout.some((m) => m.environment === env && m.service === service);
}

export interface PlanReading {
  /** The file given with `--refresh-only-plan`. */
  readonly file: string;
  readonly summary: RefreshOnlySummary;
}

export function environmentResult(env: string, live: LiveEnvironment, plan: PlanReading | undefined, findings: Findings): EnvironmentResult {
  const read = (service: 'ssm' | 'rds' | 'elasticache' | 'opensearch', present: boolean, drifts: () => boolean): ServiceResult =>
    !present ? { status: 'unreadable', reason: live.errors[service] ?? 'not read' } : { status: drifts() ? 'drift' : 'ok' };
  const terraform: ServiceResult = !plan
    ? { status: 'not-checked', reason: 'no `--refresh-only-plan` given for this environment' }
    : plan.summary.errored
      ? { status: 'unreadable', reason: `the refresh-only plan ${plan.file} is marked \`errored\`: terraform could not refresh \`${env}\`, so its drift is unknown` }
      : { status: plan.summary.drift.length > 0 ? 'drift' : 'ok' };
  const services: Record<ServiceName, ServiceResult> = {
    ssm: read('ssm', live.ssm !== null, () => ssmDrifts(env, findings)),
    rds: read('rds', live.database !== null, () => engineDrifts(env, 'rds', findings)),
    elasticache: read('elasticache', live.cache !== null, () => engineDrifts(env, 'elasticache', findings)),
    opensearch: read('opensearch', live.search !== null, () => engineDrifts(env, 'opensearch', findings)),
    terraform,
  };
  const parts = Object.values(services);
  const reasons = [...new Set(parts.filter((p) => p.status === 'unreadable').map((p) => p.reason!))];
  const status = reasons.length > 0 ? 'unreadable' : parts.some((p) => p.status === 'drift') ? 'drift' : 'ok';
  return { status, ...(reasons.length > 0 ? { error: reasons.join('; ') } : {}), ...(live.accountId ? { accountId: live.accountId } : {}), services };
}
