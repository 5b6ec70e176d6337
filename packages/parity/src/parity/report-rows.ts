/**
 * The rows every report shows, computed once: one row per finding with a cell per environment and
 * which cells differ from the most common value, so text, markdown and HTML agree.
 */
import type { ReportedValue } from './parity-result';
import type { GroupReport } from './check-report';

export interface MatrixRow {
  /** Resource address. */
  readonly address: string;
  /** Attribute path, or `(resource)` for a presence finding. */
  readonly path: string;
  /** One cell per environment of the group, in order. */
  readonly cells: readonly string[];
  /** Whether each cell differs from the most common value of the row. */
  readonly marked: readonly boolean[];
  /** `invariant` or `topology`. */
  readonly kind: string;
}

export const RESOURCE_PATH = '(resource)';
const NO_RESOURCE = '(no resource)';
const NOT_SET = '(not set)';

/** A value as one line of text: strings as they are, everything else as JSON. */
export function formatValue(value: ReportedValue | undefined): string {
  if (value === undefined) return NOT_SET;
  if (typeof value === 'string') return value;
  if (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof value.unknown === 'string' &&
    Object.keys(value).length === 1
  )
    return `(unknown: ${value.unknown})`;
  return JSON.stringify(value);
}

function marks(cells: readonly string[]): boolean[] {
  const counts = new Map<string, number>();
  for (const c of cells) counts.set(c, (counts.get(c) ?? 0) + 1);
  let mode = cells[0];
  for (const [c, n] of counts) if (n > (counts.get(mode!) ?? 0)) mode = c;
  return cells.map((c) => c !== mode || c.startsWith('(unknown'));
}

/** The failing findings of a group as matrix rows (differences, then presence). */
export function findingRows(group: GroupReport): MatrixRow[] {
  const rows: MatrixRow[] = [];
  for (const d of group.differences) {
    const cells = group.environments.map((env) =>
      Object.hasOwn(d.values, env) ? formatValue(d.values[env]) : d.absentIn.includes(env) ? NOT_SET : NO_RESOURCE,
    );
    rows.push({ address: d.address, path: d.path, cells, marked: marks(cells), kind: d.kind });
  }
  for (const p of group.onlyIn) {
    const cells = group.environments.map((env) => (p.environments.includes(env) ? 'present' : 'absent'));
    rows.push({ address: p.address, path: RESOURCE_PATH, cells, marked: marks(cells), kind: p.kind });
  }
  return rows;
}

/** An allowed difference's values as one line (`staging: db.r6g.large, prod: db.r6g.2xlarge`). */
export function allowedValues(allowed: GroupReport['allowed'][number]): string {
  if (allowed.values)
    return Object.entries(allowed.values)
      .map(([env, v]) => `${env}: ${formatValue(v)}`)
      .join(', ');
  return `only in ${(allowed.environments ?? []).join(', ')}`;
}

/** One-line summary of a report. */
export function summaryLine(groups: readonly GroupReport[]): string {
  const count = (f: (g: GroupReport) => number) => groups.reduce((n, g) => n + f(g), 0);
  const differences = count((g) => g.differences.length);
  const onlyIn = count((g) => g.onlyIn.length);
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return [
    plural(differences, 'difference', 'differences'),
    plural(onlyIn, 'resource in some environments only', 'resources in some environments only'),
    `${count((g) => g.waived.length)} waived`,
    `${count((g) => g.allowed.length)} allowed`,
  ].join(', ');
}
