/**
 * `data seed` as a function: brings each table of the profile to `rows × scale` in one database
 * with the migration gate's seeder in append mode (src/migrations/run/seeder.ts: shared, not
 * copied), parents before children, in batches, resumable: it counts what is there and adds the
 * difference, never updating or deleting a row and never touching a table absent from the
 * profile. Before any write it proves the database is not prod: its system identifier
 * (`pg_control_system()`) must differ from that of every database given as prod. The refusals
 * that need only the arguments and config/ (a production environment, no `--yes`) are the CLI's.
 */
import type { Client } from 'pg';
import { badInput } from '../shared/exit-error';
import type { DataProfile } from '../migrations/profile';
import { seedTables } from '../migrations/run/seeder';
import { tableOid } from '../migrations/run/table-catalog';
import { ident } from '../migrations/run/value-expressions';
import { connectTarget, type DatabaseTarget } from './read-database';

export interface SeedRunOptions {
  /** The database to fill (a role that may insert into the profile's tables). */
  readonly target: DatabaseTarget;
  /** Databases given as prod: the target must not be any of them. */
  readonly production: readonly DatabaseTarget[];
  /** Prod's profile: rows and column statistics per table, never values of rows. */
  readonly profile: DataProfile;
  /** Multiplier of the profile's rows. @default 1 */
  readonly scale?: number;
  /** Only these tables of the profile; absent: all of them. */
  readonly tables?: readonly string[];
  /** Plan only: count, compare identifiers, write nothing. */
  readonly dryRun: boolean;
  /** Rows per INSERT. @default 100000 */
  readonly batchRows?: number;
  /** Bound of each wait for a lock on a table of the target, ms. @default 10000 */
  readonly lockTimeoutMs?: number;
  /** Progress after every batch. */
  readonly onProgress?: (table: string, rowsDone: number, rowsTarget: number) => void;
}

export interface SeedTableResult {
  readonly table: string;
  /** Rows before the run; null when the table does not exist in the target. */
  readonly before: number | null;
  /** `rows × scale` of the profile. */
  readonly target: number;
  /** Rows added (0 in a dry run). */
  readonly added: number;
  /** `absent` (not in the database: left alone), `at target` (already holds enough), `planned` (dry run), `seeded`. */
  readonly status: 'absent' | 'at target' | 'planned' | 'seeded';
}

export interface SeedResult {
  readonly environment: string;
  /**
   * How empty tables were loaded: `bulk` (the connection may skip triggers: indexes of an empty
   * table are dropped and rebuilt around its load, in one transaction) or `append` (indexes kept;
   * tables that already hold rows are always appended to).
   */
  readonly emptyTables: 'bulk' | 'append';
  readonly dryRun: boolean;
  readonly systemIdentifier: string;
  readonly tables: readonly SeedTableResult[];
  readonly durationMs: number;
}

async function systemIdentifier(client: Client, name: string): Promise<string> {
  try {
    return (await client.query<{ id: string }>('SELECT system_identifier::text AS id FROM pg_control_system()')).rows[0]!.id;
  } catch (error) {
    throw badInput(
      `the database system identifier of \`${name}\` (\`SELECT system_identifier FROM pg_control_system()\`)`,
      `\`${(error as Error).message}\``,
      'Connect as a role that may call pg_control_system() (pg_monitor does); without it the seed cannot prove the target is not prod.',
    );
  }
}

async function identifierOf(target: DatabaseTarget): Promise<string> {
  let client: Client;
  try {
    client = await connectTarget(target);
  } catch (error) {
    throw badInput(
      `a readable database for \`${target.name}\` (the seed compares system identifiers before writing)`,
      `\`${(error as Error).message}\``,
      `Fix \`--db ${target.name}=...\`; nothing was written.`,
    );
  }
  try {
    return await systemIdentifier(client, target.name);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether the connection may set `session_replication_role` (a superuser): the seeder's bulk path needs it. */
async function maySkipTriggers(client: Client): Promise<boolean> {
  try {
    await client.query("SET session_replication_role = 'replica'");
    await client.query('RESET session_replication_role');
    return true;
  } catch {
    return false;
  }
}

async function rowCount(client: Client, table: string): Promise<number | null> {
  if (!(await tableOid(client, table))) return null;
  return Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${ident(table)}`)).rows[0]!.n);
}

export async function runDataSeed(options: SeedRunOptions): Promise<SeedResult> {
  const started = performance.now();
  const scale = options.scale ?? 1;
  const names = options.tables ?? Object.keys(options.profile.tables);
  const unknown = names.filter((t) => !(t in options.profile.tables));
  if (unknown.length > 0)
    throw badInput(
      `\`--tables\` naming tables of the profile (${Object.keys(options.profile.tables).join(', ')})`,
      unknown.map((t) => `\`${t}\``).join(', '),
      'Drop them from `--tables`, or profile prod again.',
    );

  const prodIdentifiers = await Promise.all(options.production.map(async (p) => ({ name: p.name, id: await identifierOf(p) })));
  let client: Client;
  try {
    client = await connectTarget(options.target);
  } catch (error) {
    throw badInput(
      `a reachable database for \`${options.target.name}\``,
      `\`${(error as Error).message}\``,
      `Fix \`--db ${options.target.name}=...\`; nothing was written.`,
    );
  }
  try {
    const id = await systemIdentifier(client, options.target.name);
    const same = prodIdentifiers.find((p) => p.id === id);
    if (same) {
      throw badInput(
        `\`${options.target.name}\` to be another PostgreSQL server than prod`,
        `the same database system identifier ${id} as \`--db ${same.name}\` (prod): it is prod's cluster`,
        `Refusing to write. Point \`--db ${options.target.name}\` at the ${options.target.name} database.`,
      );
    }
    const targets = new Map(names.map((t) => [t, Math.round(options.profile.tables[t]!.rows * scale)]));
    const before = new Map<string, number | null>();
    for (const t of names) before.set(t, await rowCount(client, t));
    const present = new Map([...targets].filter(([t]) => before.get(t) !== null));
    const emptyTables = (await maySkipTriggers(client)) ? 'bulk' : 'append';
    // A live staging may hold locks on a table: waiting for one is bounded, and says so.
    await client.query(`SET lock_timeout = ${Math.round(options.lockTimeoutMs ?? 10_000)}`);
    const added = new Map<string, number>();
    if (!options.dryRun && present.size > 0) {
      const seeded = await seedTables(client, options.profile, present, {
        mode: emptyTables,
        ...(options.batchRows ? { batchRows: options.batchRows } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
      for (const t of seeded) added.set(t.table, t.rows);
    }
    const tables: SeedTableResult[] = [];
    for (const t of names) {
      const had = before.get(t)!;
      const target = targets.get(t)!;
      if (had === null) tables.push({ table: t, before: null, target, added: 0, status: 'absent' });
      else if (had >= target) tables.push({ table: t, before: had, target, added: 0, status: 'at target' });
      else if (options.dryRun) tables.push({ table: t, before: had, target, added: 0, status: 'planned' });
      else tables.push({ table: t, before: had, target, added: added.get(t) ?? 0, status: 'seeded' });
    }
    return {
      environment: options.target.name,
      emptyTables,
      dryRun: options.dryRun,
      systemIdentifier: id,
      tables,
      durationMs: performance.now() - started,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The seed's summary for a terminal. */
export function renderSeed(result: SeedResult): string {
  const n = (v: number) => v.toLocaleString('en-US');
  const width = Math.max(5, ...result.tables.map((t) => t.table.length));
  const lines = [
    `parity data seed: ${result.environment}${result.dryRun ? ' (dry run: nothing written)' : ''}, ` +
      `system identifier ${result.systemIdentifier}`,
  ];
  for (const t of result.tables) {
    const detail =
      t.status === 'absent'
        ? `not in the database: left alone (target ${n(t.target)})`
        : t.status === 'at target'
          ? `${n(t.before!)} rows, target ${n(t.target)}: nothing to add`
          : t.status === 'planned'
            ? `${n(t.before!)} rows, target ${n(t.target)}: would add ${n(t.target - t.before!)}`
            : `${n(t.before!)} → ${n(t.before! + t.added)} rows (added ${n(t.added)})`;
    lines.push(`  ${t.table.padEnd(width)}  ${detail}`);
  }
  const added = result.tables.reduce((s, t) => s + t.added, 0);
  lines.push(result.dryRun ? `Run again with --yes to write.` : `Added ${n(added)} rows in ${(result.durationMs / 1000).toFixed(1)} s.`);
  return lines.join('\n');
}
