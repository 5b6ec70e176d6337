/**
 * `parity drift` as the shared report envelope: the findings of the registry's checks (src/drift/checks/, each
 * with its `meta.why`, already in the shared shape in the report's `findings`), then what is no check: each
 * resource a refresh-only plan shows drifted outside Terraform, and each refresh-only plan that could not be
 * read (an unknown blocking finding, never clean). Drift has no waivers.
 */
import type { Finding, ReportEnvelope, ReportStatus } from '../shared/findings/finding';
import { buildEnvelope } from '../shared/report/envelope';
import { renderEnvelopeJson } from '../shared/report/render-json';
import type { DriftReport } from './drift-report';

/** Why the refresh-only plan's findings exist (the checks' own whys are their `meta.why`). */
export const TERRAFORM_DRIFT_WHY =
  'A resource changed or deleted outside Terraform is overwritten or recreated by the next apply: ' +
  'the plan reviewed is not what will happen.';
export const TERRAFORM_UNREADABLE_WHY =
  'A refresh-only plan that terraform marked `errored` says nothing about drift: it is unknown, never clean (exit 3).';

const DOCS = 'docs/drift.md';

/** What the refresh-only plans found: no check of the registry reads them. */
export function terraformFindings(report: DriftReport): Finding[] {
  const findings: Finding[] = [];
  for (const [environment, e] of Object.entries(report.environments)) {
    const part = e.services.terraform;
    if (part.status === 'unreadable') {
      const message = part.reason ?? 'the refresh-only plan could not be read';
      findings.push({
        engine: 'drift',
        rule: 'terraform-drift',
        level: 'block',
        environment,
        unknown: true,
        message,
        why: TERRAFORM_UNREADABLE_WHY,
        docsUrl: DOCS,
      });
    }
  }
  for (const [environment, entries] of Object.entries(report.terraform)) {
    for (const d of entries) {
      const message =
        d.action === 'delete'
          ? `${d.address} was deleted outside Terraform`
          : `${d.address} was changed outside Terraform: ${d.changedPaths.join(', ')}`;
      findings.push({
        engine: 'drift',
        rule: 'terraform-drift',
        level: 'block',
        environment,
        address: d.address,
        message,
        why: TERRAFORM_DRIFT_WHY,
        docsUrl: DOCS,
      });
    }
  }
  return findings;
}

export function driftFindings(report: DriftReport): Finding[] {
  return [...(report.findings ?? []), ...terraformFindings(report)];
}

/** `unknown` when any part could not be read (exit 3), `fail` on drift (exit 1), else `pass`. */
export function driftStatus(report: DriftReport): ReportStatus {
  const statuses = Object.values(report.environments).map((e) => e.status);
  return statuses.includes('unreadable') ? 'unknown' : statuses.includes('drift') ? 'fail' : 'pass';
}

export function toEnvelope(report: DriftReport): ReportEnvelope {
  return buildEnvelope('drift', { findings: driftFindings(report), status: driftStatus(report) });
}

/**
 * `--format json`: the envelope (schemas/drift.schema.json), then the report's fields of schemaVersion 1, kept for
 * one version. The report's own `findings` (the checks') are the envelope's, with the refresh-only plans' added.
 */
export function renderDriftJson(report: DriftReport): string {
  const { findings: _checks, ...rest } = report;
  return renderEnvelopeJson(toEnvelope(report), rest);
}
