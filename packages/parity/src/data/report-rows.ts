/** What every rendering of a data check report shows, computed once: lines of text, cells of tables. */
import type { AttributeValue, DataCheckReport } from './model';

/** A value as a reader sees it. */
export function show(value: AttributeValue | undefined): string {
  if (value === undefined) return '(absent)';
  if (value === null) return '(none)';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(none)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** Function body hashes are long: the first 12 hex digits tell them apart. */
export function showAttribute(attribute: string, value: AttributeValue | undefined): string {
  if (attribute === 'exists' && typeof value === 'boolean') return value ? 'present' : 'MISSING';
  if (attribute === 'valid' && value === false) return 'INVALID';
  if (attribute === 'validated' && value === false) return 'NOT VALID';
  if (attribute === 'bodyHash' && typeof value === 'string') return `sha256 ${value.slice(0, 12)}…`;
  return show(value);
}

/** A setting's value: `(not set)` where the server has no such parameter, `(empty)` for an empty string. */
export function showSetting(value: string | null | undefined): string {
  return value === null || value === undefined ? '(not set)' : value === '' ? '(empty)' : value;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

export function headline(report: DataCheckReport): string {
  const envs = Object.keys(report.environments);
  const others = envs.filter((e) => e !== report.reference);
  const verdict = report.status === 'parity' ? 'in parity' : report.status === 'differences' ? 'DIFFERENCES' : 'UNREADABLE: parity unknown';
  const counts = [
    `${report.schema.differences.length} schema difference${report.schema.differences.length === 1 ? '' : 's'}`,
    `${Object.values(report.migrations.missingIn).reduce((n, ids) => n + ids.length, 0)} missing migrations`,
    `${report.settings.length} settings`,
    `${report.volume.filter((v) => v.status === 'low').length} tables low on rows`,
  ];
  return `parity data check: ${others.join(', ') || '(nothing)'} held against ${report.reference}: ${verdict} (${counts.join(', ')})`;
}

export function volumeRule(report: DataCheckReport): string {
  return (
    `${report.rowCounts === 'count' ? 'exact counts' : 'planner estimates (live-row statistics for tables never analysed)'}; ` +
    `a table is low below its minimum (default: 10% of ${report.reference}'s rows or 100,000, whichever is smaller)`
  );
}

/** Low tables first, then the rest, for listings cut to a length. */
export function volumeRows(report: DataCheckReport) {
  return [...report.volume].sort((a, b) => (a.status === b.status ? 0 : a.status === 'low' ? -1 : 1));
}

/** Long listings in text and markdown stop here; `--format json` has everything. */
export const LISTED = 200;
