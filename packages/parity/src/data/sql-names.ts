/** Identifiers and literals in generated DDL: quoted only where PostgreSQL needs it, so the DDL reads as written by hand. */

/** PostgreSQL's reserved keywords (SQL Key Words appendix, "reserved" and "reserved (can be function or type)"). */
const RESERVED = new Set(
  (
    'all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate collation column concurrently ' +
    'constraint create cross current_catalog current_date current_role current_schema current_time current_timestamp current_user ' +
    'default deferrable desc distinct do else end except false fetch for foreign freeze from full grant group having ilike in initially ' +
    'inner intersect into is isnull join lateral leading left like limit localtime localtimestamp natural not notnull null offset on ' +
    'only or order outer overlaps placing primary references returning right select session_user similar some symmetric system_user ' +
    'table tablesample then to trailing true union unique user using variadic verbose when where window with'
  ).split(' '),
);

/** Quotes an identifier unless it is a plain lower-case name that is not a reserved word. */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** `schema.name`, each part quoted as needed. */
export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** A string literal. */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
