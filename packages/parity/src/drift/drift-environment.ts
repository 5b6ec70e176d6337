/**
 * What `parity drift` is given about each environment: where its account is, what its live
 * resources are called and what the code declares for it. The engine owns this contract; the CLI
 * builds it from the repository's configuration (src/cli/drift-target.ts), and anyone else can
 * build it from their own. Plain data: nothing here reads a file or the network.
 */

/** How to reach one environment's account, read-only. */
export interface AccountAccess {
  /** The environment's name (`prod`), as reports show it. */
  readonly name: string;
  readonly region: string;
  /** The 12-digit account the credentials must resolve to (STS GetCallerIdentity); any other is refused. */
  readonly accountId: string;
  /**
   * The read-only role assumed before any read (STS AssumeRole).
   * @default none: the SDK's default credential chain is used as is
   */
  readonly readOnlyRoleArn?: string;
  /**
   * Where the environment is declared, named in the fix of an account error (`config/environments.ts`).
   * @default 'its configuration'
   */
  readonly declaredIn?: string;
}

/** The declared database: engine, version and the settings drift compares. */
export interface DeclaredDatabase {
  readonly engine: string;
  /** `major.minor` (`16.8`): the live version must be exactly this. */
  readonly engineVersion: string;
  readonly multiAz: boolean;
  readonly instanceClass: string;
  readonly autoMinorVersionUpgrade: boolean;
  /** Days of automated backups (RDS `BackupRetentionPeriod`). */
  readonly backupRetentionDays: number;
}

export interface DeclaredCache {
  /** `redis` or `valkey`. */
  readonly engine: string;
  /** `major.minor` (`7.2`): a live patch of it (`7.2.6`) matches. */
  readonly engineVersion: string;
  readonly shards: number;
  readonly replicasPerShard: number;
  readonly automaticFailover: boolean;
  readonly nodeType: string;
}

export interface DeclaredSearch {
  /** `OpenSearch_2.17`. */
  readonly engineVersion: string;
  readonly instanceType: string;
  readonly instanceCount: number;
  /** 0 when the domain has no dedicated master nodes. */
  readonly dedicatedMasters: number;
  /** Compared only when `dedicatedMasters` is above 0. */
  readonly masterInstanceType: string;
  readonly zoneAwareness: boolean;
}

/** An SSM key the code declares, relative to the environment's path. */
export interface DeclaredKey {
  readonly key: string;
  /** `String`, `StringList` or `SecureString`. */
  readonly type: string;
}

export interface DeclaredEnvironment {
  /** Every SSM key the environment must hold. */
  readonly ssmKeys: readonly DeclaredKey[];
  /**
   * Every declared String key with the value the code gives it, or null when Terraform computes it
   * at apply (an endpoint, an ARN). Only these values are ever read; never a SecureString.
   */
  readonly stringValues: Readonly<Record<string, string | null>>;
  readonly database: DeclaredDatabase;
  readonly cache: DeclaredCache;
  readonly search: DeclaredSearch;
}

/** The names of an environment's live resources. */
export interface LiveResourceNames {
  /** RDS DB instance identifier (`orders-prod`). */
  readonly database: string;
  /** ElastiCache replication group id (`orders-prod`). */
  readonly cache: string;
  /** OpenSearch domain name (`orders-prod`). */
  readonly search: string;
}

export interface DriftEnvironment extends AccountAccess {
  /**
   * The base name of the environment's resources (`orders-prod`): found in another environment's
   * value, it is a cross-environment reference.
   */
  readonly resourceName: string;
  readonly resources: LiveResourceNames;
  /** The SSM path holding every key of the environment, without a trailing slash (`/orders/prod`). */
  readonly ssmPath: string;
  readonly declared: DeclaredEnvironment;
}

/** Every environment drift knows of, in the order reports list them; `--env` picks among them. */
export interface DriftTarget {
  readonly environments: readonly DriftEnvironment[];
  /**
   * Where the environments are declared, for error messages (`config/environments.ts`).
   * @default 'the drift target'
   */
  readonly source?: string;
}

/** The String keys of an environment whose live values drift reads (and the reader policy allows). */
export function stringKeysOf(declared: DeclaredEnvironment): string[] {
  return Object.keys(declared.stringValues);
}
