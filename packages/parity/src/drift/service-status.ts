/**
 * The status of each part of an environment (`ssm`, `rds`, `elasticache`, `opensearch` from the
 * outcomes of their checks, `terraform` from the refresh-only plan) and the environment's status
 * from its parts: unreadable wins (the exit code is 3), then drift, then ok.
 */
import type { Finding } from '../shared/findings/finding';
import type { RuleOutcome } from '../shared/rules/run-pack';
import type { DriftEnvironment } from './drift-environment';
import type { EnvironmentResult, ServiceName, ServiceResult } from './drift-report';
import type { RefreshOnlySummary } from './refresh-only-plan';
import { serviceResult } from './report-fields';
import type { CompareInput } from './run-checks';

export interface PlanReading {
  /** The file given with `--refresh-only-plan`. */
  readonly file: string;
  readonly summary: RefreshOnlySummary;
}

export function environmentResult(
  env: DriftEnvironment,
  plan: PlanReading | undefined,
  input: CompareInput,
  run: { readonly outcomes: readonly RuleOutcome<DriftEnvironment>[]; readonly findings: readonly Finding[] },
): EnvironmentResult {
  const part = (service: 'ssm' | 'rds' | 'elasticache' | 'opensearch') => serviceResult(service, env, input, run.outcomes, run.findings);
  const terraform: ServiceResult = !plan
    ? { status: 'not-checked', reason: 'no `--refresh-only-plan` given for this environment' }
    : plan.summary.errored
      ? {
          status: 'unreadable',
          reason:
            `the refresh-only plan ${plan.file} is marked \`errored\`: ` +
            `terraform could not refresh \`${env.name}\`, so its drift is unknown`,
        }
      : { status: plan.summary.drift.length > 0 ? 'drift' : 'ok' };
  const services: Record<ServiceName, ServiceResult> = {
    ssm: part('ssm'),
    rds: part('rds'),
    elasticache: part('elasticache'),
    opensearch: part('opensearch'),
    terraform,
  };
  const parts = Object.values(services);
  const reasons = [...new Set(parts.filter((p) => p.status === 'unreadable').map((p) => p.reason!))];
  const status = reasons.length > 0 ? 'unreadable' : parts.some((p) => p.status === 'drift') ? 'drift' : 'ok';
  const accountId = input.readings.get(env.name)?.accountId;
  return { status, ...(reasons.length > 0 ? { error: reasons.join('; ') } : {}), ...(accountId ? { accountId } : {}), services };
}
