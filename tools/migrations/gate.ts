/**
 * `parity migrations check`: runs the new migrations on prod's PostgreSQL major at production-like
 * volume and judges them. Two databases are seeded from the profile: the full sample (prod's
 * rows, capped) and a sixth of it; every new statement runs on both, so its time can be
 * extrapolated to prod's rows.
 */
import type { Client } from 'pg';
import { loadProjectConfig } from '../../config';
import { historyTables, readDataProfile, type DataProfile } from './profile';
import type { GateReport, MigrationReport } from './report/gate-report';
import { judgeMigration } from './judge';
import { applyMerged, type ParsedMigration } from './run/apply';
import { connect, openGateServer } from './run/database';
import { measureMigrations } from './run/measure';
import { seedTables, type SeededTable } from './run/seeder';
import { tableOid } from './run/table-catalog';
import { squawkFindings, type SquawkOptions } from './squawk';
import { adapterNamed, loadMigrations } from './source/load';
import type { MigrationAdapter } from './source/migration';
import { describeSelection, selectNew, type Selection } from './source/select-new';
import { statementFacts } from './source/statement-facts';
import { badInput } from '../cli/exit-error';
import { unlessInterrupted } from './server/cleanup';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface GateOptions {
  /** Migrations directory. */
  readonly dir: string;
  /** Migration tool (`sql`, `node-pg-migrate`). */
  readonly tool: string;
  /** Data profile file; default `<dir>/profile.json` when present. */
  readonly profileFile?: string;
  /** A disposable server to use instead of the embedded one. */
  readonly databaseUrl?: string;
  /** Accept a `--database-url` database that holds tables. */
  readonly allowNonEmpty: boolean;
  /** Which migrations are new. */
  readonly selection: Selection;
  /** Fraction of prod's rows to seed (before the cap). */
  readonly scale: number;
  /** Cap on seeded rows per table. */
  readonly maxRows: number;
  /** Lock budget, ms (write-blocking lock at prod volume). */
  readonly lockBudgetMs: number;
  /** Total budget per migration, ms. */
  readonly totalBudgetMs: number;
  /** squawk settings (the version is prod's). */
  readonly squawk: Omit<SquawkOptions, 'pgVersion'>;
  /** Prod's PostgreSQL version; default from config/platform.ts (tests inject others). */
  readonly declaredVersion?: string;
}

/** The small sample is the full one divided by this: far enough apart to fit growth, cheap to run. */
export const smallSampleDivisor = 6;

/** Sample rows per table at the full and the small sample. */
export function sampleSizes(profile: DataProfile, scale: number, maxRows: number): { full: Map<string, number>; small: Map<string, number> } {
  const full = new Map<string, number>();
  const small = new Map<string, number>();
  for (const [table, t] of Object.entries(profile.tables)) {
    const rows = Math.min(maxRows, Math.round(t.rows * scale));
    full.set(table, rows);
    small.set(table, Math.ceil(rows / smallSampleDivisor));
  }
  return { full, small };
}

function createdBy(migrations: readonly ParsedMigration[]): Set<string> {
  return new Set(migrations.flatMap((m) => m.up.filter((s) => s.kind === 'CreateStmt' || s.kind === 'CreateTableAsStmt').flatMap((s) => statementFacts(s).tables.slice(0, 1))));
}

async function prepare(client: Client, adapter: MigrationAdapter, merged: readonly ParsedMigration[], profile: DataProfile, rows: Map<string, number>, freshTables: Set<string>, profileName: string): Promise<SeededTable[]> {
  await applyMerged(client, adapter, merged);
  const missing: string[] = [];
  for (const table of Object.keys(profile.tables)) {
    const exists = await tableOid(client, table);
    if (!exists && !freshTables.has(table)) missing.push(table);
    if (!exists) rows.delete(table);
  }
  if (missing.length > 0) {
    throw badInput(`tables of the profile to exist after the merged migrations or be created by a new one`, `unknown tables ${missing.map((t) => `\`${t}\``).join(', ')} in ${profileName}`, 'Remove them from the profile or fix their names (write a fresh one with `npx parity migrations profile`).');
  }
  const seeded = await seedTables(client, profile, rows);
  await client.query('ANALYZE');
  await client.query('CHECKPOINT').catch(() => undefined);
  return seeded;
}

/** Runs the gate; the caller renders the report and picks the exit code. */
export function runMigrationGate(options: GateOptions): Promise<GateReport> {
  return unlessInterrupted(() => gate(options));
}

async function gate(options: GateOptions): Promise<GateReport> {
  const started = performance.now();
  const declaredVersion = options.declaredVersion ?? loadProjectConfig().platform.database.engineVersion;
  const adapter = adapterNamed(options.tool);
  const migrations = await loadMigrations(options.dir, adapter);
  const { merged, fresh } = selectNew(migrations, options.dir, options.selection);
  const defaultProfile = join(options.dir, 'profile.json');
  const profileFile = options.profileFile ?? (existsSync(defaultProfile) ? defaultProfile : undefined);
  const profile: DataProfile = profileFile ? readDataProfile(profileFile) : { tables: {} };
  for (const table of historyTables) delete profile.tables[table];
  const lint = new Map(fresh.map((m) => [m.migration.file, squawkFindings(m.migration.up, { ...options.squawk, pgVersion: declaredVersion })]));
  const sizes = sampleSizes(profile, options.scale, options.maxRows);
  const freshTables = createdBy(fresh);
  const server = await openGateServer({ databaseUrl: options.databaseUrl, declaredVersion, allowNonEmpty: options.allowNonEmpty });
  const clients: Client[] = [];
  try {
    const open = async (purpose: string) => {
      const url = await server.createDatabase(purpose);
      const pair = [await connect(url), await connect(url)] as const;
      clients.push(...pair);
      return pair;
    };
    const [small, smallObserver] = await open('small');
    const [full, fullObserver] = await open('full');
    // Seeding is not timed: both databases are prepared at once, one per core.
    const [, seeded] = await Promise.all([
      prepare(small, adapter, merged, profile, sizes.small, freshTables, profileFile ?? 'the profile'),
      prepare(full, adapter, merged, profile, sizes.full, freshTables, profileFile ?? 'the profile'),
    ]);
    const smallRuns = await measureMigrations(small, smallObserver, adapter, fresh, { sampleRows: sizes.small, dataChecks: false, roundTrip: true });
    const fullRuns = await measureMigrations(full, fullObserver, adapter, fresh, { sampleRows: sizes.full, dataChecks: true, roundTrip: false });
    const reports: MigrationReport[] = fullRuns.map((run, index) => judgeMigration(run, smallRuns[index]!, { merged, earlier: fullRuns.slice(0, index), profile, options, lint: lint.get(run.parsed.migration.file) ?? [] }));
    return {
      schemaVersion: 1,
      postgres: server.version,
      prodVersion: declaredVersion,
      server: server.description,
      selection: describeSelection(options.selection),
      seeded: seeded.map((s) => ({ table: s.table, prodRows: profile.tables[s.table]?.rows ?? 0, sampleRows: s.rows, smallSampleRows: sizes.small.get(s.table) ?? 0, durationMs: Math.round(s.durationMs) })),
      migrations: reports,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    for (const client of clients) await client.end().catch(() => undefined);
    await server.close();
  }
}

