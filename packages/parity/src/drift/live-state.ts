/** What the drift check reads from one environment's account, before any comparison. */

/** One SSM parameter, without its value. */
export interface LiveSsmKey {
  /** The name relative to the environment's path (`LOG_LEVEL`, or `nested/KEY` below a sub-path). */
  key: string;
  /** `String`, `StringList` or `SecureString`. */
  type: string;
}

/** A pending maintenance action or modification that AWS will apply later. */
export interface PendingChange {
  /** The action (`db-upgrade`, `system-update`, `engine-version`, `service-software-update`...). */
  action: string;
  /** AWS's description, or the version it moves to. */
  description: string;
  /** When AWS applies it without being asked, ISO 8601, when known. */
  applyAfter?: string;
  /** True when it changes the engine version (and would move this environment ahead of the others). */
  changesEngineVersion: boolean;
}

export interface LiveDatabase {
  /** False when no DB instance has the expected identifier. */
  found: boolean;
  engine?: string;
  engineVersion?: string;
  instanceClass?: string;
  multiAz?: boolean;
  autoMinorVersionUpgrade?: boolean;
  /** `address:port`, what `DATABASE_ENDPOINT` must hold. */
  endpoint?: string;
  pending: PendingChange[];
}

export interface LiveCache {
  /** False when no replication group has the expected id. */
  found: boolean;
  engine?: string;
  /** The engine versions of the member clusters, distinct, sorted. */
  engineVersions: string[];
  nodeType?: string;
  shards?: number;
  replicasPerShard?: number;
  automaticFailover?: boolean;
  /** The configuration endpoint's address, what `CACHE_ENDPOINT` must hold. */
  endpoint?: string;
  pending: PendingChange[];
}

export interface LiveSearch {
  /** False when no domain has the expected name. */
  found: boolean;
  engineVersion?: string;
  instanceType?: string;
  instanceCount?: number;
  dedicatedMasters?: number;
  masterInstanceType?: string;
  zoneAwareness?: boolean;
  /** The domain's (VPC) endpoint, what `SEARCH_ENDPOINT` must hold. */
  endpoint?: string;
  pending: PendingChange[];
}

/** The services read from an environment's account (Terraform drift comes from a plan file). */
export type LiveService = 'ssm' | 'rds' | 'elasticache' | 'opensearch';

/** SSM as read: every key with its type, and the values of the String keys the code declares. */
export interface LiveSsm {
  keys: LiveSsmKey[];
  /** Live value of each declared String key that exists as a String (SecureStrings are never read). */
  values: Record<string, string>;
}
