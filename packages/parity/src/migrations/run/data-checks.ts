/** Questions asked of the seeded data before a statement runs: is this populated, would this lose data. */
import type { Client } from 'pg';
import { ident } from './value-expressions';

/** Rows where `table.column` holds a value; undefined when the column does not exist. */
export async function nonNullCount(client: Client, table: string, column: string): Promise<number | undefined> {
  try {
    const r = await client.query<{ n: string }>(`SELECT count(${ident(column)}) AS n FROM ${ident(table)}`);
    return Number(r.rows[0]!.n);
  } catch {
    return undefined;
  }
}

/** Rows of `table`; undefined when it does not exist. */
export async function rowCount(client: Client, table: string): Promise<number | undefined> {
  try {
    const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${ident(table)}`);
    return Number(r.rows[0]!.n);
  } catch {
    return undefined;
  }
}

/**
 * Rows whose value would change when `table.column` is cast to `type` (compared after casting
 * back). Undefined when the cast is not possible without `USING`: the statement itself then fails.
 */
export async function lossyCastCount(client: Client, table: string, column: string, type: string): Promise<number | undefined> {
  try {
    const old = await client.query<{ t: string }>(
      'SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = to_regclass(quote_ident($1)) AND attname = $2',
      [table, column],
    );
    const oldType = old.rows[0]?.t;
    if (!oldType) return undefined;
    const c = ident(column);
    const r = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${ident(table)} WHERE ${c} IS NOT NULL AND (${c}::${type})::${oldType} IS DISTINCT FROM ${c}`,
    );
    return Number(r.rows[0]!.n);
  } catch {
    return undefined;
  }
}

/** A fingerprint of a table's rows (count and sum of row hashes); `missing` when it does not exist. */
export async function tableFingerprint(client: Client, table: string): Promise<string> {
  try {
    const r = await client.query<{ n: string; h: string }>(
      `SELECT count(*) AS n, coalesce(sum(hashtext(t::text)::bigint), 0) AS h FROM ${ident(table)} t`,
    );
    return `${r.rows[0]!.n} rows, hash ${r.rows[0]!.h}`;
  } catch {
    return 'missing';
  }
}
