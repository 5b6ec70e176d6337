/**
 * `data check` as a function: reads every database (concurrently, read-only), compares them with
 * the reference (prod) and returns the report. A database that cannot be read is `unreadable`
 * with the reason, the others are still compared, and the report's status is `unreadable`: never
 * clean.
 */
import { ExitCode, type ExitCodeValue } from '../shared/exit-error';
import { compareMigrations, compareSettings, compareVolume, environmentsOffSetting, type VolumePolicy } from './compare-data';
import { compareSchemas, environmentsDiffering } from './compare-schema';
import type { DataCheckReport, DatabaseSnapshot, EnvironmentStatus } from './model';
import { readDatabase, type DatabaseTarget } from './read-database';

export interface DataCheckOptions {
  /** The databases, in report order. */
  readonly databases: readonly DatabaseTarget[];
  /** The environment the others are held against; one of `databases`. */
  readonly reference: string;
  /** pg_settings names to compare: the platform's parameter group and the policy's additions. */
  readonly settings: readonly string[];
  /** The values the platform's parameter group declares, by setting name (compared as well as across environments). @default none */
  readonly expectedSettings?: Readonly<Record<string, string>>;
  /** `--exact-counts`. */
  readonly exactCounts: boolean;
  /** When a table counts as `low`. */
  readonly volumePolicy: VolumePolicy;
}

export async function runDataCheck(options: DataCheckOptions): Promise<DataCheckReport> {
  const results = await Promise.allSettled(
    options.databases.map((target) => readDatabase(target, { settings: options.settings, exactCounts: options.exactCounts })),
  );
  const snapshots = new Map<string, DatabaseSnapshot>();
  const errors = new Map<string, string>();
  options.databases.forEach((target, i) => {
    const result = results[i]!;
    if (result.status === 'fulfilled') snapshots.set(target.name, result.value);
    else errors.set(target.name, (result.reason as Error).message);
  });
  // Compared against the reference when it could be read; otherwise against the first that could.
  const reference = snapshots.has(options.reference) ? options.reference : ([...snapshots.keys()][0] ?? options.reference);
  const differences = snapshots.size > 0 ? compareSchemas(new Map([...snapshots].map(([e, s]) => [e, s.objects])), reference) : [];
  const settings = compareSettings(snapshots, options.settings, options.expectedSettings);
  const migrations = compareMigrations(snapshots);
  const volume = compareVolume(snapshots, reference, options.volumePolicy);

  const differing = environmentsDiffering(differences, reference);
  for (const env of environmentsOffSetting(snapshots, settings, reference)) differing.add(env);
  for (const [env, ids] of Object.entries(migrations.missingIn)) if (ids.length > 0) differing.add(env);
  for (const v of volume)
    for (const [env, rows] of Object.entries(v.rows)) if (env !== reference && rows < v.minimumRows) differing.add(env);

  const environments: Record<string, { status: EnvironmentStatus; serverVersion: string | null; error?: string }> = {};
  for (const target of options.databases) {
    const error = errors.get(target.name);
    environments[target.name] = error
      ? { status: 'unreadable', serverVersion: null, error }
      : { status: differing.has(target.name) ? 'differs' : 'ok', serverVersion: snapshots.get(target.name)!.serverVersion };
  }
  const statuses = Object.values(environments).map((e) => e.status);
  const anyDifference = differences.length > 0 || settings.length > 0 || differing.size > 0 || volume.some((v) => v.status === 'low');
  return {
    schemaVersion: 1,
    environments,
    reference,
    schema: { differences },
    migrations,
    settings,
    volume,
    status: statuses.includes('unreadable') ? 'unreadable' : anyDifference ? 'differences' : 'parity',
    rowCounts: options.exactCounts ? 'count' : 'estimate',
    timings: Object.fromEntries([...snapshots].map(([e, s]) => [e, Math.round(s.catalogMs)])),
  };
}

/** 3 when a database could not be read, else 1 when anything differs, else 0. */
export function dataCheckExitCode(report: DataCheckReport): ExitCodeValue {
  if (report.status === 'unreadable') return ExitCode.unreadable;
  return report.status === 'differences' ? ExitCode.findings : ExitCode.ok;
}
