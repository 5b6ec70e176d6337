/**
 * The promote report: may `to` (prod) get what this checkout would apply? As data; the renderers
 * only format it and `--format json` prints it as is.
 */
import type { CallCount, CallCounts } from '../drift/drift-report';

/** `not-checked`: nothing to check (no `--database-url`, or the fingerprint already differs). */
export type CheckStatus = 'pass' | 'fail' | 'unreadable' | 'not-checked';

export interface PromoteCheck {
  status: CheckStatus;
  /** What was found, in one sentence. */
  detail: string;
  /** What to do about a `fail` or `unreadable`. */
  fix?: string;
}

/** `promote`: exit 0; `refused`: a check failed, exit 1; `unreadable`: staging could not be read, exit 3 (never a pass). */
export type PromoteDecision = 'promote' | 'refused' | 'unreadable';

export interface PromoteReport {
  schemaVersion: 1;
  /** The environment that must already run the change (`staging`). */
  from: string;
  /** The environment about to get it (`prod`). */
  to: string;
  decision: PromoteDecision;
  checks: {
    /** `from`'s live fingerprint equals the fingerprint of what this checkout would apply to `to`. */
    fingerprint: PromoteCheck;
    /** `from`'s fingerprint parameter was last written at least `minSoakHours` ago. */
    soak: PromoteCheck;
    /** `from`'s database has every migration this checkout expects (`parity preflight`). */
    migrations: PromoteCheck;
  };
  fingerprints: {
    /** What this checkout would apply to `to` (src/promote/fingerprint.ts). */
    expected: string;
    /** What this checkout would apply to `from`: equal to `expected` whenever parity holds in the code. */
    checkoutFrom: string;
    /** What `from` runs: its live `PLATFORM_FINGERPRINT`; null when absent or unreadable. */
    live: string | null;
    /** When Terraform last wrote it (SSM `LastModifiedDate`), ISO 8601. */
    liveWrittenAt?: string;
  };
  /** `--min-soak`, in hours. */
  minSoakHours: number;
  /** The moment the soak was measured against, ISO 8601. */
  checkedAt: string;
  /** AWS calls made in `from`'s account, per service. */
  calls: CallCounts;
  totals: CallCount;
}
