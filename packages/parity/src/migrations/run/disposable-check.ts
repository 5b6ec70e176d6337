/**
 * "Disposable means disposable": a `--database-url` server is used only when it holds no user
 * objects in any database the connecting role can see, except the gate's own `parity_gate_*`
 * databases. Tables, views, sequences, functions, types, extensions (beyond plpgsql) and schemas
 * other than `public` all count.
 */
import type { Client } from 'pg';

/** The gate's own databases (created and dropped by it; a leftover of a killed run is still its own). */
export const gateDatabasePrefix = 'parity_gate_';

const userObjectsSql = `
WITH system AS (SELECT oid FROM pg_namespace
                 WHERE nspname IN ('pg_catalog', 'information_schema') OR nspname LIKE 'pg\\_toast%' OR nspname LIKE 'pg\\_temp\\_%')
SELECT kind, name FROM (
  SELECT 'schema' AS kind, nspname::text AS name FROM pg_namespace WHERE oid NOT IN (SELECT oid FROM system) AND nspname <> 'public'
  UNION ALL
  SELECT CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table'
         ELSE 'table' END, n.nspname || '.' || c.relname
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.oid NOT IN (SELECT oid FROM system)
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END, n.nspname || '.' || p.proname
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.oid NOT IN (SELECT oid FROM system)
  UNION ALL
  SELECT 'type', n.nspname || '.' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
   WHERE n.oid NOT IN (SELECT oid FROM system) AND t.typrelid = 0 AND t.typcategory <> 'A' AND t.typtype <> 'm'
  UNION ALL
  SELECT 'extension', extname::text FROM pg_extension WHERE extname <> 'plpgsql'
) objects ORDER BY kind, name LIMIT 6`;

/** Up to 6 user objects of the connected database, as `kind name`. */
export async function userObjects(client: Client): Promise<string[]> {
  return (await client.query<{ kind: string; name: string }>(userObjectsSql)).rows.map((r) => `${r.kind} \`${r.name}\``);
}

/** Databases the role can connect to, the gate's own left out. */
export async function visibleDatabases(client: Client): Promise<string[]> {
  const rows = await client.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datallowconn AND has_database_privilege(datname, 'CONNECT') " +
      `AND left(datname, ${gateDatabasePrefix.length}) <> $1 ORDER BY datname`,

    [gateDatabasePrefix],
  );
  return rows.rows.map((r) => r.datname);
}
