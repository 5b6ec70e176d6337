/**
 * `promote check` as the shared report envelope: each check that failed is a blocking finding about `from`
 * (the environment that must already run the change), each one that could not be read an unknown blocking
 * finding; its fix ends the message.
 */
import type { Finding, ReportEnvelope, ReportStatus } from '../shared/findings/finding';
import { buildEnvelope } from '../shared/report/envelope';
import { renderEnvelopeJson } from '../shared/report/render-json';
import type { PromoteReport } from './promote-report';

export const PROMOTE_RULE_WHY = {
  fingerprint:
    'Prod may get only what staging already runs: the fingerprint of what this checkout would apply to prod must equal the one staging ' +
    'runs.',
  soak:
    'A change must run in staging for the soak time before prod gets it, so that what only shows with time (jobs, caches, slow leaks) ' +
    'shows in staging first.',
  migrations: "Staging's database must have every migration this checkout expects, or prod would get a schema staging never ran.",
} as const;

const DOCS = 'docs/promote.md';

export function promoteFindings(report: PromoteReport): Finding[] {
  return (Object.entries(report.checks) as [keyof typeof PROMOTE_RULE_WHY, PromoteReport['checks'][keyof PromoteReport['checks']]][])
    .filter(([, check]) => check.status === 'fail' || check.status === 'unreadable')
    .map(([rule, check]) => ({
      engine: 'promote',
      rule,
      level: 'block',
      environment: report.from,
      message: `${check.detail}${check.fix ? ` Fix: ${check.fix}` : ''}`,
      why: PROMOTE_RULE_WHY[rule],
      docsUrl: DOCS,
      ...(rule === 'fingerprint' ? { expected: report.fingerprints.expected, found: report.fingerprints.live ?? '(none)' } : {}),
      ...(check.status === 'unreadable' ? { unknown: true } : {}),
    }));
}

export function promoteStatus(report: PromoteReport): ReportStatus {
  return report.decision === 'promote' ? 'pass' : report.decision === 'refused' ? 'fail' : 'unknown';
}

export function toEnvelope(report: PromoteReport): ReportEnvelope {
  return buildEnvelope('promote', { findings: promoteFindings(report), status: promoteStatus(report) });
}

/** `--format json`: the envelope (schemas/promote.schema.json), then the report's own fields, kept for one version. */
export function renderPromoteJson(report: PromoteReport): string {
  return renderEnvelopeJson(toEnvelope(report), report);
}
