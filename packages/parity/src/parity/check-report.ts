/** What `parity check` computes, before any rendering; `--format json` prints it as is. */
import type { Waiver } from '../shared/waivers/waiver';
import type { Difference, GroupResult, OnlyIn } from './parity-result';

export interface WaivedFinding {
  /** The difference or presence finding the waiver covers. */
  readonly finding: Difference | OnlyIn;
  /** The waiver that covers it. */
  readonly waiver: Waiver;
}

export interface GroupReport extends GroupResult {
  /** Findings covered by a current waiver (they do not fail the check). */
  readonly waived: readonly WaivedFinding[];
}

export interface CheckReport {
  readonly schemaVersion: 1;
  /** What was checked: `project`, `stacks DIR` or `hcl`. */
  readonly source: string;
  /** The policy used: where it came from, and which default knobs allowed something. */
  readonly policy: {
    /** `config/` for this project, or the policy file, or `defaults`. */
    readonly from: string;
    /** Whether the default AWS size knobs applied. */
    readonly defaultsApplied: boolean;
    /** The default knobs that allowed at least one difference. */
    readonly defaultsUsed: readonly string[];
  };
  /** Per parity group (and `(all environments)` for invariants across groups). */
  readonly groups: readonly GroupReport[];
  /** Waivers past their expiry date: each fails the check. */
  readonly expiredWaivers: readonly Waiver[];
  /** Current waivers that matched nothing: a warning, or a failure with `--strict`. */
  readonly unusedWaivers: readonly Waiver[];
  /** Notes for the reader (environments in no group, unused waivers...). */
  readonly warnings: readonly string[];
  /** `pass` when parity holds, `fail` otherwise. */
  readonly status: 'pass' | 'fail';
}

/** The number of findings that fail the check in a group. */
export function failingCount(group: GroupReport): number {
  return group.differences.length + group.onlyIn.length;
}
