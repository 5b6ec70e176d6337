/**
 * What `data check` reads from one database (a snapshot) and what it reports across several
 * (the report, whose JSON shape is the command's contract: schemaVersion 1).
 */

/** One attribute value of a schema object; arrays are ordered (enum labels, policy roles). */
export type AttributeValue = string | number | boolean | null | readonly string[];

/** The kinds of schema object compared, in the order they are reported and created. */
export const OBJECT_KINDS = [
  'server',
  'extension',
  'schema',
  'enum',
  'sequence',
  'function',
  'table',
  'column',
  'constraint',
  'index',
  'view',
  'materialized view',
  'trigger',
  'policy',
] as const;
export type ObjectKind = (typeof OBJECT_KINDS)[number];

export interface SchemaObject {
  /** What it is. */
  readonly kind: ObjectKind;
  /** Qualified name: `public.orders`, `public.orders.total` (column), `public.total(integer)` (function). */
  readonly name: string;
  /** The key of the object it belongs to (`table public.orders` for a column); absent for top-level objects. */
  readonly parent?: string;
  /** The attributes compared, by name. */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** DDL that creates it as it is here; undefined when it cannot be derived. */
  readonly create?: string;
  /** Facts the DDL of a change needs that are not compared (the table of an index, the constraint type...). */
  readonly facts?: Readonly<Record<string, string>>;
}

/** The key of an object: kind and name. */
export function objectKey(kind: ObjectKind, name: string): string {
  return `${kind} ${name}`;
}

export interface Setting {
  /** `pg_settings.setting` with its unit (`1000 ms`), `null` when the server does not know the parameter. */
  readonly value: string | null;
  /** `pg_settings.setting` alone, in the parameter's base unit (what a parameter group sets); `null` as `value`. */
  readonly raw: string | null;
  /** `pg_settings.pending_restart`: changed in the configuration but not in effect until a restart. */
  readonly pendingRestart: boolean;
}

export interface TableVolume {
  /** `schema.table`. */
  readonly table: string;
  /** Rows: planner estimate (`reltuples`) or `count(*)`. */
  readonly rows: number;
  /** How `rows` was obtained: `estimate`, or `count` (asked for, or the table was never analysed). */
  readonly method: 'estimate' | 'count';
  /** `pg_total_relation_size`: heap, indexes and TOAST, bytes. */
  readonly bytes: number;
}

export interface MigrationHistory {
  /** `schema.table` of the runner's table, e.g. `public.pgmigrations`. */
  readonly table: string;
  /** The runner: `node-pg-migrate`, `knex`, `goose`, `dbmate`, `golang-migrate`, `flyway`, `sql` (the gate's own). */
  readonly runner: string;
  /** Applied migration ids, in the order applied. */
  readonly applied: readonly string[];
  /** golang-migrate keeps only the current version: ids are then compared as versions, not as a set. */
  readonly currentVersionOnly: boolean;
}

export interface DatabaseSnapshot {
  /** `server_version`, in full (`16.8`, `16.4 (Debian 16.4-1.pgdg120+1)`). */
  readonly serverVersion: string;
  /** `current_database()`. */
  readonly database: string;
  /** Schema objects (extensions and the server version included). */
  readonly objects: readonly SchemaObject[];
  /** The settings asked for, by name. */
  readonly settings: Readonly<Record<string, Setting>>;
  /** Applied-migration tables found. */
  readonly migrations: readonly MigrationHistory[];
  /** Rows and size per ordinary table. */
  readonly volume: readonly TableVolume[];
  /** Time spent reading the catalog (schema objects, settings, migrations), ms. */
  readonly catalogMs: number;
}

export type EnvironmentStatus = 'ok' | 'differs' | 'unreadable';

export interface SchemaDifference {
  readonly kind: ObjectKind;
  readonly name: string;
  /** The attribute that differs, or `exists` when the object is missing somewhere. */
  readonly attribute: string;
  /** Its value in each readable environment (`exists`: true/false). */
  readonly values: Readonly<Record<string, AttributeValue>>;
  /** DDL that brings each lagging environment in line, where it can be derived. */
  readonly ddl?: Readonly<Record<string, string>>;
}

export interface DataCheckReport {
  readonly schemaVersion: 1;
  /** Every environment given, in the order given. */
  readonly environments: Readonly<
    Record<string, { readonly status: EnvironmentStatus; readonly serverVersion: string | null; readonly error?: string }>
  >;
  /** The environment the others are held against (prod). */
  readonly reference: string;
  readonly schema: { readonly differences: readonly SchemaDifference[] };
  readonly migrations: { readonly table: string | null; readonly missingIn: Readonly<Record<string, readonly string[]>> };
  /**
   * Settings that differ between environments or from the value the platform's parameter group
   * declares (`expected`, absent for the policy's additions).
   */
  readonly settings: readonly {
    readonly name: string;
    readonly expected?: string;
    readonly values: Readonly<Record<string, string | null>>;
  }[];
  readonly volume: readonly {
    readonly table: string;
    readonly rows: Readonly<Record<string, number>>;
    readonly bytes: Readonly<Record<string, number>>;
    /** Rows the volume policy asks of every non-reference environment. */
    readonly minimumRows: number;
    readonly status: 'ok' | 'low';
  }[];
  /** `parity`, `differences`, or `unreadable` (some environment could not be read: never clean). */
  readonly status: 'parity' | 'differences' | 'unreadable';
  /** How rows were counted: `estimate` (planner statistics) or `count` (`--exact-counts`). */
  readonly rowCounts: 'estimate' | 'count';
  /** Catalog read time per environment, ms (evidence, not a verdict). */
  readonly timings: Readonly<Record<string, number>>;
}
