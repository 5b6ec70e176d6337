/** Settings, applied migrations and volume across environments, held against the reference. */
import type { DataCheckReport, DatabaseSnapshot, MigrationHistory } from './model';
import { HISTORY_TABLE_NAMES } from './read-history';

export interface VolumePolicy {
  /** Fraction of the reference's rows a table must hold elsewhere. @default 0.1 */
  readonly fraction: number;
  /** Rows that are always enough, whatever the reference holds. @default 100000 */
  readonly rows: number;
  /** Per-table overrides by `schema.table` (or `table` for the `public` schema): a fixed minimum, or another fraction. */
  readonly tables: Readonly<Record<string, { readonly rows?: number; readonly fraction?: number }>>;
}

export const DEFAULT_VOLUME_POLICY: VolumePolicy = { fraction: 0.1, rows: 100_000, tables: {} };

/** Rows a non-reference environment must hold: the override's, or the smaller of `fraction` × the reference's and `rows`. */
export function minimumRows(policy: VolumePolicy, table: string, referenceRows: number): number {
  const override = policy.tables[table] ?? (table.startsWith('public.') ? policy.tables[table.slice('public.'.length)] : undefined);
  if (override?.rows !== undefined) return override.rows;
  return Math.min(Math.ceil((override?.fraction ?? policy.fraction) * referenceRows), policy.rows);
}

type Snapshots = ReadonlyMap<string, DatabaseSnapshot>;

function display(setting: { value: string | null; pendingRestart: boolean } | undefined): string | null {
  if (!setting || setting.value === null) return null;
  return setting.pendingRestart ? `${setting.value} (pending restart)` : setting.value;
}

const BOOLEAN: Record<string, boolean> = { on: true, off: false, true: true, false: false, yes: true, no: false, '1': true, '0': false };

/**
 * Whether the server's value is the one the parameter group declares: booleans in any spelling
 * (`1` is `on`), numbers numerically (both in the parameter's base unit), library lists as
 * "contains every declared library" (RDS adds its own to `shared_preload_libraries`).
 */
export function settingMatches(name: string, raw: string | null, expected: string): boolean {
  if (raw === null) return false;
  const a = raw.trim().toLowerCase();
  const e = expected.trim().toLowerCase();
  if (a in BOOLEAN && e in BOOLEAN && (a === 'on' || a === 'off')) return BOOLEAN[a] === BOOLEAN[e];
  if (/_libraries$/.test(name)) {
    const have = new Set(
      a
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean),
    );
    return e
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean)
      .every((l) => have.has(l));
  }
  if (a !== '' && e !== '' && Number.isFinite(Number(a)) && Number.isFinite(Number(e))) return Number(a) === Number(e);
  return a === e;
}

/** `expected`: the parameter group's values by name; names without one are compared across environments only. */
export function compareSettings(
  snapshots: Snapshots,
  names: readonly string[],
  expected: Readonly<Record<string, string>> = {},
): DataCheckReport['settings'] {
  const envs = [...snapshots.keys()];
  const differing: { name: string; expected?: string; values: Record<string, string | null> }[] = [];
  for (const name of names) {
    const values = Object.fromEntries(envs.map((e) => [e, display(snapshots.get(e)!.settings[name])]));
    const declared = expected[name];
    // A pending restart differs from the running value even when both read the same.
    const differs = new Set(Object.values(values)).size > 1 || Object.values(values).some((v) => v?.endsWith('(pending restart)'));
    const unlike =
      declared !== undefined && envs.some((e) => !settingMatches(name, snapshots.get(e)!.settings[name]?.raw ?? null, declared));
    if (differs || unlike) differing.push({ name, ...(declared !== undefined ? { expected: declared } : {}), values });
  }
  return differing;
}

/** Environments whose value is not the declared one, or (without a declared one) not the reference's. */
export function environmentsOffSetting(snapshots: Snapshots, settings: DataCheckReport['settings'], reference: string): Set<string> {
  const off = new Set<string>();
  for (const s of settings) {
    for (const [env, value] of Object.entries(s.values)) {
      const raw = snapshots.get(env)?.settings[s.name]?.raw ?? null;
      if (
        s.expected !== undefined
          ? !settingMatches(s.name, raw, s.expected) || value?.endsWith('(pending restart)')
          : env !== reference && value !== s.values[reference]
      )
        off.add(env);
    }
  }
  return off;
}

function leadingNumber(id: string): number {
  return Number(/^\d+/.exec(id)?.[0] ?? Number.NaN);
}

export function compareMigrations(snapshots: Snapshots): DataCheckReport['migrations'] {
  const envs = [...snapshots.keys()];
  const tables = [...new Set(envs.flatMap((e) => snapshots.get(e)!.migrations.map((m) => m.table)))].sort();
  const label = (m: MigrationHistory, id: string) => (tables.length > 1 ? `${m.table}: ${id}` : id);
  const applied = new Map(envs.map((e) => [e, snapshots.get(e)!.migrations.flatMap((m) => m.applied.map((id) => label(m, id)))]));
  const currentOnly = new Set(
    envs.flatMap((e) =>
      snapshots
        .get(e)!
        .migrations.filter((m) => m.currentVersionOnly)
        .map((m) => m.table),
    ),
  );
  const missingIn: Record<string, string[]> = {};
  if (currentOnly.size > 0 && tables.length === 1) {
    // golang-migrate: one current version per database; a database at an older (or dirty) version lacks the newest.
    const versions = new Map(envs.map((e) => [e, applied.get(e)![0]]));
    const newest = [...versions.values()]
      .filter((v): v is string => v !== undefined)
      .sort((a, b) => leadingNumber(b) - leadingNumber(a) || a.length - b.length)[0];
    for (const e of envs) missingIn[e] = newest !== undefined && versions.get(e) !== newest ? [newest] : [];
  } else {
    const union = [...new Set(envs.flatMap((e) => applied.get(e)!))];
    for (const e of envs) {
      const have = new Set(applied.get(e));
      missingIn[e] = union.filter((id) => !have.has(id));
    }
  }
  return { table: tables.length > 0 ? tables.join(', ') : null, missingIn };
}

export function compareVolume(snapshots: Snapshots, reference: string, policy: VolumePolicy): DataCheckReport['volume'] {
  const ref = snapshots.get(reference);
  if (!ref) return [];
  const history = new Set(HISTORY_TABLE_NAMES);
  const byEnv = new Map([...snapshots].map(([e, s]) => [e, new Map(s.volume.map((v) => [v.table, v]))]));
  return ref.volume
    .filter((v) => !history.has(v.table.slice(v.table.indexOf('.') + 1)))
    .map((v) => {
      const rows: Record<string, number> = {};
      const bytes: Record<string, number> = {};
      for (const [env, volumes] of byEnv) {
        const there = volumes.get(v.table);
        if (!there) continue;
        rows[env] = there.rows;
        bytes[env] = there.bytes;
      }
      const minimum = minimumRows(policy, v.table, v.rows);
      const low = Object.entries(rows).some(([env, n]) => env !== reference && n < minimum);
      return { table: v.table, rows, bytes, minimumRows: minimum, status: low ? ('low' as const) : ('ok' as const) };
    });
}
