/**
 * SQL expressions that generate a column's values on the server from the row number `g`
 * (`generate_series`), shaped by the profile's column statistics: null fraction, number of distinct
 * values, average width. Deterministic (same input, same data).
 */
import type { ColumnStats } from '../profile';
import type { CatalogColumn } from './table-catalog';

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
  if (!stats) return Math.max(1, rows);
  const d = stats.distinct < 0 ? -stats.distinct * rows : stats.distinct;
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

/**
 * The value of `column` for key expression `k` (a bigint whose values have about `keyDigits`
 * digits), or undefined when the type is not one the seeder can generate.
 */
export function valueExpression(column: CatalogColumn, k: string, avgWidth: number | undefined, keyDigits = 7): string | undefined {
  const width = avgWidth ?? 12;
  switch (column.typeName) {
    case 'int2':
      return `(${k} % 32767)::int2`;
    case 'int4':
      return `(${k} % 2147483647)::int4`;
    case 'int8':
      return `${k}`;
    case 'numeric':
      return `(${k}::numeric / 100)::${column.type}`;
    case 'float4':
    case 'float8':
      return `(${k}::float8 / 100)::${column.typeName}`;
    case 'bool':
      return `(${k} % 2 = 0)`;
    case 'text':
    case 'varchar':
    case 'bpchar':
    case 'citext': {
      const max = column.maxLength ?? Number.POSITIVE_INFINITY;
      const text = `(${k}::text || ${literal(padding(Math.min(width, max) - 1, keyDigits))})`;
      return Number.isFinite(max) ? `left${text.slice(0, -1)}, ${max})` : text;
    }
    case 'uuid':
      return `md5(${k}::text)::uuid`;
    case 'json':
    case 'jsonb':
      return `${column.typeName}_build_object('v', ${k}, 'pad', ${literal(padding(width - 1, 18 + keyDigits))})`;
    case 'timestamp':
    case 'timestamptz':
      return `(timestamp '2020-01-01' + ${k} * interval '1 second')::${column.typeName}`;
    case 'date':
      return `(date '2020-01-01' + (${k} % 3650)::int)`;
    case 'bytea':
      return `decode(md5(${k}::text), 'hex')`;
    default:
      if (column.enumLabels && column.enumLabels.length > 0) {
        return `(ARRAY[${column.enumLabels.map(literal).join(', ')}]::${column.type}[])[1 + (${k} % ${column.enumLabels.length})::int]`;
      }
      return undefined;
  }
}
