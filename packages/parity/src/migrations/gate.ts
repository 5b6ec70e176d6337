/**
 * `parity migrations check`: runs the new migrations on prod's PostgreSQL major at production-like
 * volume, as their runner runs them, and judges them. Two databases are seeded from the profile:
 * the full sample (prod's rows, capped) and a sixth of it; every new migration runs on both, in
 * order (the loop in `gate` below), so its work can be compared between the sizes and its time
 * extrapolated to prod's rows. A profiled table a new migration creates is seeded right after it.
 */
import type { Client } from 'pg';
import { historyTables, readDataProfile, type DataProfile } from './profile';
import type { GateReport, MigrationReport, SeededReport } from './report/gate-report';
import { silentProgress, type GateProgress } from './report/progress';
import { checkAllowAnnotations, judgeMigration, warnDeprecatedAnnotations, type AcknowledgementOptions } from './judge';
import { applyMerged, type ParsedMigration } from './run/apply';
import { connect, openGateServer } from './run/database';
import { measureMigration, type MeasuredMigration } from './run/measure';
import { seedTables, type SeededTable } from './run/seeder';
import { tableOid } from './run/table-catalog';
import { ident } from './run/value-expressions';
import { checkSquawkOptions, squawkFindings, type SquawkOptions } from './squawk';
import { chooseAdapter, loadMigrations } from './source/load';
import type { MigrationAdapter } from './source/migration';
import type { Statement } from './source/statements';
import { planScript } from './source/transaction-plan';
import { describeSelection, selectNew } from './source/select-new';
import { statementFacts } from './source/statement-facts';
import { badInput } from '../shared/exit-error';
import { unlessInterrupted } from './server/cleanup';
import { rehearseForGate, type GateRehearsal } from './rehearsal/gate-rehearsal';
import type { GateOptions } from './gate-options';

export type { GateOptions };
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The small sample is the full one divided by this: far enough apart to fit growth, cheap to run. */
export const smallSampleDivisor = 6;

/** Sample rows per table at the full and the small sample. */
export function sampleSizes(
  profile: DataProfile,
  scale: number,
  maxRows: number,
): { full: Map<string, number>; small: Map<string, number> } {
  const full = new Map<string, number>();
  const small = new Map<string, number>();
  for (const [table, t] of Object.entries(profile.tables)) {
    const rows = Math.min(maxRows, Math.round(t.rows * scale));
    full.set(table, rows);
    small.set(table, Math.ceil(rows / smallSampleDivisor));
  }
  return { full, small };
}

/** Tables a migration creates (CREATE TABLE, CREATE TABLE AS). */
function createdBy(migrations: readonly ParsedMigration[]): Set<string> {
  return new Set(
    migrations.flatMap((m) =>
      m.up.filter((s) => s.kind === 'CreateStmt' || s.kind === 'CreateTableAsStmt').flatMap((s) => statementFacts(s).tables.slice(0, 1)),
    ),
  );
}

async function prepare(
  client: Client,
  adapter: MigrationAdapter,
  merged: readonly ParsedMigration[],
  profile: DataProfile,
  rows: Map<string, number>,
  freshTables: Set<string>,
  profileName: string,
  progress: GateProgress,
): Promise<SeededTable[]> {
  await applyMerged(client, adapter, merged);
  const missing: string[] = [];
  const existing = new Map<string, number>();
  for (const table of Object.keys(profile.tables)) {
    const exists = await tableOid(client, table);
    if (!exists && !freshTables.has(table)) missing.push(table);
    if (exists) existing.set(table, rows.get(table) ?? 0);
  }
  if (missing.length > 0) {
    throw badInput(
      `tables of the profile to exist after the merged migrations or be created by a new one`,
      `unknown tables ${missing.map((t) => `\`${t}\``).join(', ')} in ${profileName}`,
      'Remove them from the profile or fix their names (write a fresh one with `npx parity migrations profile`).',
    );
  }
  return seedAndAnalyze(client, profile, existing, progress);
}

async function seedAndAnalyze(
  client: Client,
  profile: DataProfile,
  rows: ReadonlyMap<string, number>,
  progress: GateProgress,
): Promise<SeededTable[]> {
  if (rows.size === 0) return [];
  const seeded = await seedTables(client, profile, rows, { onProgress: (table, done, target) => progress.seeding(table, done, target) });
  await client.query('ANALYZE');
  await client.query('CHECKPOINT').catch(() => undefined);
  return seeded;
}

/** Runs the gate; the caller renders the report and picks the exit code. */
export function runMigrationGate(options: GateOptions & AcknowledgementOptions): Promise<GateReport> {
  return unlessInterrupted(() => gate(options));
}

async function gate(options: GateOptions & AcknowledgementOptions): Promise<GateReport> {
  const started = performance.now();
  const progress = options.progress ?? silentProgress;
  const declaredVersion = options.declaredVersion;
  const squawk: SquawkOptions = { ...options.squawk, pgVersion: declaredVersion };
  checkSquawkOptions(squawk);
  const { adapter, how } = chooseAdapter(options.dir, options.tool);
  const migrations = await loadMigrations(options.dir, adapter);
  const { merged, fresh } = selectNew(migrations, options.dir, options.selection);
  checkAllowAnnotations(fresh);
  const defaultProfile = join(options.dir, 'profile.json');
  const profileFile = options.profileFile ?? (existsSync(defaultProfile) ? defaultProfile : undefined);
  const profile: DataProfile = profileFile ? readDataProfile(profileFile) : { tables: {} };
  for (const table of historyTables) delete profile.tables[table];
  const lint = new Map(
    fresh.map((m) => [m.migration.file, squawkFindings(m.migration.up, squawk, planScript(m.migration.up, m.up).wrapped)]),
  );
  const sizes = sampleSizes(profile, options.scale, options.maxRows);
  warnDeprecatedAnnotations(fresh);
  progress.phase('starting PostgreSQL');
  const server = await openGateServer({ databaseUrl: options.databaseUrl, declaredVersion, allowNonEmpty: options.allowNonEmpty });
  const clients: Client[] = [];
  try {
    const open = async (purpose: string) => {
      const url = await server.createDatabase(purpose);
      await withoutParallelQuery(url);
      const pair = [await connect(url), await connect(url), url] as const;
      clients.push(pair[0], pair[1]);
      return pair;
    };
    const [small, smallObserver] = await open('small');
    const [full, fullObserver, fullUrl] = await open('full');
    progress.phase('applying the merged migrations and seeding');
    // Seeding is not timed: both databases are prepared at once, one per core.
    const profileName = profileFile ?? 'the profile';
    const [, seeded] = await Promise.all([
      prepare(small, adapter, merged, profile, sizes.small, createdBy(fresh), profileName, silentProgress),
      prepare(full, adapter, merged, profile, sizes.full, createdBy(fresh), profileName, progress),
    ]);
    const seededReport: SeededReport[] = seeded.map((s) => seededEntry(s, profile, sizes.small));
    const fullRuns: MeasuredMigration[] = [];
    const smallRuns: MeasuredMigration[] = [];
    const rehearsals: (GateRehearsal | undefined)[] = [];
    for (const m of fresh) {
      const onStatement = (sample: 'full' | 'small') => (s: Statement) => progress.statement(sample, m.migration.file, s.line, s.sql);
      smallRuns.push(
        await measureMigration(small, smallObserver, adapter, m, {
          sampleRows: sizes.small,
          dataChecks: false,
          roundTrip: true,
          onStatement: onStatement('small'),
        }),
      );
      if (options.rehearsal?.enabled) {
        progress.phase(`rehearsing ${m.migration.file} under load`);
        const plan = planScript(m.migration.up, m.up);
        rehearsals.push(
          await rehearseForGate({
            url: fullUrl,
            client: full,
            profile,
            plan,
            small: smallRuns.at(-1)!,
            fullRows: sizes.full,
            smallRows: sizes.small,
            settings: options.rehearsal,
          }),
        );
      } else rehearsals.push(undefined);
      fullRuns.push(
        await measureMigration(full, fullObserver, adapter, m, {
          sampleRows: sizes.full,
          dataChecks: true,
          roundTrip: false,
          onStatement: onStatement('full'),
        }),
      );
      // A table prod holds, created by this migration: seeded now, so later migrations meet prod's volume.
      const created = [...createdBy([m])].filter((t) => sizes.full.has(t));
      if (created.length > 0) {
        const pick = (rows: Map<string, number>) => new Map(created.map((t) => [t, rows.get(t) ?? 0]));
        const [, grown] = await Promise.all([
          seedAndAnalyze(small, profile, pick(sizes.small), silentProgress),
          seedAndAnalyze(full, profile, pick(sizes.full), progress),
        ]);
        seededReport.push(...grown.map((s) => ({ ...seededEntry(s, profile, sizes.small), afterMigration: m.migration.file })));
      }
    }
    progress.done();
    const reports: MigrationReport[] = fullRuns.map((run, index) =>
      withRehearsal(
        judgeMigration(run, smallRuns[index]!, {
          merged,
          earlier: fullRuns.slice(0, index),
          profile,
          options,
          lint: lint.get(run.parsed.migration.file) ?? [],
        }),
        rehearsals[index],
      ),
    );
    return {
      schemaVersion: 1,
      postgres: server.version,
      prodVersion: declaredVersion,
      server: server.description,
      selection: describeSelection(options.selection),
      tool: how,
      seeded: seededReport,
      migrations: reports,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    progress.done();
    for (const client of clients) await client.end().catch(() => undefined);
    await server.close();
  }
}

/**
 * Parallel workers report the rows they read to the shared statistics, not to the leader's
 * transaction: with parallel scans off in the gate's databases (a database default, so it survives
 * RESET ALL), `pg_stat_xact_user_tables` counts every row a statement reads, the same on every run.
 * Parallel index builds stay on (their time is prod's; the new index itself is the evidence).
 */
async function withoutParallelQuery(url: string): Promise<void> {
  const client = await connect(url);
  try {
    const name = (await client.query<{ d: string }>('SELECT current_database() AS d')).rows[0]!.d;
    await client.query(`ALTER DATABASE ${ident(name)} SET max_parallel_workers_per_gather = 0`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function withRehearsal(report: MigrationReport, rehearsal: GateRehearsal | undefined): MigrationReport {
  if (!rehearsal) return report;
  return {
    ...report,
    findings: [...report.findings, ...rehearsal.findings],
    rehearsal: rehearsal.rehearsal,
    rehearsalSummary: rehearsal.summary,
  };
}

function seededEntry(s: SeededTable, profile: DataProfile, small: ReadonlyMap<string, number>): SeededReport {
  return {
    table: s.table,
    prodRows: profile.tables[s.table]?.rows ?? 0,
    sampleRows: s.rows,
    smallSampleRows: small.get(s.table) ?? 0,
    durationMs: Math.round(s.durationMs),
  };
}
