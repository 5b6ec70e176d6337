/** What the seeder needs to know about a table, read from the PostgreSQL catalog. */
import type { Client } from 'pg';

export interface CatalogColumn {
  /** Column name. */
  readonly name: string;
  /** `format_type` of the column, e.g. `character varying(80)`. */
  readonly type: string;
  /** `pg_type.typname`, e.g. `varchar`, or the enum's name. */
  readonly typeName: string;
  /** Enum labels when the type is an enum. */
  readonly enumLabels: readonly string[] | undefined;
  /** Declared maximum length (varchar(n), char(n)); undefined when unbounded. */
  readonly maxLength: number | undefined;
  /** NOT NULL. */
  readonly notNull: boolean;
  /** Has a default (including serial and identity). */
  readonly hasDefault: boolean;
  /** A generated column (never inserted). */
  readonly generated: boolean;
}

export interface CatalogIndex {
  /** Index name. */
  readonly name: string;
  /** `CREATE INDEX ...` as pg_get_indexdef prints it. */
  readonly definition: string;
  /** Primary key index. */
  readonly primary: boolean;
  /** Unique index. */
  readonly unique: boolean;
  /** Backs a constraint (primary key, unique, exclusion): cannot be dropped alone. */
  readonly constraint: boolean;
  /** The primary-key or unique constraint it backs, if any. */
  readonly constraintName: string | null;
  /** That constraint as `pg_get_constraintdef` prints it, e.g. `UNIQUE (email)`. */
  readonly constraintDefinition: string | null;
  /** A foreign key depends on it (it cannot be dropped while the key exists). */
  readonly referenced: boolean;
  /** Indexed column names (expressions are left out). */
  readonly columns: readonly string[];
}

export interface CatalogForeignKey {
  /** Referencing columns. */
  readonly columns: readonly string[];
  /** Referenced table. */
  readonly table: string;
  /** Referenced columns, in the order of `columns`. */
  readonly referencedColumns: readonly string[];
}

export interface TableCatalog {
  /** Table name. */
  readonly name: string;
  /** Its columns, in order. */
  readonly columns: readonly CatalogColumn[];
  /** Its indexes, constraint-backed or not. */
  readonly indexes: readonly CatalogIndex[];
  /** Its foreign keys. */
  readonly foreignKeys: readonly CatalogForeignKey[];
}

/** The oid of a table of the search path; undefined when there is none of that name. */
export async function tableOid(client: Client, table: string): Promise<number | undefined> {
  return (await client.query<{ oid: number | null }>('SELECT to_regclass(quote_ident($1))::oid AS oid', [table])).rows[0]?.oid ?? undefined;
}

/** Reads one table of the current search path; undefined when it does not exist. */
export async function readTableCatalog(client: Client, table: string): Promise<TableCatalog | undefined> {
  const oid = await tableOid(client, table);
  if (!oid) return undefined;
  const columns = await client.query<{ name: string; type: string; typname: string; typtype: string; typid: number; typmod: number; notnull: boolean; hasdef: boolean; identity: string; generated: string }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, t.typname, t.typtype, t.oid::int AS typid, a.atttypmod AS typmod,
            a.attnotnull AS notnull, a.atthasdef AS hasdef, a.attidentity AS identity, a.attgenerated AS generated
       FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
      WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [oid],
  );
  const enums = await client.query<{ typid: number; labels: string[] }>(
    `SELECT enumtypid::int AS typid, array_agg(enumlabel::text ORDER BY enumsortorder) AS labels FROM pg_enum
      WHERE enumtypid IN (SELECT atttypid FROM pg_attribute WHERE attrelid = $1) GROUP BY enumtypid`,
    [oid],
  );
  const labels = new Map(enums.rows.map((e) => [e.typid, e.labels]));
  const indexes = await client.query<{ name: string; definition: string; primary: boolean; unique: boolean; constraint: boolean; constraintName: string | null; constraintDefinition: string | null; referenced: boolean; columns: string[] }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition, i.indisprimary AS primary, i.indisunique AS unique,
            k.oid IS NOT NULL AS constraint, k.conname AS "constraintName", pg_get_constraintdef(k.oid) AS "constraintDefinition",
            EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = i.indexrelid) AS referenced,
            ARRAY(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY u(attnum, ord) JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.attnum ORDER BY u.ord) AS columns
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u')
      WHERE i.indrelid = $1 ORDER BY c.relname`,
    [oid],
  );
  const keys = await client.query<{ columns: string[]; table: string; referencedColumns: string[] }>(
    `SELECT ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(attnum, ord) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.ord) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(attnum, ord) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum ORDER BY u.ord) AS "referencedColumns",
            r.relname AS table
       FROM pg_constraint k JOIN pg_class r ON r.oid = k.confrelid WHERE k.conrelid = $1 AND k.contype = 'f'`,
    [oid],
  );
  return {
    name: table,
    columns: columns.rows.map((c) => ({
      name: c.name,
      type: c.type,
      typeName: c.typname,
      enumLabels: c.typtype === 'e' ? labels.get(c.typid) : undefined,
      maxLength: (c.typname === 'varchar' || c.typname === 'bpchar') && c.typmod > 4 ? c.typmod - 4 : undefined,
      notNull: c.notnull,
      hasDefault: c.hasdef || c.identity !== '',
      generated: c.generated !== '',
    })),
    indexes: indexes.rows,
    foreignKeys: keys.rows,
  };
}
