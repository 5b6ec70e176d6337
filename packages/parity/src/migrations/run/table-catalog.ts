/** What the seeder needs to know about a table, read from the PostgreSQL catalog. */
import type { Client } from 'pg';

/** A column's type as the seeder needs it, resolved through domains, arrays and ranges. */
export interface CatalogType {
  /** `format_type(oid, typmod)`, e.g. `character varying(80)`, usable in a cast. */
  readonly sql: string;
  /** `pg_type.typname`, e.g. `varchar`, `_int4`, or the enum's or domain's name. */
  readonly name: string;
  /** `pg_type.typtype` and array-ness: what kind of type it is. */
  readonly kind: 'base' | 'enum' | 'domain' | 'array' | 'range' | 'multirange' | 'composite' | 'other';
  /** The type modifier (`atttypmod`); -1 when none. */
  readonly typmod: number;
  /** Enum labels, for an enum. */
  readonly enumLabels?: readonly string[];
  /** The element type of an array, the base type of a domain, the subtype of a range or multirange. */
  readonly inner?: CatalogType;
  /** A domain's NOT NULL. */
  readonly domainNotNull?: boolean;
  /** A domain has CHECK constraints (its values may be refused). */
  readonly domainChecks?: readonly string[];
}

export interface CatalogColumn {
  /** Column name. */
  readonly name: string;
  /** `format_type` of the column, e.g. `character varying(80)`. */
  readonly type: string;
  /** `pg_type.typname`, e.g. `varchar`, or the enum's name. */
  readonly typeName: string;
  /** The type resolved through domains, arrays and ranges. */
  readonly typeInfo: CatalogType;
  /** Enum labels when the type is an enum. */
  readonly enumLabels: readonly string[] | undefined;
  /** Declared maximum length (varchar(n), char(n)); undefined when unbounded. */
  readonly maxLength: number | undefined;
  /** NOT NULL (the column's, or its domain's). */
  readonly notNull: boolean;
  /** Has a default (including serial and identity). */
  readonly hasDefault: boolean;
  /** A generated column (never inserted). */
  readonly generated: boolean;
}

/** A CHECK constraint of the table. */
export interface CatalogCheck {
  /** Constraint name. */
  readonly name: string;
  /** Columns it reads. */
  readonly columns: readonly string[];
  /** `CHECK (...)` as pg_get_constraintdef prints it. */
  readonly definition: string;
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
  /** Its CHECK constraints. */
  readonly checks: readonly CatalogCheck[];
}

interface TypeRow {
  typtype: string;
  typname: string;
  typelem: number;
  typbasetype: number;
  typtypmod: number;
  typnotnull: boolean;
  rngsubtype: number | null;
  mltrngrange: string | null;
  checks: string[];
  labels: string[] | null;
  sql: string;
}

/** Reads a type and what it is made of (domain base, array element, range subtype), depth-limited. */
export async function readCatalogType(client: Client, oid: number, typmod: number, depth = 0): Promise<CatalogType> {
  const row = (
    await client.query<TypeRow>(
      `SELECT t.typtype, t.typname, t.typelem::int AS typelem, t.typbasetype::int AS typbasetype, t.typtypmod, t.typnotnull,
              format_type(t.oid, $2) AS sql,
              (SELECT r.rngsubtype::int FROM pg_range r WHERE r.rngtypid = t.oid) AS rngsubtype,
              (SELECT r.rngtypid::regtype::text FROM pg_range r WHERE r.rngmultitypid = t.oid) AS mltrngrange,
              ARRAY(SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c') AS checks,
              (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) AS labels
         FROM pg_type t WHERE t.oid = $1`,
      [oid, typmod],
    )
  ).rows[0]!;
  const base = { sql: row.sql, name: row.typname, typmod };
  const deeper = depth < 4;
  if (row.typtype === 'e') return { ...base, kind: 'enum', enumLabels: row.labels ?? [] };
  if (row.typtype === 'd' && deeper)
    return {
      ...base,
      kind: 'domain',
      inner: await readCatalogType(client, row.typbasetype, row.typtypmod, depth + 1),
      domainNotNull: row.typnotnull,
      domainChecks: row.checks,
    };
  if (row.typtype === 'r' && row.rngsubtype && deeper)
    return { ...base, kind: 'range', inner: await readCatalogType(client, row.rngsubtype, -1, depth + 1) };
  if (row.typtype === 'm' && row.mltrngrange && deeper) {
    const range = (await client.query<{ oid: number }>('SELECT $1::regtype::oid::int AS oid', [row.mltrngrange])).rows[0]!.oid;
    return { ...base, kind: 'multirange', inner: await readCatalogType(client, range, -1, depth + 1) };
  }
  if (row.typtype === 'b' && row.typelem !== 0 && row.typname.startsWith('_') && deeper)
    return { ...base, kind: 'array', inner: await readCatalogType(client, row.typelem, typmod, depth + 1) };
  if (row.typtype === 'c') return { ...base, kind: 'composite' };
  return { ...base, kind: row.typtype === 'b' ? 'base' : 'other' };
}

/** The type a domain stands on (itself for other types). */
export function baseOf(type: CatalogType): CatalogType {
  return type.kind === 'domain' && type.inner ? baseOf(type.inner) : type;
}

/** The oid of a table of the search path; undefined when there is none of that name. */
export async function tableOid(client: Client, table: string): Promise<number | undefined> {
  return (await client.query<{ oid: number | null }>('SELECT to_regclass(quote_ident($1))::oid AS oid', [table])).rows[0]?.oid ?? undefined;
}

/** Reads one table of the current search path; undefined when it does not exist. */
export async function readTableCatalog(client: Client, table: string): Promise<TableCatalog | undefined> {
  const oid = await tableOid(client, table);
  if (!oid) return undefined;
  const columns = await client.query<{
    name: string;
    type: string;
    typname: string;
    typtype: string;
    typid: number;
    typmod: number;
    notnull: boolean;
    hasdef: boolean;
    identity: string;
    generated: string;
  }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, t.typname, t.typtype, t.oid::int AS typid,
            a.atttypmod AS typmod,
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
  const indexes = await client.query<{
    name: string;
    definition: string;
    primary: boolean;
    unique: boolean;
    constraint: boolean;
    constraintName: string | null;
    constraintDefinition: string | null;
    referenced: boolean;
    columns: string[];
  }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition, i.indisprimary AS primary, i.indisunique AS unique,
            k.oid IS NOT NULL AS constraint, k.conname AS "constraintName", pg_get_constraintdef(k.oid) AS "constraintDefinition",
            EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = i.indexrelid) AS referenced,
            ARRAY(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY u(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.attnum ORDER BY u.ord) AS columns
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u')
      WHERE i.indrelid = $1 ORDER BY c.relname`,
    [oid],
  );
  const keys = await client.query<{ columns: string[]; table: string; referencedColumns: string[] }>(
    `SELECT ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.ord) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum ORDER BY u.ord) AS "referencedColumns",
            r.relname AS table
       FROM pg_constraint k JOIN pg_class r ON r.oid = k.confrelid WHERE k.conrelid = $1 AND k.contype = 'f'`,
    [oid],
  );
  const checks = await client.query<CatalogCheck>(
    `SELECT k.conname AS name, pg_get_constraintdef(k.oid) AS definition,
            ARRAY(SELECT a.attname::text FROM unnest(k.conkey) u(attnum)
                    JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum) AS columns

       FROM pg_constraint k WHERE k.conrelid = $1 AND k.contype = 'c' ORDER BY k.conname`,
    [oid],
  );
  const typeCache = new Map<string, CatalogType>();
  const typeOf = async (typid: number, typmod: number) => {
    const key = `${typid}:${typmod}`;
    if (!typeCache.has(key)) typeCache.set(key, await readCatalogType(client, typid, typmod));
    return typeCache.get(key)!;
  };
  const catalogColumns: CatalogColumn[] = [];
  for (const c of columns.rows) {
    const typeInfo = await typeOf(c.typid, c.typmod);
    const base = baseOf(typeInfo);
    const lengthTypmod = typeInfo.kind === 'domain' ? base.typmod : c.typmod;
    catalogColumns.push({
      name: c.name,
      type: c.type,
      typeName: c.typname,
      typeInfo,
      enumLabels: c.typtype === 'e' ? labels.get(c.typid) : undefined,
      maxLength: (base.name === 'varchar' || base.name === 'bpchar') && lengthTypmod > 4 ? lengthTypmod - 4 : undefined,
      notNull: c.notnull || (typeInfo.kind === 'domain' && typeInfo.domainNotNull === true),
      hasDefault: c.hasdef || c.identity !== '',
      generated: c.generated !== '',
    });
  }
  return { name: table, columns: catalogColumns, indexes: indexes.rows, foreignKeys: keys.rows, checks: checks.rows };
}
