/**
 * `parity drift` as the shared report envelope: every drifted key, version, layout attribute and Terraform
 * resource is a finding of the environment it drifted in (rules named after the comparison), and every part
 * that could not be read is an `unknown` blocking finding (never clean). Drift has no waivers.
 */
import type { Finding, ReportEnvelope, ReportStatus } from '../shared/findings/finding';
import { buildEnvelope } from '../shared/report/envelope';
import { renderEnvelopeJson } from '../shared/report/render-json';
import { SERVICES, type DriftReport } from './drift-report';

/** Why each comparison exists: shown with its findings. */
export const DRIFT_RULE_WHY = {
  unreadable: 'A part that could not be read may have drifted: its drift is unknown, never clean (exit 3) until the reader can read it.',
  'ssm-key-missing':
    'An application reads its settings from SSM at start: a key the code declares but the environment lacks makes it fail at the next ' +
    'deploy or restart.',
  'ssm-key-unmanaged':
    'A key nobody declared was made by hand: the code no longer describes the environment, and the next environment built from the ' +
    'code will not have it.',
  'ssm-type-mismatch':
    'A key whose type differs (String, SecureString) is read differently by the application, and a SecureString stored as String is a ' +
    'secret in clear text.',
  'ssm-value-mismatch':
    'A live value that differs from the one the code declares is a hand edit: the environment does not run what was reviewed.',
  'ssm-cross-environment':
    "A value that names another environment's resources, hosts, account or path makes one environment talk to another's data.",
  'engine-version':
    'An engine version that differs from config/platform.ts (or an upgrade pending) means prod is not the version staging was tested on.',
  layout:
    'Node layout and settings that differ from config/ (shards, replicas, Multi-AZ, instance class) make staging prove a different ' +
    'system than prod.',
  'terraform-drift':
    'A resource changed or deleted outside Terraform is overwritten or recreated by the next apply: the plan reviewed is not what will ' +
    'happen.',
} as const;

export type DriftRule = keyof typeof DRIFT_RULE_WHY;

const DOCS = 'docs/drift.md';

function finding(rule: DriftRule, level: Finding['level'], fields: Omit<Finding, 'engine' | 'rule' | 'level' | 'why'>): Finding {
  return { engine: 'drift', rule, level, why: DRIFT_RULE_WHY[rule], docsUrl: DOCS, ...fields };
}

export function driftFindings(report: DriftReport): Finding[] {
  const findings: Finding[] = [];
  for (const [environment, e] of Object.entries(report.environments)) {
    for (const service of SERVICES) {
      const part = e.services[service];
      if (part.status === 'unreadable')
        findings.push(
          finding('unreadable', 'block', {
            environment,
            address: service,
            unknown: true,
            message: `${service} could not be read: ${part.reason ?? 'unknown reason'}`,
          }),
        );
    }
  }
  const { ssm } = report;
  for (const [environment, keys] of Object.entries(ssm.missingIn))
    for (const key of keys)
      findings.push(
        finding('ssm-key-missing', 'block', {
          environment,
          address: key,
          message: `SSM key ${key} is declared or present elsewhere but missing in ${environment}`,
        }),
      );
  for (const [environment, keys] of Object.entries(ssm.unmanaged))
    for (const key of keys)
      findings.push(
        finding('ssm-key-unmanaged', 'block', {
          environment,
          address: key,
          message: `SSM key ${key} exists in ${environment} but is not declared in config/`,
        }),
      );
  for (const m of ssm.typeMismatch) {
    for (const [environment, type] of Object.entries(m.live)) {
      if (m.declared !== undefined && type === m.declared) continue;
      const level = m.declared !== undefined ? 'block' : 'warn';
      findings.push(
        finding('ssm-type-mismatch', level, {
          environment,
          address: m.key,
          ...(m.declared !== undefined ? { expected: m.declared } : {}),
          found: type,
          message: `SSM key ${m.key} is a ${type} in ${environment}${m.declared ? `, declared ${m.declared}` : ' (not declared; types differ between environments)'}`,
        }),
      );
    }
  }
  for (const m of ssm.valueMismatch) {
    findings.push(
      finding('ssm-value-mismatch', 'block', {
        environment: m.environment,
        address: m.key,
        expected: m.declared,
        found: m.live,
        message: `SSM key ${m.key} in ${m.environment} differs from ${m.expectedFrom ?? 'the value the code declares'}`,
      }),
    );
  }
  for (const r of ssm.crossEnvironment) {
    findings.push(
      finding('ssm-cross-environment', 'block', {
        environment: r.environment,
        address: r.key,
        found: r.live,
        message: `SSM key ${r.key} in ${r.environment} points at ${r.references} (${r.kind} \`${r.match}\`)`,
      }),
    );
  }
  for (const e of report.engines) {
    for (const environment of e.driftIn) {
      const pending = e.pending[environment] ?? [];
      findings.push(
        finding('engine-version', 'block', {
          environment,
          address: `${e.service} ${e.resource}`,
          path: 'engine_version',
          expected: e.declared,
          found: e.live[environment] ?? 'unknown',
          message: `${e.service} ${e.resource} runs ${e.live[environment] ?? 'an unknown version'} in ${environment}, declared ${e.declared}${pending.length > 0 ? `; pending: ${pending.join('; ')}` : ''}`,
        }),
      );
    }
  }
  for (const m of report.layout) {
    findings.push(
      finding('layout', 'block', {
        environment: m.environment,
        address: `${m.service} ${m.resource}`,
        path: m.attribute,
        expected: String(m.declared),
        found: String(m.live ?? 'unknown'),
        message: `${m.attribute} of ${m.service} ${m.resource} differs from config/ in ${m.environment}`,
      }),
    );
  }
  for (const [environment, entries] of Object.entries(report.terraform)) {
    for (const d of entries) {
      const message =
        d.action === 'delete'
          ? `${d.address} was deleted outside Terraform`
          : `${d.address} was changed outside Terraform: ${d.changedPaths.join(', ')}`;
      findings.push(finding('terraform-drift', 'block', { environment, address: d.address, message }));
    }
  }
  return findings;
}

/** `unknown` when any part could not be read (exit 3), `fail` on drift (exit 1), else `pass`. */
export function driftStatus(report: DriftReport): ReportStatus {
  const statuses = Object.values(report.environments).map((e) => e.status);
  return statuses.includes('unreadable') ? 'unknown' : statuses.includes('drift') ? 'fail' : 'pass';
}

export function toEnvelope(report: DriftReport): ReportEnvelope {
  return buildEnvelope('drift', { findings: driftFindings(report), status: driftStatus(report) });
}

/** `--format json`: the envelope (schemas/drift.schema.json), then the report's own fields, kept for one version. */
export function renderDriftJson(report: DriftReport): string {
  return renderEnvelopeJson(toEnvelope(report), report);
}
