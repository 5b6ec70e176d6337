/**
 * `data check` as the shared report envelope: each environment that could not be read is an unknown blocking
 * finding; each schema difference, missing migration, differing setting and table low on rows is a finding
 * of the environment it concerns, held against the reference (prod) or the platform's parameter group.
 */
import type { Finding, ReportEnvelope, ReportStatus } from '../shared/findings/finding';
import { buildEnvelope } from '../shared/report/envelope';
import { renderEnvelopeJson } from '../shared/report/render-json';
import type { DataCheckReport } from './model';
import { formatCount, showAttribute, showSetting } from './report-rows';

export const DATA_RULE_WHY = {
  unreadable: 'An environment whose catalog could not be read may differ in anything: parity is unknown, never clean (exit 3).',
  schema:
    "A schema object that differs from prod's (missing, another type, an invalid index, a constraint not validated) makes staging run " +
    'queries and migrations prod would run differently.',
  'migration-missing':
    'A migration prod has and this environment lacks means the next migration is rehearsed on a schema prod does not have.',
  setting:
    "A server setting that differs from prod's or from the parameter group changes plans, timeouts and locks: what staging measures is " +
    'not what prod does.',
  'volume-low': 'A table with far fewer rows than prod hides the scans, rewrites and lock times that only show at volume.',
} as const;

function finding(rule: keyof typeof DATA_RULE_WHY, fields: Omit<Finding, 'engine' | 'rule' | 'level' | 'why'>): Finding {
  return { engine: 'data', rule, level: 'block', why: DATA_RULE_WHY[rule], ...fields };
}

export function dataFindings(report: DataCheckReport): Finding[] {
  const ref = report.reference;
  const findings: Finding[] = [];
  for (const [environment, e] of Object.entries(report.environments)) {
    if (e.status === 'unreadable')
      findings.push(
        finding('unreadable', { environment, unknown: true, message: `${environment} could not be read: ${e.error ?? 'unknown reason'}` }),
      );
  }
  for (const d of report.schema.differences) {
    for (const [environment, value] of Object.entries(d.values)) {
      if (environment === ref || JSON.stringify(value) === JSON.stringify(d.values[ref])) continue;
      const expected = showAttribute(d.attribute, d.values[ref]);
      const found = showAttribute(d.attribute, value);
      findings.push(
        finding('schema', {
          environment,
          address: `${d.kind} ${d.name}`,
          path: d.attribute,
          expected,
          found,
          message:
            `${d.kind} ${d.name}: ${d.attribute} is ${found} in ${environment}, ${expected} in ${ref}` +
            `${d.ddl?.[environment] ? ' (DDL to fix it in the report)' : ''}`,
        }),
      );
    }
  }
  for (const [environment, ids] of Object.entries(report.migrations.missingIn)) {
    for (const id of ids)
      findings.push(
        finding('migration-missing', {
          environment,
          address: id,
          message: `migration ${id} is not applied in ${environment}${report.migrations.table ? ` (${report.migrations.table})` : ''}`,
        }),
      );
  }
  for (const s of report.settings) {
    for (const [environment, value] of Object.entries(s.values)) {
      const against = s.expected !== undefined ? s.expected : (s.values[ref] ?? null);
      // `pg_settings` shows the unit (`1000 ms`); the parameter group sets the base value (`1000`).
      const matchesGroup = value !== null && (value === s.expected || value.split(' ')[0] === s.expected);
      const differs = s.expected !== undefined ? !matchesGroup : environment !== ref && value !== against;
      if (!differs) continue;
      const expected = s.expected !== undefined ? `${s.expected} (parameter group)` : `${showSetting(against)} (${ref})`;
      findings.push(
        finding('setting', {
          environment,
          address: s.name,
          expected,
          found: showSetting(value),
          message: `setting ${s.name} is ${showSetting(value)} in ${environment}`,
        }),
      );
    }
  }
  for (const v of report.volume.filter((x) => x.status === 'low')) {
    for (const [environment, rows] of Object.entries(v.rows)) {
      if (environment === ref || rows >= v.minimumRows) continue;
      findings.push(
        finding('volume-low', {
          environment,
          address: v.table,
          expected: `at least ${formatCount(v.minimumRows)} rows`,
          found: `${formatCount(rows)} rows`,
          message: `${v.table} has ${formatCount(rows)} rows in ${environment}, below its minimum of ${formatCount(v.minimumRows)}`,
        }),
      );
    }
  }
  return findings;
}

export function dataStatus(report: DataCheckReport): ReportStatus {
  return report.status === 'unreadable' ? 'unknown' : report.status === 'differences' ? 'fail' : 'pass';
}

export function toEnvelope(report: DataCheckReport): ReportEnvelope {
  return buildEnvelope('data', { findings: dataFindings(report), status: dataStatus(report) });
}

/** `--format json`: the envelope (schemas/data.schema.json), then the report's fields; its `status` is now `verdict`. */
export function renderDataCheckJson(report: DataCheckReport): string {
  const { status, ...rest } = report;
  return renderEnvelopeJson(toEnvelope(report), { ...rest, verdict: status });
}
