/**
 * The one shape of a drift check: one file in src/drift/checks/ exporting a module with its `meta`
 * (id = file name), a `read` of the live state it needs through the AWS SDK clients, and a pure
 * `compare` of that state with what the code declares, returning the shared RuleResult. The
 * registry (src/drift/checks/index.ts) lists the checks; src/drift/run-checks.ts reads every check
 * of every environment first, then runs the compare step through the shared `runPack`.
 *
 * A read that failed, was denied or timed out makes the check `unknown` for that environment,
 * with the reason: never a pass. A check may also feed one of the report's sections (`settings`
 * feed `layout`, `engine` feeds `engines`), so that a new check needs no renderer edit.
 */
import type { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import type { OpenSearchClient } from '@aws-sdk/client-opensearch';
import type { RDSClient } from '@aws-sdk/client-rds';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { RuleMeta, RuleResult } from '../shared/rules/rule-module';
import type { Deadline } from './deadline';
import type { DriftEnvironment } from './drift-environment';
import type { EngineService } from './drift-report';
import type { LiveService, PendingChange } from './live-state';

export interface DriftCheckMeta extends RuleMeta {
  /** The part of the environment whose status the check decides (`rds`: drift or unreadable). */
  readonly service: LiveService;
}

/** The read-only clients of one environment, and a way for checks to share one call. */
export interface CheckClients {
  readonly ssm: SSMClient;
  readonly rds: RDSClient;
  readonly elasticache: ElastiCacheClient;
  readonly opensearch: OpenSearchClient;
  /**
   * Runs `read` once per environment and `key`: checks that need the same answer (the RDS
   * instance's description) share one call, so adding a check adds no request it does not need.
   */
  once<T>(key: string, read: () => Promise<T>): Promise<T>;
}

/** What a check compares its live state with. */
export interface DeclaredState<Live> {
  /** The environment being compared, with what the code declares for it. */
  readonly environment: DriftEnvironment;
  /** Every environment of the target, checked or not, in order (a reference may point at any). */
  readonly environments: readonly DriftEnvironment[];
  /** This check's live state in every other checked environment that could be read. */
  readonly peers: ReadonlyMap<string, Live>;
  /** Takes environment names out of a resource name (`orders-prod` → `orders-{env}`). */
  readonly normalize: (name: string) => string;
}

/** A value drift compares: what AWS says, or null when AWS did not say. */
export type SettingValue = string | number | boolean;

/** One setting of a live resource against its declaration (a check's `settings`, shown in `layout`). */
export interface Setting {
  readonly service: EngineService;
  /** The resource's name (`orders-prod`). */
  readonly resource: string;
  /** The attribute, named after the declaration's field (`multiAz`, `backupRetentionDays`). */
  readonly attribute: string;
  readonly declared: SettingValue;
  /** Undefined when AWS did not return it: a mismatch, never a pass. */
  readonly live: SettingValue | undefined;
}

/** An engine version as a check sees it (a check's `engine`, shown in `engines`). */
export interface EngineView {
  /** The live version as shown (`valkey 7.2.6`), `absent` for a missing resource. */
  readonly shown: string;
  readonly matches: boolean;
  readonly pending: readonly PendingChange[];
}

export interface DriftCheck<Live> {
  readonly meta: DriftCheckMeta;
  /** The live state the check needs, read-only; throws when it cannot be read (the check is then unknown). */
  read(env: DriftEnvironment, clients: CheckClients, deadline: Deadline): Promise<Live>;
  /** Pure: the live state against the declaration (and the other environments). */
  compare(live: Live, declared: DeclaredState<Live>): RuleResult;
  /** The settings compared, for the report's `layout` section (mismatches only are listed). */
  settings?(live: Live, environment: DriftEnvironment): readonly Setting[];
  /** The engine version, for the report's `engines` section. */
  readonly engine?: {
    readonly service: EngineService;
    /** The resource name in the first environment (normalized in the report). */
    resource(environment: DriftEnvironment): string;
    declared(environment: DriftEnvironment): string;
    view(live: Live, environment: DriftEnvironment): EngineView;
  };
}

/**
 * A check of any live state, as the registry holds it. `any`, not `unknown`: `compare` takes its
 * own Live, so a DriftCheck<LiveSsm> is not a DriftCheck<unknown>; the runner only ever hands a
 * check the live state its own `read` returned.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type AnyDriftCheck = DriftCheck<any>;
