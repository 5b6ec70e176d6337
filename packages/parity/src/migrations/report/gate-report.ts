/** The gate's report: what `--format json` prints (schemaVersion 1) and the renderers read. */
import type { Estimate } from '../run/extrapolate';
import type { LockHeld } from '../run/lock-tracer';
import type { Finding } from './finding';
import type { Rehearsal } from '../rehearsal/rehearse';

export interface StatementReport {
  /** The statement. */
  readonly sql: string;
  /** Its line in the file. */
  readonly line: number;
  /** Measured at the full sample, ms. */
  readonly durationMs: number;
  /** Rows of its largest table in the sample. */
  readonly sampleRows: number;
  /** Locks held on existing tables. */
  readonly locks: readonly LockHeld[];
  /** Tables rewritten. */
  readonly rewrites: readonly string[];
  /** Estimated duration at prod's rows. */
  readonly estimatedProdMs: Estimate;
  /** Work that grows with a table, as measured (rewrite, index build, rows read at the full and small sample). */
  readonly work: readonly {
    readonly table: string;
    readonly rewrite: boolean;
    readonly indexBuild: boolean;
    readonly rowsRead?: { readonly full: number; readonly small: number };
  }[];
  /** `lock_timeout` in effect when it started. */
  readonly lockTimeout: string;
  /** Ran in a transaction with other statements. */
  readonly inTransaction: boolean;
}

export interface MigrationReport {
  /** File name. */
  readonly file: string;
  /** The runner whose format it is (`sql`, `goose`, `flyway`...). */
  readonly format: string;
  /** How the runner ran it: "goose: one transaction per file". */
  readonly transaction: string;
  /** Its up statements, measured. */
  readonly statements: readonly StatementReport[];
  /** Our rules' findings, then squawk's. */
  readonly findings: readonly Finding[];
  /** Rehearsal under production load (rehearsal/rehearse.ts); null when it touches no table holding rows, absent with `--no-rehearsal`. */
  readonly rehearsal?: Rehearsal | null;
  /** The rehearsal in a sentence, for the text and markdown reports. */
  readonly rehearsalSummary?: string;
}

export interface GateReport {
  /** Version of this JSON shape. */
  readonly schemaVersion: 1;
  /** server_version the migrations ran on. */
  readonly postgres: string;
  /** Prod's declared version (config/platform.ts). */
  readonly prodVersion: string;
  /** Where the server came from. */
  readonly server: string;
  /** How the new migrations were chosen. */
  readonly selection: string;
  /** The migration tool and how it was chosen: `goose (detected: ...)`, `flyway (--tool flyway)`. */
  readonly tool: string;
  /** Rows seeded per table at the full and the small sample. */
  readonly seeded: readonly SeededReport[];
  /** The new migrations, in order. */
  readonly migrations: readonly MigrationReport[];
  /** Wall time of the whole check, ms. */
  readonly durationMs: number;
}

/** One table seeded to its sample size. */
export interface SeededReport {
  readonly table: string;
  readonly prodRows: number;
  readonly sampleRows: number;
  readonly smallSampleRows: number;
  readonly durationMs: number;
  /** The new migration that created it, when it was seeded right after that one ran (`--all`). */
  readonly afterMigration?: string;
}

/** True when any finding blocks. */
export function hasBlockingFinding(report: GateReport): boolean {
  return report.migrations.some((m) => m.findings.some((f) => f.level === 'blocking'));
}
