/**
 * Reads one database for `data check`, read-only: one connection, one REPEATABLE READ READ ONLY
 * transaction (a consistent snapshot of the catalog), every statement bounded by
 * `statement_timeout` and `lock_timeout`. Any failure is reported as the database being
 * unreadable, with the reason; it is never taken as "no differences".
 */
import type { Client, ClientConfig } from 'pg';
import { connectClient } from '../migrations/run/connect-client';
import * as q from './catalog-queries';
import type { DatabaseSnapshot, Setting, TableVolume } from './model';
import { readMigrationHistories } from './read-history';
import { readSchemaObjects } from './read-schema';
import { qualified } from './sql-names';

export interface DatabaseTarget {
  /** The environment name (`--db NAME=...`). */
  readonly name: string;
  /** Where it is, for messages, with no secret: the URL without its password, or `host:port as user (IAM)`. */
  readonly description: string;
  /** The connection settings; resolving may call AWS (SSM, IAM token) and may fail. */
  connection(): Promise<ClientConfig>;
}

export interface ReadOptions {
  /** Settings to read from pg_settings. */
  readonly settings: readonly string[];
  /** `count(*)` every table instead of the planner's estimates. */
  readonly exactCounts: boolean;
  /** Bound of each statement, ms. @default 60000 */
  readonly statementTimeoutMs?: number;
}

/** A database that could not be read: the reason, one line, no secret. */
export class UnreadableError extends Error {
  override readonly name = 'UnreadableError';
}

const CONNECT_TIMEOUT_MS = 10_000;

/** Connects to a target; any failure is an UnreadableError naming where and why. */
export async function connectTarget(target: DatabaseTarget): Promise<Client> {
  let config: ClientConfig;
  try {
    config = await target.connection();
  } catch (error) {
    throw new UnreadableError(
      `could not resolve the connection of \`${target.name}\` (${target.description}): ${(error as Error).message}`,
    );
  }
  const connected = await connectClient({ connectionTimeoutMillis: CONNECT_TIMEOUT_MS, ...config });
  if ('reason' in connected)
    throw new UnreadableError(`could not connect to \`${target.name}\` at ${target.description}: ${connected.reason}`);
  return connected.client;
}

function settingValue(row: { setting: string; unit: string | null }): string {
  return row.unit ? `${row.setting} ${row.unit}` : row.setting;
}

async function readVolume(client: Client, exactCounts: boolean): Promise<TableVolume[]> {
  const tables = (await client.query<{ schema: string; name: string; estimate: number; live: number; bytes: number }>(q.volumeSql)).rows;
  const volume: TableVolume[] = [];
  for (const t of tables) {
    const table = `${t.schema}.${t.name}`;
    if (!exactCounts) {
      // reltuples is -1 until the table is first vacuumed or analysed; the statistics system's live rows stand in.
      volume.push({ table, rows: Math.round(t.estimate >= 0 ? t.estimate : t.live), method: 'estimate', bytes: t.bytes });
      continue;
    }
    try {
      const rows = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${qualified(t.schema, t.name)}`)).rows[0]!.n);
      volume.push({ table, rows, method: 'count', bytes: t.bytes });
    } catch (error) {
      throw new Error(
        `\`--exact-counts\` could not count the rows of \`${table}\`: ${(error as Error).message}. ` +
          "Grant the role SELECT (`GRANT pg_read_all_data TO parity_reader`), or leave out `--exact-counts` for the planner's estimates",
      );
    }
  }
  return volume;
}

/** Reads everything `data check` compares from one connected database. */
export async function readSnapshot(client: Client, options: ReadOptions): Promise<DatabaseSnapshot> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await client.query(`SET LOCAL statement_timeout = ${Math.round(options.statementTimeoutMs ?? 60_000)}`);
    await client.query("SET LOCAL lock_timeout = '5s'");
    const started = performance.now();
    const head = (
      await client.query<{ version: string; database: string }>(
        "SELECT current_setting('server_version') AS version, current_database() AS database",
      )
    ).rows[0]!;
    const objects = await readSchemaObjects(client);
    objects.unshift({ kind: 'server', name: 'postgresql', attributes: { version: head.version } });
    const settings: Record<string, Setting> = {};
    for (const name of options.settings) settings[name] = { value: null, raw: null, pendingRestart: false };
    for (const row of (
      await client.query<{ name: string; setting: string; unit: string | null; pending_restart: boolean }>(q.settingsSql, [
        options.settings.map((s) => s.toLowerCase()),
      ])
    ).rows) {
      const asked = options.settings.find((s) => s.toLowerCase() === row.name) ?? row.name;
      settings[asked] = { value: settingValue(row), raw: row.setting, pendingRestart: row.pending_restart };
    }
    const migrations = await readMigrationHistories(client);
    const catalogMs = performance.now() - started;
    const volume = await readVolume(client, options.exactCounts);
    return { serverVersion: head.version, database: head.database, objects, settings, migrations, volume, catalogMs };
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
}

/** Connects, reads and closes; every failure becomes an UnreadableError. */
export async function readDatabase(target: DatabaseTarget, options: ReadOptions): Promise<DatabaseSnapshot> {
  const client = await connectTarget(target);
  try {
    return await readSnapshot(client, options);
  } catch (error) {
    if (error instanceof UnreadableError) throw error;
    throw new UnreadableError(`reading \`${target.name}\` (${target.description}) failed: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
