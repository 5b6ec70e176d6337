/**
 * `parity drift` as a function: reads the live environments (read-only), compares them with each
 * other and with config/, summarizes refresh-only plans, and returns the report. Bad input throws
 * an ExitError (exit 2) before any AWS call. Each part of each environment stands alone: a part
 * that cannot be read is `unreadable` with its reason, and every part that was read is still
 * compared and reported.
 */
import { declaredSsmKeys, loadProjectConfig, type EnvironmentConfig, type ProjectConfig } from '../../../../config';
import { badInput, ExitCode, type ExitCodeValue } from '../shared/exit-error';
import { DEFAULT_DEADLINE_MS } from './aws-clients';
import { sumCalls } from './call-counter';
import { compareEngines } from './compare-engines';
import { compareLayout } from './compare-layout';
import { compareSsmKeys } from './compare-ssm-keys';
import { compareSsmValues, type LiveExpectations } from './compare-ssm-values';
import type { DriftReport, EnvironmentResult, TerraformDriftEntry } from './drift-report';
import type { LiveEnvironment, LiveSsmKey } from './live-state';
import { readEnvironment } from './read-environment';
import { readRefreshOnlyPlan } from './refresh-only-plan';
import { cacheReplicationGroupId, databaseInstanceId, searchDomainName } from './resource-names';
import { environmentResult, type PlanReading } from './service-status';

export interface DriftOptions {
  /** Environments to check, by name; absent or empty means every environment, in config order. */
  environments?: readonly string[];
  /** Refresh-only plan JSON files (`terraform show -json`), by environment name. */
  refreshOnlyPlans?: ReadonlyMap<string, string>;
  /** The project configuration; defaults to `loadProjectConfig()`. */
  config?: ProjectConfig;
  /** Attempts per AWS operation with the SDK's standard retry mode (default 3). */
  maxAttempts?: number;
  /** Total time for reading each environment, retries included (`--timeout`), in milliseconds. @default 60 000 */
  deadlineMs?: number;
  /** Per attempt: the longest wait for one request's complete answer, in milliseconds. @default 15 000 (at most the deadline) */
  requestTimeoutMs?: number;
}

export function selectEnvironments(config: ProjectConfig, names: readonly string[] | undefined): EnvironmentConfig[] {
  if (!names || names.length === 0) return config.environments;
  const known = config.environments.map((e) => e.name);
  for (const name of names) {
    if (!known.includes(name)) {
      throw badInput(`\`--env\` one of the environments in config/environments.ts (${known.join(', ')})`, `\`${name}\``, `Run again with \`--env ${known[0]}\`, or leave \`--env\` out to check every environment.`);
    }
  }
  return config.environments.filter((e) => names.includes(e.name));
}

function readPlans(plans: ReadonlyMap<string, string> | undefined, selected: readonly EnvironmentConfig[]): Map<string, PlanReading> {
  const names = selected.map((e) => e.name);
  const readings = new Map<string, PlanReading>();
  for (const [env, file] of plans ?? []) {
    if (!names.includes(env)) {
      throw badInput(`\`--refresh-only-plan NAME=FILE\` for an environment being checked (${names.join(', ')})`, `\`${env}=${file}\``, `Add \`--env ${env}\`, or drop that plan.`);
    }
    readings.set(env, { file, summary: readRefreshOnlyPlan(file) });
  }
  return readings;
}

/** The endpoints the published keys must hold, from each environment's own live resources (where read and found). */
function liveExpectations(app: string, live: ReadonlyMap<string, LiveEnvironment>): LiveExpectations {
  const result = new Map<string, Map<string, { value: string; from: string }>>();
  for (const [env, reading] of live) {
    const expected = new Map<string, { value: string; from: string }>();
    if (reading.database?.endpoint) expected.set('DATABASE_ENDPOINT', { value: reading.database.endpoint, from: `the live RDS instance ${databaseInstanceId(app, env)}` });
    if (reading.cache?.endpoint) expected.set('CACHE_ENDPOINT', { value: reading.cache.endpoint, from: `the live ElastiCache replication group ${cacheReplicationGroupId(app, env)}` });
    if (reading.search?.endpoint) expected.set('SEARCH_ENDPOINT', { value: reading.search.endpoint, from: `the live OpenSearch domain ${searchDomainName(app, env)}` });
    result.set(env, expected);
  }
  return result;
}

export async function runDrift(options: DriftOptions = {}): Promise<DriftReport> {
  const config = options.config ?? loadProjectConfig();
  const selected = selectEnvironments(config, options.environments);
  const plans = readPlans(options.refreshOnlyPlans, selected);
  const app = config.platform.app;
  const declared = declaredSsmKeys(config.platform);
  const stringKeys = declared.filter((d) => d.type === 'String').map((d) => d.key);
  const readOptions = {
    stringKeys,
    deadlineMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS,
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  };
  const readings = await Promise.all(selected.map((env) => readEnvironment(env, app, readOptions)));

  const live = new Map<string, LiveEnvironment>();
  const ssmKeys = new Map<string, readonly LiveSsmKey[]>();
  const ssmValues = new Map<string, Readonly<Record<string, string>>>();
  selected.forEach((env, i) => {
    const reading = readings[i]!.live;
    live.set(env.name, reading);
    if (reading.ssm) {
      ssmKeys.set(env.name, reading.ssm.keys);
      ssmValues.set(env.name, reading.ssm.values);
    }
  });
  const terraform: Record<string, TerraformDriftEntry[]> = {};
  for (const [env, plan] of plans) terraform[env] = plan.summary.drift;
  const findings = {
    ssm: { ...compareSsmKeys(ssmKeys, declared), ...compareSsmValues(config, ssmValues, liveExpectations(app, live)) },
    engines: compareEngines(config, live),
    layout: compareLayout(config, live),
  };
  const environments: Record<string, EnvironmentResult> = {};
  for (const env of selected) environments[env.name] = environmentResult(env.name, live.get(env.name)!, plans.get(env.name), findings);
  return {
    schemaVersion: 1,
    environments,
    ...findings,
    terraform,
    calls: Object.fromEntries(selected.map((env, i) => [env.name, readings[i]!.calls])),
    totals: sumCalls(readings.map((r) => r.calls)),
  };
}

/** 3 when any part of an environment could not be read (its drift is unknown), else 1 when drift was found, else 0. */
export function driftExitCode(report: DriftReport): ExitCodeValue {
  const statuses = Object.values(report.environments).map((e) => e.status);
  if (statuses.includes('unreadable')) return ExitCode.unreadable;
  if (statuses.includes('drift')) return ExitCode.findings;
  return ExitCode.ok;
}
