/**
 * `parity drift` as a function: reads the live environments (read-only) with every check of the
 * registry, compares them with what the code declares and with each other, summarizes
 * refresh-only plans, and returns the report. The environments and what they declare come in as
 * a DriftTarget (the CLI builds it from config/). Bad input throws an ExitError (exit 2) before
 * any AWS call. Each check of each environment stands alone: one that cannot be read is unknown
 * (its service `unreadable`, with the reason), and every check that was read is still compared.
 */
import { environmentNameNormalizer } from '../shared/environment-names';
import { badInput, ExitCode, type ExitCodeValue } from '../shared/exit-error';
import type { RuleLevel } from '../shared/rules/rule-module';
import { DEFAULT_DEADLINE_MS } from './aws-clients';
import { sumCalls } from './call-counter';
import { DRIFT_CHECKS } from './checks';
import type { AnyDriftCheck } from './drift-check';
import type { DriftEnvironment, DriftTarget } from './drift-environment';
import type { DriftReport, EnvironmentResult, TerraformDriftEntry } from './drift-report';
import { readRefreshOnlyPlan } from './refresh-only-plan';
import { enginesSection, layoutSection, ssmSection } from './report-fields';
import { compareChecks, readChecks, type CompareInput } from './run-checks';
import { environmentResult, type PlanReading } from './service-status';

export interface DriftOptions {
  /** Every environment drift knows of, with what the code declares for each. */
  target: DriftTarget;
  /** Environments to check, by name; absent or empty means every environment of the target, in its order. */
  environments?: readonly string[];
  /** Refresh-only plan JSON files (`terraform show -json`), by environment name. */
  refreshOnlyPlans?: ReadonlyMap<string, string>;
  /** The checks to run. @default DRIFT_CHECKS, the registry */
  checks?: readonly AnyDriftCheck[];
  /** Level overrides by check id (`off` skips a check). @default each check's `defaultLevel` */
  levels?: Readonly<Record<string, RuleLevel>>;
  /** Attempts per AWS operation with the SDK's standard retry mode (default 3). */
  maxAttempts?: number;
  /** Total time for reading each environment, retries included (`--timeout`), in milliseconds. @default 60 000 */
  deadlineMs?: number;
  /** Per attempt: the longest wait for one request's complete answer, in milliseconds. @default 15 000 (at most the deadline) */
  requestTimeoutMs?: number;
}

export function selectEnvironments(target: DriftTarget, names: readonly string[] | undefined): DriftEnvironment[] {
  if (!names || names.length === 0) return [...target.environments];
  const known = target.environments.map((e) => e.name);
  for (const name of names) {
    if (!known.includes(name)) {
      throw badInput(
        `\`--env\` one of the environments in ${target.source ?? 'the drift target'} (${known.join(', ')})`,
        `\`${name}\``,
        `Run again with \`--env ${known[0]}\`, or leave \`--env\` out to check every environment.`,
      );
    }
  }
  return target.environments.filter((e) => names.includes(e.name));
}

function readPlans(plans: ReadonlyMap<string, string> | undefined, selected: readonly DriftEnvironment[]): Map<string, PlanReading> {
  const names = selected.map((e) => e.name);
  const readings = new Map<string, PlanReading>();
  for (const [env, file] of plans ?? []) {
    if (!names.includes(env)) {
      throw badInput(
        `\`--refresh-only-plan NAME=FILE\` for an environment being checked (${names.join(', ')})`,
        `\`${env}=${file}\``,
        `Add \`--env ${env}\`, or drop that plan.`,
      );
    }
    readings.set(env, { file, summary: readRefreshOnlyPlan(file) });
  }
  return readings;
}

export async function runDrift(options: DriftOptions): Promise<DriftReport> {
  const { target } = options;
  const selected = selectEnvironments(target, options.environments);
  const plans = readPlans(options.refreshOnlyPlans, selected);
  const checks = (options.checks ?? DRIFT_CHECKS).filter((c) => options.levels?.[c.meta.id] !== 'off');
  const readOptions = {
    deadlineMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS,
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  };
  const readings = await Promise.all(selected.map((env) => readChecks(env, checks, readOptions)));
  const input: CompareInput = {
    checks,
    selected,
    environments: target.environments,
    readings: new Map(selected.map((env, i) => [env.name, readings[i]!])),
    normalize: environmentNameNormalizer(selected.map((e) => e.name)),
    ...(options.levels ? { levels: options.levels } : {}),
  };
  const { findings, outcomes } = compareChecks(input);
  const terraform: Record<string, TerraformDriftEntry[]> = {};
  for (const [env, plan] of plans) terraform[env] = plan.summary.drift;
  const environments: Record<string, EnvironmentResult> = {};
  for (const env of selected) environments[env.name] = environmentResult(env, plans.get(env.name), input, { outcomes, findings });
  return {
    schemaVersion: 1,
    environments,
    ssm: ssmSection(input),
    engines: enginesSection(input),
    layout: layoutSection(input, outcomes),
    terraform,
    calls: Object.fromEntries(selected.map((env, i) => [env.name, readings[i]!.calls])),
    totals: sumCalls(readings.map((r) => r.calls)),
    findings,
  };
}

/** 3 when any part of an environment could not be read (its drift is unknown), else 1 when drift was found, else 0. */
export function driftExitCode(report: DriftReport): ExitCodeValue {
  const statuses = Object.values(report.environments).map((e) => e.status);
  if (statuses.includes('unreadable')) return ExitCode.unreadable;
  if (statuses.includes('drift')) return ExitCode.findings;
  return ExitCode.ok;
}
