/**
 * The catalog queries of `data check`: one query per kind of object for the whole database (not
 * one per table), reading only pg_catalog, so a role with CONNECT and pg_monitor can run them and
 * 500 tables cost the same round trips as five. Objects that belong to an extension are left out:
 * the extension and its version are compared instead.
 */

/** Schemas that belong to PostgreSQL itself. */
const userSchema = (n: string) =>
  `${n}.nspname NOT IN ('pg_catalog', 'information_schema') ` +
  `AND ${n}.nspname NOT LIKE 'pg\\_toast%' AND ${n}.nspname NOT LIKE 'pg\\_temp\\_%'`;

/** Not a member of an extension (pg_depend deptype 'e'). */
const ownObject = (catalog: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '${catalog}'::regclass AND e.objid = ${oid} AND e.deptype = 'e')`;

export const schemasSql = `
SELECT n.nspname AS schema FROM pg_namespace n
 WHERE ${userSchema('n')} AND ${ownObject('pg_namespace', 'n.oid')} ORDER BY 1`;

export const tablesSql = `
SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind, c.relrowsecurity AS rls, c.relpersistence AS persistence,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
       CASE WHEN c.relispartition THEN (SELECT pn.nspname || '.' || pc.relname
                                          FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent
                                          JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                                         WHERE i.inhrelid = c.oid) END AS partition_of,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p') AND ${userSchema('n')} AND ${ownObject('pg_class', 'c.oid')}
 ORDER BY 1, 2`;

export const columnsSql = `
SELECT n.nspname AS schema, c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS default,
       CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END AS generated,
       a.attidentity AS identity,
       CASE WHEN a.attcollation <> t.typcollation THEN co.collname END AS collation
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
  LEFT JOIN pg_collation co ON co.oid = a.attcollation
 WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND ${userSchema('n')} AND ${ownObject('pg_class', 'c.oid')}
 ORDER BY 1, 2, a.attnum`;

/** Indexes that back no constraint (those are compared as constraints). */
export const indexesSql = `
SELECT n.nspname AS schema, ic.relname AS name, tc.relname AS table, tc.relkind AS table_kind,
       pg_get_indexdef(i.indexrelid) AS definition, i.indisvalid AS valid
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_class tc ON tc.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = ic.relnamespace
 WHERE tc.relkind IN ('r', 'p', 'm') AND ${userSchema('n')} AND ${ownObject('pg_class', 'tc.oid')}
   AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                    WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))
 ORDER BY 1, 2`;

export const constraintsSql = `
SELECT n.nspname AS schema, c.relname AS table, k.conname AS name, k.contype AS type,
       pg_get_constraintdef(k.oid) AS definition, k.convalidated AS validated
  FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE k.contype IN ('p', 'u', 'f', 'c', 'x') AND c.relkind IN ('r', 'p') AND ${userSchema('n')} AND ${ownObject('pg_class', 'c.oid')}
 ORDER BY 1, 2, 3`;

/** Sequences, except those of identity columns (the column's identity is compared instead). */
export const sequencesSql = `
SELECT n.nspname AS schema, c.relname AS name, format_type(s.seqtypid, NULL) AS type,
       s.seqstart::text AS start, s.seqincrement::text AS increment,
       s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle
  FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE ${userSchema('n')} AND ${ownObject('pg_class', 'c.oid')}
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'i')
 ORDER BY 1, 2`;

export const enumsSql = `
SELECT n.nspname AS schema, t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
  FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE ${userSchema('n')} AND ${ownObject('pg_type', 't.oid')}
 GROUP BY 1, 2 ORDER BY 1, 2`;

export const viewsSql = `
SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind, pg_get_viewdef(c.oid, true) AS definition
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('v', 'm') AND ${userSchema('n')} AND ${ownObject('pg_class', 'c.oid')}
 ORDER BY 1, 2`;

/** Functions and procedures: signature, result, language, a SHA-256 of the body, and the full definition for DDL. */
export const functionsSql = `
SELECT n.nspname AS schema, p.proname AS name, pg_get_function_identity_arguments(p.oid) AS arguments, p.prokind AS kind,
       pg_get_function_result(p.oid) AS result, l.lanname AS language, encode(sha256(convert_to(p.prosrc, 'UTF8')), 'hex') AS body_hash,
       p.provolatile AS volatility, p.prosecdef AS security_definer, coalesce(p.proconfig, '{}') AS config,
       pg_get_functiondef(p.oid) AS definition
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
 WHERE p.prokind IN ('f', 'p') AND ${userSchema('n')} AND ${ownObject('pg_proc', 'p.oid')}
 ORDER BY 1, 2, 3`;

export const triggersSql = `
SELECT n.nspname AS schema, c.relname AS table, t.tgname AS name, pg_get_triggerdef(t.oid) AS definition, t.tgenabled AS enabled
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE NOT t.tgisinternal AND ${userSchema('n')} AND ${ownObject('pg_class', 'c.oid')}
 ORDER BY 1, 2, 3`;

export const policiesSql = `
SELECT n.nspname AS schema, c.relname AS table, p.polname AS name, p.polcmd AS command, p.polpermissive AS permissive,
       ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END FROM unnest(p.polroles) r ORDER BY 1) AS roles,
       pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS with_check
  FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE ${userSchema('n')}
 ORDER BY 1, 2, 3`;

export const extensionsSql = `
SELECT e.extname AS name, e.extversion AS version, n.nspname AS schema
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace ORDER BY 1`;

/** `reset_val`: what a new session gets (server, database and role settings), not this read's own `SET LOCAL` timeouts. */
export const settingsSql = 'SELECT name, reset_val AS setting, unit, pending_restart FROM pg_settings WHERE name = ANY($1::text[])';

/**
 * Ordinary tables (partitions included, partitioned parents hold no rows) with the planner's row
 * estimate, the statistics system's live-row count (for tables never analysed, whose reltuples is
 * -1) and size on disk. None of these needs SELECT on the table.
 */
export const volumeSql = `
SELECT n.nspname AS schema, c.relname AS name, c.reltuples::float8 AS estimate, coalesce(s.n_live_tup, 0)::float8 AS live,
       pg_total_relation_size(c.oid)::float8 AS bytes

  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
 WHERE c.relkind = 'r' AND ${userSchema('n')} AND ${ownObject('pg_class', 'c.oid')}
 ORDER BY 1, 2`;
