/**
 * The one place waivers are applied, for every engine: a current waiver moves the findings it matches to
 * `waived`; an expired one waives nothing and fails the report (even when its findings are gone); one that
 * matches nothing is unused: a warning, a failure with `--strict`.
 */
import type { Finding, WaiverReference } from '../findings/finding';
import { isExpired, waiverMatches } from './waiver';

/**
 * Any waiver an engine applies: a file's (every field written) or an inline annotation's, whose old form
 * (`-- parity:allow RULE reason: ...`) has no owner and no expiry. The reports' WaiverReference, with
 * `source` optional (the engine names it when the waiver does not).
 */
export type AnyWaiver = Omit<WaiverReference, 'source'> & { readonly source?: string };

export interface ApplyOptions<F> {
  /** The date expiry is checked against (a waiver holds through its whole expiry day, UTC). */
  readonly now: Date;
  /** An unused waiver fails the report. @default false */
  readonly strict?: boolean;
  /**
   * The environments a finding concerns, when it is about more than its one `environment` (a check
   * divergence concerns every environment of its group that differs). @default its `environment`, if any
   */
  readonly environmentsOf?: (finding: F) => readonly string[] | undefined;
  /** The address a waiver's address glob is matched against (plan review matches `{env}`-normalized ones). @default `finding.address` */
  readonly addressOf?: (finding: F) => string | undefined;
}

export interface WaiverOutcome<F, W> {
  /** The findings no current waiver matched, in their order. */
  readonly findings: F[];
  /** The findings waived, each with the first current waiver that matched it. */
  readonly waived: { readonly finding: F; readonly waiver: W }[];
  /** Current waivers that matched no finding. */
  readonly unusedWaivers: W[];
  /** Waivers past their expiry day: they waived nothing. */
  readonly expiredWaivers: W[];
  /** True when the waivers alone fail the report: one expired, or (with `strict`) one unused. */
  readonly failed: boolean;
}

/** True when the waiver accepts the finding: each field it gives matches (an absent one matches anything). */
export function waiverAccepts<F extends Pick<Finding, 'rule' | 'address' | 'path' | 'environment'>>(
  waiver: AnyWaiver,
  finding: F,
  options: Pick<ApplyOptions<F>, 'environmentsOf' | 'addressOf'> = {},
): boolean {
  const address = options.addressOf ? options.addressOf(finding) : finding.address;
  if (waiver.address !== undefined && address === undefined) return false;
  const environments = options.environmentsOf?.(finding) ?? (finding.environment === undefined ? undefined : [finding.environment]);
  return waiverMatches(waiver, { address: address ?? '', path: finding.path, rule: finding.rule, environments });
}

export function applyWaivers<F extends Pick<Finding, 'rule' | 'address' | 'path' | 'environment'>, W extends AnyWaiver>(
  findings: readonly F[],
  waivers: readonly W[],
  options: ApplyOptions<F>,
): WaiverOutcome<F, W> {
  const expiredWaivers = waivers.filter((w) => isExpired(w, options.now));
  const current = waivers.filter((w) => !isExpired(w, options.now));
  const used = new Set<W>();
  const kept: F[] = [];
  const waived: { finding: F; waiver: W }[] = [];
  for (const finding of findings) {
    const waiver = current.find((w) => waiverAccepts(w, finding, options));
    if (waiver) {
      used.add(waiver);
      waived.push({ finding, waiver });
    } else kept.push(finding);
  }
  const unusedWaivers = current.filter((w) => !used.has(w));
  return {
    findings: kept,
    waived,
    unusedWaivers,
    expiredWaivers,
    failed: expiredWaivers.length > 0 || (options.strict === true && unusedWaivers.length > 0),
  };
}

/** A waiver in a few words, for messages: `destructive-change at migrations/0004_x.sql`, `aws_s3_bucket.legacy engine_version`. */
export function describeWaiver(w: AnyWaiver): string {
  const what = [w.address, w.path].filter((p) => p !== undefined).join(' ');
  if (w.rule === undefined) return what;
  return what ? `${w.rule} at ${what}` : `${w.rule} (every address)`;
}
