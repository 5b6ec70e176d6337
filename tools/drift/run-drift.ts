/**
 * `parity drift` as a function: reads the live environments (read-only), compares them with each
 * other and with config/, summarizes refresh-only plans, and returns the report. Bad input throws
 * an ExitError (exit 2) before any AWS call; an environment that cannot be read is reported as
 * `unreadable`, and the others are still checked.
 */
import { declaredSsmKeys, loadProjectConfig, type EnvironmentConfig, type ProjectConfig } from '../../config';
import { badInput, ExitCode, type ExitCodeValue } from '../cli/exit-error';
import { sumCalls } from './call-counter';
import { compareEngines } from './compare-engines';
import { compareLayout } from './compare-layout';
import { compareSsmKeys } from './compare-ssm-keys';
import type { DriftReport, EnvironmentResult, TerraformDriftEntry } from './drift-report';
import type { LiveEnvironment, LiveSsmKey } from './live-state';
import { readEnvironment } from './read-environment';
import { readRefreshOnlyPlan, type RefreshOnlySummary } from './refresh-only-plan';

export interface DriftOptions {
  /** Environments to check, by name; absent or empty means every environment, in config order. */
  environments?: readonly string[];
  /** Refresh-only plan JSON files (`terraform show -json`), by environment name. */
  refreshOnlyPlans?: ReadonlyMap<string, string>;
  /** The project configuration; defaults to `loadProjectConfig()`. */
  config?: ProjectConfig;
  /** Attempts per AWS operation with the SDK's standard retry mode (default 3). */
  maxAttempts?: number;
}

function selectEnvironments(config: ProjectConfig, names: readonly string[] | undefined): EnvironmentConfig[] {
  if (!names || names.length === 0) return config.environments;
  const known = config.environments.map((e) => e.name);
  for (const name of names) {
    if (!known.includes(name)) {
      throw badInput(`\`--env\` one of the environments in config/environments.ts (${known.join(', ')})`, `\`${name}\``, `Run again with \`--env ${known[0]}\`, or leave \`--env\` out to check every environment.`);
    }
  }
  return config.environments.filter((e) => names.includes(e.name));
}

function readPlans(plans: ReadonlyMap<string, string> | undefined, selected: readonly EnvironmentConfig[]): Map<string, RefreshOnlySummary> {
  const names = selected.map((e) => e.name);
  const summaries = new Map<string, RefreshOnlySummary>();
  for (const [env, file] of plans ?? []) {
    if (!names.includes(env)) {
      throw badInput(`\`--refresh-only-plan NAME=FILE\` for an environment being checked (${names.join(', ')})`, `\`${env}=${file}\``, `Add \`--env ${env}\`, or drop that plan.`);
    }
    summaries.set(env, readRefreshOnlyPlan(file));
  }
  return summaries;
}

function environmentDrifts(env: string, report: Omit<DriftReport, 'environments'>): boolean {
  return (
    (report.ssm.missingIn[env]?.length ?? 0) > 0 ||
    (report.ssm.unmanaged[env]?.length ?? 0) > 0 ||
    report.ssm.typeMismatch.some((m) => m.declared !== undefined && m.live[env] !== undefined && m.live[env] !== m.declared) ||
    report.engines.some((e) => e.driftIn.includes(env)) ||
    report.layout.some((m) => m.environment === env) ||
    (report.terraform[env]?.length ?? 0) > 0
  );
}

export async function runDrift(options: DriftOptions = {}): Promise<DriftReport> {
  const config = options.config ?? loadProjectConfig();
  const selected = selectEnvironments(config, options.environments);
  const plans = readPlans(options.refreshOnlyPlans, selected);
  const app = config.platform.app;
  const readings = await Promise.all(selected.map((env) => readEnvironment(env, app, options.maxAttempts ? { maxAttempts: options.maxAttempts } : {})));

  const live = new Map<string, LiveEnvironment | null>();
  const ssmKeys = new Map<string, readonly LiveSsmKey[]>();
  selected.forEach((env, i) => {
    const reading = readings[i]!;
    live.set(env.name, reading.readable ? reading.live : null);
    if (reading.readable) ssmKeys.set(env.name, reading.live.ssm);
  });
  const declared = declaredSsmKeys(config.platform);
  const terraform: Record<string, TerraformDriftEntry[]> = {};
  for (const [env, summary] of plans) terraform[env] = summary.drift;
  const findings = {
    schemaVersion: 1 as const,
    ssm: compareSsmKeys(ssmKeys, declared),
    engines: compareEngines(config, live),
    layout: compareLayout(config, live),
    terraform,
    calls: Object.fromEntries(selected.map((env, i) => [env.name, readings[i]!.calls])),
    totals: sumCalls(readings.map((r) => r.calls)),
  };
  const environments: Record<string, EnvironmentResult> = {};
  selected.forEach((env, i) => {
    const reading = readings[i]!;
    const plan = plans.get(env.name);
    if (!reading.readable) {
      environments[env.name] = { status: 'unreadable', error: reading.error };
    } else if (plan?.errored) {
      environments[env.name] = { status: 'unreadable', error: `the refresh-only plan ${options.refreshOnlyPlans?.get(env.name)} is marked \`errored\`: terraform could not refresh \`${env.name}\`, so its drift is unknown`, accountId: reading.live.accountId };
    } else {
      environments[env.name] = { status: environmentDrifts(env.name, findings) ? 'drift' : 'ok', accountId: reading.live.accountId };
    }
  });
  return { schemaVersion: 1, environments, ssm: findings.ssm, engines: findings.engines, layout: findings.layout, terraform: findings.terraform, calls: findings.calls, totals: findings.totals };
}

/** 3 when an environment could not be read (its drift is unknown), else 1 when drift was found, else 0. */
export function driftExitCode(report: DriftReport): ExitCodeValue {
  const statuses = Object.values(report.environments).map((e) => e.status);
  if (statuses.includes('unreadable')) return ExitCode.unreadable;
  if (statuses.includes('drift')) return ExitCode.findings;
  return ExitCode.ok;
}
