/** Writes a migrations directory for a test and runs the gate on it against a server the test started. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrationGate, type GateOptions } from '../../../packages/parity/src/migrations/gate';
import type { GateReport, MigrationReport } from '../../../packages/parity/src/migrations/report/gate-report';

/** The two tables most tests start from, created by the merged `0001`. */
export const baseSchema = `CREATE TABLE authors (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text, email text);
CREATE TABLE prices (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, price integer NOT NULL);
`;

/** A directory with `files` (name → SQL) and a profile giving each table `rows` in prod. */
export function migrationsDir(files: Record<string, string>, prodRows: Record<string, number>): string {
  const dir = mkdtempSync(join(tmpdir(), 'parity-gate-test-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  writeFileSync(
    join(dir, 'profile.json'),
    JSON.stringify({ tables: Object.fromEntries(Object.entries(prodRows).map(([t, rows]) => [t, { rows }])) }),
  );
  return dir;
}

export const testGateOptions = (dir: string, databaseUrl: string, count: number): GateOptions => ({
  dir,
  databaseUrl,
  allowNonEmpty: false,
  selection: { kind: 'last', count },
  scale: 1,
  maxRows: 6000,
  lockBudgetMs: 2000,
  totalBudgetMs: 30_000,
  squawk: { exclude: [], block: [] },
});

/** Runs the gate on 0001 (merged, `baseSchema` unless given) plus `fresh` (all new). */
export async function gateOnFresh(
  databaseUrl: string,
  fresh: Record<string, string>,
  prodRows: Record<string, number> = { authors: 300_000, prices: 300_000 },
  base = baseSchema,
): Promise<GateReport> {
  const dir = migrationsDir({ '0001_base.sql': base, ...fresh }, prodRows);
  return runMigrationGate(testGateOptions(dir, databaseUrl, Object.keys(fresh).length));
}

/** The blocking rules of a migration, in the pack's order. */
export const blockingRules = (m: MigrationReport | undefined) =>
  (m?.findings ?? []).filter((f) => f.level === 'blocking').map((f) => f.rule);
/** A finding's message by rule. */
export const messageOf = (m: MigrationReport | undefined, rule: string) => m?.findings.find((f) => f.rule === rule)?.message;
