/**
 * Reads an engine version change (`engine_version`, `elasticsearch_version`) from a resource
 * change and tells a major upgrade from a minor one the way the engine counts majors: PostgreSQL
 * 9.6 and MySQL 8.0 are majors of two numbers, PostgreSQL 16 and Valkey 7 of one.
 */
import { read, whyUnknown, type RuleSubject } from './rule-subject';

const VERSION_ATTRIBUTES = ['engine_version', 'elasticsearch_version'] as const;

/** What happened to the engine version. */
export type EngineVersionChange =
  | { readonly state: 'none' }
  | { readonly state: 'unknown'; readonly message: string }
  | { readonly state: 'changed'; readonly attribute: string; readonly from: string; readonly to: string; readonly major: boolean };

/** The major version of `version` for `engine` (`16.8` → `16`, `9.6.24` → `9.6`, `OpenSearch_2.17` → `OpenSearch 2`). */
export function majorVersion(engine: string, version: string): string {
  const prefix = /^([A-Za-z]+)_/.exec(version)?.[1] ?? '';
  const numbers = version.match(/\d+/g) ?? [];
  const first = Number(numbers[0] ?? NaN);
  const twoPart = /mysql|mariadb/i.test(engine) || (/postgres/i.test(engine) && first < 10);
  const major = twoPart ? numbers.slice(0, 2).join('.') : (numbers[0] ?? version);
  return prefix ? `${prefix} ${major}` : major;
}

export function engineVersionChange(subject: RuleSubject): EngineVersionChange {
  if (subject.kind !== 'update' && subject.kind !== 'replace') return { state: 'none' };
  for (const name of VERSION_ATTRIBUTES) {
    const before = read(subject, 'before', [name]);
    if (before.state === 'absent' || (before.state === 'known' && (before.value === null || before.value === ''))) continue;
    const after = read(subject, 'after', [name]);
    if (before.state !== 'known' || after.state !== 'known') {
      const which = before.state !== 'known' ? before : after;
      return {
        state: 'unknown',
        message:
          `cannot compare \`${name}\` of ${subject.address}: the ${before.state !== 'known' ? 'old' : 'new'} value ` +
          `${whyUnknown(which)}.`,
      };
    }
    if (after.value === null || after.value === '' || String(after.value) === String(before.value)) return { state: 'none' };
    const engineValue = read(subject, 'after', ['engine']);
    const engine = engineValue.state === 'known' && typeof engineValue.value === 'string' ? engineValue.value : subject.type;
    const from = String(before.value);
    const to = String(after.value);
    return { state: 'changed', attribute: name, from, to, major: majorVersion(engine, from) !== majorVersion(engine, to) };
  }
  return { state: 'none' };
}
