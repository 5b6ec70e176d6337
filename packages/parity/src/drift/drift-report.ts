/**
 * The drift report: what `parity drift` found, as data. Renderers (text, markdown, json) only
 * format it; `--format json` prints it as is.
 */

import type { Finding } from '../shared/findings/finding';

/** Requests made to one AWS service for one environment. */
export interface CallCount {
  /** SDK operations started (one per `client.send`, one per page). */
  operations: number;
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Requests beyond the first attempt of each operation (throttling, transient errors). */
  retries: number;
}

/** Calls per AWS service (`sts`, `ssm`, `rds`, `elasticache`, `opensearch`). */
export type CallCounts = Record<string, CallCount>;

export type EnvironmentStatus = 'ok' | 'drift' | 'unreadable';

/** The parts of an environment with a status of their own. */
export const SERVICES = ['ssm', 'rds', 'elasticache', 'opensearch', 'terraform'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** `not-checked`: nothing was asked of it (`terraform` without `--refresh-only-plan`). */
export type ServiceStatus = EnvironmentStatus | 'not-checked';

export interface ServiceResult {
  /** `ok`: read, as the code says; `drift`: read, differences found; `unreadable`: unknown (never clean). */
  status: ServiceStatus;
  /** Why it is unreadable or not checked. */
  reason?: string;
}

export interface EnvironmentResult {
  /** `unreadable` when any service is (exit 3), else `drift` when any service drifts, else `ok`. */
  status: EnvironmentStatus;
  /** Why a part could not be read: the AWS error code, its message, and what was being read (one per distinct reason, `; `-separated). */
  error?: string;
  /** The account the credentials resolved to (STS GetCallerIdentity), when read. */
  accountId?: string;
  /** Every part on its own: what was read is compared and reported even when another part is unreadable. */
  services: Record<ServiceName, ServiceResult>;
}

export interface ValueMismatch {
  environment: string;
  /** The key, relative to the environment's path (`LOG_LEVEL`). */
  key: string;
  /** The value the code declares for this environment, or for a key Terraform fills in, what the live resource says it must be. */
  declared: string;
  /** For a key Terraform fills in (`DATABASE_ENDPOINT`...): the live resource `declared` was read from. */
  expectedFrom?: string;
  /** The live value (String keys only: they are not secret). */
  live: string;
}

export interface CrossEnvironmentReference {
  /** The environment whose parameter holds the value. */
  environment: string;
  key: string;
  /** The other environment the value points at. */
  references: string;
  /** What gave it away: a resource name (`orders-prod`), a host only that environment declares, its account id, its SSM path. */
  kind: 'resource-name' | 'host' | 'account-id' | 'ssm-path';
  /** The text that matched. */
  match: string;
  /** The whole live value. */
  live: string;
}

export interface TypeMismatch {
  /** The key, relative to the environment's path (`PAYMENTS_API_KEY`). */
  key: string;
  /** The type config/platform.ts declares, absent for an undeclared key. */
  declared?: string;
  /** The live type per environment that holds the key. */
  live: Record<string, string>;
}

export interface SsmDrift {
  /** Keys declared or present in another environment but absent from this one, per environment. */
  missingIn: Record<string, string[]>;
  /** Keys present in the account that the code does not declare, per environment. */
  unmanaged: Record<string, string[]>;
  /** Keys whose type differs between environments or from the declaration. */
  typeMismatch: TypeMismatch[];
  /** Declared String keys whose live value differs from the one the code declares. */
  valueMismatch: ValueMismatch[];
  /** Live String values that name another environment's resources, hosts, account or path. */
  crossEnvironment: CrossEnvironmentReference[];
}

export type EngineService = 'rds' | 'elasticache' | 'opensearch';

export interface EngineComparison {
  service: EngineService;
  /** The resource name with the environment taken out (`orders-{env}`). */
  resource: string;
  /** The version config/platform.ts declares (`16.8`, `valkey 7.2`, `OpenSearch_2.17`). */
  declared: string;
  /** The live version per environment; `absent` when the resource does not exist, `null` when unreadable. */
  live: Record<string, string | null>;
  /** Pending maintenance or modifications per environment (`db-upgrade: Upgrade to 16.9, auto-applied after ...`). */
  pending: Record<string, string[]>;
  /** True when a live version differs from the declared one or a pending action would change it. */
  drift: boolean;
  /** The environments whose version differs from the declared one or would change. */
  driftIn: string[];
}

export interface LayoutMismatch {
  service: EngineService;
  /** The resource name with the environment taken out (`orders-{env}`). */
  resource: string;
  environment: string;
  /** What differs, named after the config field (`multiAz`, `shards`, `instanceClass`...). */
  attribute: string;
  /** The value config/ declares for this environment. */
  declared: string | number | boolean;
  /** The live value; `null` when AWS did not return it. */
  live: string | number | boolean | null;
}

export interface TerraformDriftEntry {
  /** The resource address in state (`aws_db_instance.database`). */
  address: string;
  /** The address before a `moved` block, when terraform reports one. */
  previousAddress?: string;
  /** `update` (changed outside Terraform) or `delete` (deleted outside Terraform). */
  action: string;
  /**
   * Attribute paths that changed, as Terraform writes them (`tags.Owner`, `ingress[0].cidr_blocks`;
   * src/shared/attribute-path.ts). Values are never shown.
   */
  changedPaths: string[];
}

export interface DriftReport {
  schemaVersion: 1;
  /** Per environment checked, in config order. */
  environments: Record<string, EnvironmentResult>;
  ssm: SsmDrift;
  engines: EngineComparison[];
  /** Node layout and settings that differ from config/ (topology per parity group, scale per environment). */
  layout: LayoutMismatch[];
  /** `resource_drift` of each `--refresh-only-plan`, per environment, drifted resources only. */
  terraform: Record<string, TerraformDriftEntry[]>;
  /** AWS calls per environment and service. */
  calls: Record<string, CallCounts>;
  /** All calls of the run. */
  totals: CallCount;
  /**
   * Every failure and every unknown of every check of the registry (src/drift/checks/), in the
   * shared Finding shape (engine `drift`, rule = the check's id, environment, address, path,
   * expected, found, message, why): what the shared renderers and the envelope read, so a new
   * check shows with no renderer edit.
   */
  findings: Finding[];
}
