/** A finding in the gate's report. */
export type FindingLevel = 'blocking' | 'warning' | 'allowed';

export interface Finding {
  /** Rule id: ours (`lock-budget`) or squawk's, prefixed (`squawk/require-concurrent-index-creation`). */
  readonly rule: string;
  /** `blocking` fails the check (exit 1); `warning` is reported only; `allowed` was waived by an annotation. */
  readonly level: FindingLevel;
  /** What was found, where, and what to do. */
  readonly message: string;
  /**
   * For an `allowed` finding, the annotation that allowed it, when the gate keeps it (else the envelope reads
   * the reason from the message's ` Allowed: ...`). Owner and expiry are absent for the old inline form.
   */
  readonly allowedBy?: { readonly reason: string; readonly owner?: string; readonly expires?: string; readonly line?: number };
}
