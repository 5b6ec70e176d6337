/**
 * The one findings model and report envelope of every engine. A finding says which engine and rule found
 * what, where, at which level, and why the rule exists; a report wraps the findings with the tool's version,
 * the status, the findings waived and the waivers that matched nothing. Renderers (text, markdown, json,
 * html) take this envelope, with per-engine sections where an engine has more to show.
 */
import type { FindingLevel } from '../rules/rule-module';

/** The engines, as named in reports and in hidden pull-request comment markers. */
export type EngineId = 'check' | 'plan-review' | 'drift' | 'migrations' | 'data' | 'promote' | 'config';

export interface Finding {
  readonly engine: EngineId;
  /** The rule's id (its file name), or for engines without rule modules a stable kind (`divergence`). */
  readonly rule: string;
  readonly level: FindingLevel;
  readonly environment?: string;
  /** A resource or object address (`aws_db_instance.main`, `public.orders`, a migration file). */
  readonly address?: string;
  /** An attribute path in Terraform's notation (`ingress[0].cidr_blocks`, `tags["k8s.io/role"]`). */
  readonly path?: string;
  readonly expected?: string;
  readonly found?: string;
  readonly message: string;
  /** What to do, when the rule says it apart from the message. */
  readonly fix?: string;
  /** Why the rule exists: shown with the finding (collapsed in markdown and html). */
  readonly why: string;
  readonly docsUrl?: string;
  /** True when the rule could not decide (unknown is reported at the rule's level, never passed). */
  readonly unknown?: boolean;
}

/** A finding a waiver accepted, with the waiver that did. */
export interface WaivedFinding {
  readonly finding: Finding;
  readonly waiver: WaiverReference;
}

/** A waiver as reports show it (never its whole source). */
export interface WaiverReference {
  readonly rule?: string;
  readonly address?: string;
  readonly path?: string;
  readonly environment?: string;
  readonly reason: string;
  /** Who answers for it; absent only for the gate's old inline form (`-- parity:allow rule reason`). */
  readonly owner?: string;
  /** Its last day, `YYYY-MM-DD`; absent only for the gate's old inline form. */
  readonly expires?: string;
  /** Where it was written: `waivers.json`, `migrations/0004_x.sql:3`. */
  readonly source: string;
}

/** `fail`: a blocking finding or an expired waiver; `unknown`: something could not be read or decided. */
export type ReportStatus = 'pass' | 'fail' | 'unknown';

/** The version of this envelope's shape; the JSON Schemas under schemas/ are per version. */
export const REPORT_SCHEMA_VERSION = 2;

export interface ReportEnvelope {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly tool: { readonly name: string; readonly version: string };
  readonly engine: EngineId;
  readonly status: ReportStatus;
  readonly findings: readonly Finding[];
  readonly waived: readonly WaivedFinding[];
  /** Waivers that matched no finding: a warning, a failure with `--strict`. */
  readonly unusedWaivers: readonly WaiverReference[];
  /** Waivers past their expiry: they waive nothing and fail the report. */
  readonly expiredWaivers: readonly WaiverReference[];
}
