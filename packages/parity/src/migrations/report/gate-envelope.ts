/**
 * The migration gate as the shared report envelope: each rule finding of each migration (address: the
 * migration file) with the rule's `meta.why`, squawk's findings as rules `squawk/<id>` with squawk's docs, and
 * findings an inline `-- parity:allow` accepted as `waived` (with its owner and expiry; the old form has neither).
 */
import type { Finding, ReportEnvelope, WaivedFinding } from '../../shared/findings/finding';
import { buildEnvelope } from '../../shared/report/envelope';
import { migrationRulePack } from '../rule-pack';
import type { Finding as GateFinding } from './finding';
import type { GateReport, MigrationReport } from './gate-report';

const UNKNOWN_PREFIX = 'could not be determined: ';
const ALLOWED = / Allowed: (.*)$/s;

const SQUAWK_WHY =
  'squawk reads the SQL without running it and knows patterns that lock tables or break running applications; ' +
  'the gate runs it beside its own measurements and reports what it says.';

/** Why the findings about the migrations' own `-- parity:allow` annotations exist (docs/waivers.md). */
const WAIVER_WHY: Readonly<Record<string, string>> = {
  'waiver-expired': 'An expired waiver waives nothing: what it accepted blocks again until the annotation gets a new date or is removed.',
  'waiver-unused':
    'An annotation that waives nothing would quietly accept a later finding it was never written for: ' +
    'remove it (with `--strict` it blocks).',
  'waiver-deprecated':
    'An annotation without owner and expiry never expires and names nobody: write `owner=` and `expires=` so that it is reviewed again.',
};

/** The rule's why and docs: our rules from their `meta`, squawk's from squawk, the annotations' from docs/waivers.md. */
export function gateRuleMeta(rule: string): { readonly why: string; readonly docsUrl?: string } {
  if (WAIVER_WHY[rule]) return { why: WAIVER_WHY[rule]!, docsUrl: 'docs/waivers.md' };
  if (rule.startsWith('squawk/')) {
    const id = rule.slice('squawk/'.length);
    return { why: SQUAWK_WHY, ...(id === 'syntax-error' ? {} : { docsUrl: `https://squawkhq.com/docs/${id}` }) };
  }
  const meta = migrationRulePack.find((entry) => entry.rule.meta.id === rule)?.rule.meta;
  return meta ? { why: meta.why, ...(meta.docsUrl ? { docsUrl: meta.docsUrl } : {}) } : { why: `Rule \`${rule}\` of the migration gate.` };
}

function toFinding(m: MigrationReport, f: GateFinding): Finding {
  const unknown = f.message.startsWith(UNKNOWN_PREFIX);
  const message = (unknown ? f.message.slice(UNKNOWN_PREFIX.length) : f.message).replace(ALLOWED, '');
  return {
    engine: 'migrations',
    rule: f.rule,
    level: f.level === 'warning' ? 'warn' : 'block',
    address: m.file,
    message,
    ...gateRuleMeta(f.rule),
    ...(unknown ? { unknown: true } : {}),
  };
}

export function toEnvelope(report: GateReport): ReportEnvelope {
  const findings: Finding[] = [];
  const waived: WaivedFinding[] = [];
  for (const m of report.migrations) {
    for (const f of m.findings) {
      if (f.level !== 'allowed') {
        findings.push(toFinding(m, f));
        continue;
      }
      const by = f.allowedBy;
      const reason = by?.reason ?? ALLOWED.exec(f.message)?.[1] ?? '(no reason given)';
      const source = `${m.file}${by?.line !== undefined ? `:${by.line}` : ''} (-- parity:allow)`;
      waived.push({
        finding: toFinding(m, f),
        waiver: { rule: f.rule, address: m.file, reason, owner: by?.owner, expires: by?.expires, source },
      });
    }
  }
  // The shared verdict: `unknown` when the only blocking findings are ones the gate could not decide.
  return buildEnvelope('migrations', { findings, waived });
}
