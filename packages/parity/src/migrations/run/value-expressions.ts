/**
 * SQL expressions that generate a column's values on the server from the row number `g`
 * (`generate_series`), shaped by the profile's column statistics: null fraction, number of distinct
 * values, average width. Deterministic (same input, same data).
 */
import type { ColumnStats } from '../profile';
import type { CatalogColumn, CatalogType } from './table-catalog';

/** Quotes an identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a string literal. */
export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Distinct values a column has at `rows` rows, from pg_stats' n_distinct convention. */
export function distinctAt(stats: ColumnStats | undefined, rows: number): number {
  const distinct = stats?.distinct ?? (stats?.values ? stats.values.length : -1);
  const d = distinct < 0 ? -distinct * rows : distinct;
  return Math.max(1, Math.min(rows, Math.round(d)));
}

/** A key in `[0, distinct)` spread over the rows (a multiplicative hash of g, salted per column). */
export function keyExpression(distinct: number, rows: number, salt: number): string {
  if (distinct >= rows) return '(g - 1)';
  return `((g::bigint * 2654435761 + ${salt}) % ${distinct})`;
}

/** Wraps a value expression so a fraction of the rows is NULL. */
export function withNulls(expression: string, nullFraction: number, salt: number): string {
  const perTenThousand = Math.round(nullFraction * 10_000);
  if (perTenThousand <= 0) return expression;
  if (perTenThousand >= 10_000) return 'NULL';
  return `CASE WHEN (g::bigint * 40503 + ${salt * 7}) % 10000 < ${perTenThousand} THEN NULL ELSE ${expression} END`;
}

function padding(width: number, used: number): string {
  return 'x'.repeat(Math.max(0, Math.min(width, 4000) - used));
}

/** Default width (bytes) of a column the profile gives none for. */
export const defaultAvgWidth = 12;

/** `numeric(p, s)` precision and scale from the type modifier; undefined when unconstrained. */
export function numericPrecision(typmod: number): { precision: number; scale: number } | undefined {
  if (typmod < 4) return undefined;
  const m = typmod - 4;
  return { precision: (m >> 16) & 0xffff, scale: m & 0xffff };
}

const positive = (k: string, modulus: number) => `(1 + (${k}) % ${modulus})`;

function numericValue(type: CatalogType, k: string): string {
  const p = numericPrecision(type.typmod);
  if (!p) return `((${k})::numeric / 100 + 1)::${type.sql}`;
  // Below 10^(precision - scale): keep `precision` digits of the key, then shift `scale` of them right.
  const modulus = 10n ** BigInt(Math.min(p.precision, 18));
  return `((1 + (${k}) % ${modulus - 1n})::numeric / 1${'0'.repeat(p.scale)})::${type.sql}`;
}

function textValue(k: string, width: number, maxLength: number | undefined, keyDigits: number): string {
  const max = maxLength ?? Number.POSITIVE_INFINITY;
  const text = `((${k})::text || ${literal(padding(Math.min(width, max) - 1, keyDigits))})`;
  return Number.isFinite(max) ? `left(${text}, ${max})` : text;
}

function baseValue(type: CatalogType, k: string, width: number, maxLength: number | undefined, keyDigits: number): string | undefined {
  const cast = (e: string) => `(${e})::${type.sql}`;
  switch (type.name) {
    case 'int2':
      return cast(positive(k, 32766));
    case 'int4':
      return cast(positive(k, 2147483646));
    case 'int8':
      return `(1 + (${k}))::int8`;
    case 'oid':
      return cast(positive(k, 4294967294));
    case 'numeric':
      return numericValue(type, k);
    case 'float4':
    case 'float8':
      return `((${k})::float8 / 100 + 1)::${type.name}`;
    case 'money':
      return `((${k})::numeric / 100 + 1)::money`;
    case 'bool':
      return `((${k}) % 2 = 0)`;
    case 'text':
    case 'varchar':
    case 'bpchar':
    case 'citext':
    case 'name':
      return cast(textValue(k, width, maxLength ?? (type.name === 'name' ? 63 : undefined), keyDigits));
    case 'char':
      return `chr(65 + ((${k}) % 26)::int)::"char"`;
    case 'uuid':
      return `md5((${k})::text)::uuid`;
    case 'json':
    case 'jsonb':
      return `${type.name}_build_object('v', ${k}, 'pad', ${literal(padding(width - 1, 18 + keyDigits))})`;
    case 'timestamp':
    case 'timestamptz':
      return cast(`timestamp '2020-01-01' + (${k}) * interval '1 second'`);
    case 'date':
      return `(date '2020-01-01' + ((${k}) % 3650)::int)`;
    case 'time':
    case 'timetz':
      return cast(`time '00:00' + ((${k}) % 86400) * interval '1 second'`);
    case 'interval':
      return cast(`(${k}) * interval '1 second'`);
    case 'bytea':
      return `decode(md5((${k})::text), 'hex')`;
    case 'inet':
    case 'cidr':
      return cast(`inet '0.0.0.1' + ((${k}) % 4294967294)`);
    case 'macaddr':
      return cast(`lpad(to_hex((${k}) % 281474976710656), 12, '0')`);
    case 'macaddr8':
      return cast(`lpad(to_hex(${k}), 16, '0')`);
    case 'bit':
    case 'varbit':
      return cast(`(${k})::bigint::bit(64)`);
    case 'xml':
      return `xmlelement(name v, ${k})`;
    case 'tsvector':
      return `to_tsvector('simple', 'w' || (${k}))`;
    case 'point':
      return `point(${k}, ${k})`;
    default:
      return undefined;
  }
}

/**
 * The value of a column of `type` for key expression `k` (a bigint whose values have about
 * `keyDigits` digits), or undefined when the seeder cannot generate the type. Distinct keys give
 * distinct values where the type has room for them (not for bool, enums, or a short varchar).
 */
export function typeValue(
  type: CatalogType,
  k: string,
  width: number,
  maxLength: number | undefined,
  keyDigits: number,
): string | undefined {
  switch (type.kind) {
    case 'enum':
      return type.enumLabels && type.enumLabels.length > 0
        ? `(ARRAY[${type.enumLabels.map(literal).join(', ')}]::${type.sql}[])[1 + ((${k}) % ${type.enumLabels.length})::int]`
        : undefined;
    case 'domain': {
      const inner = type.inner && typeValue(type.inner, k, width, maxLength, keyDigits);
      return inner && `(${inner})::${type.sql}`;
    }
    case 'array': {
      const element = type.inner && typeValue(type.inner, k, Math.max(1, Math.floor(width / 2)), maxLength, keyDigits);
      return element && `ARRAY[${element}, ${element}]::${type.sql}`;
    }
    case 'range': {
      // An unbounded upper end: valid for any subtype whatever order its generated values have.
      const lower = type.inner && typeValue(type.inner, k, width, undefined, keyDigits);
      return lower && `${type.sql}(${lower}, NULL)`;
    }
    case 'multirange': {
      const range = type.inner && typeValue(type.inner, k, width, undefined, keyDigits);
      return range && `${type.sql}(${range})`;
    }
    case 'base':
      return baseValue(type, k, width, maxLength, keyDigits);
    default:
      return undefined;
  }
}

/** The value of `column` for key expression `k`: its profile `values` when given, else generated by type. */
export function valueExpression(column: CatalogColumn, k: string, stats: ColumnStats | undefined, keyDigits = 7): string | undefined {
  if (stats?.values) {
    const items = stats.values.map((v) => (v === null ? 'NULL' : literal(typeof v === 'object' ? JSON.stringify(v) : String(v))));
    return `(ARRAY[${items.join(', ')}]::${column.type}[])[1 + ((${k}) % ${items.length})::int]`;
  }
  return typeValue(column.typeInfo, k, stats?.avgWidth ?? defaultAvgWidth, column.maxLength, keyDigits);
}
