/**
 * The read-only IAM policy `parity drift` (and `parity promote check`) needs in an environment's
 * account: describe calls, and `ssm:GetParameters` on the String keys the code declares, each
 * named by its ARN, so that their values can be compared with the code. No SecureString is ever
 * named and there is no `kms:Decrypt`: secrets are never read. `sts:GetCallerIdentity` needs no
 * permission. Shared by the construct
 * (constructs/drift-reader-policy.ts) and the docs (docs/drift.md).
 */
import type { LiveResourceNames } from './drift-environment';
import { conventionalResourceNames, ssmEnvironmentPath } from './resource-names';

export interface PolicyStatement {
  /** Statement id, shown in the IAM console. */
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  /** ARNs, or `*` for actions that do not support resource-level permissions (or list everything). */
  readonly Resource: string | readonly string[];
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

export interface ReaderScope {
  /** `config.platform.app` (`orders`). */
  readonly app: string;
  /** The environment name (`prod`). */
  readonly environment: string;
  /** The environment's 12-digit account id. */
  readonly accountId: string;
  /** The environment's region. */
  readonly region: string;
  /** The ARN partition. @default 'aws' */
  readonly partition?: string;
  /**
   * The String keys the code declares (`LOG_LEVEL`, `PLATFORM_FINGERPRINT`...): the only
   * parameters whose values may be read. Never a SecureString.
   * @default none: values cannot be read, and drift reports the environment's SSM as unreadable
   */
  readonly stringKeys?: readonly string[];
  /**
   * The live resources' names.
   * @default `{app}-{environment}` for each (src/drift/resource-names.ts)
   */
  readonly resources?: LiveResourceNames;
  /**
   * The SSM path of the environment's keys, without a trailing slash.
   * @default `/{app}/{environment}`
   */
  readonly ssmPath?: string;
}

export function driftReaderPolicy(scope: ReaderScope): PolicyDocument {
  const { app, environment, accountId, region } = scope;
  const arn = (service: string, resource: string) => `arn:${scope.partition ?? 'aws'}:${service}:${region}:${accountId}:${resource}`;
  const stringKeys = scope.stringKeys ?? [];
  const names = scope.resources ?? conventionalResourceNames(app, environment);
  const path = scope.ssmPath ?? ssmEnvironmentPath(app, environment);
  return {
    Version: '2012-10-17',
    Statement: [
      // DescribeParameters has no resource-level permissions; it returns names and types, never values.
      { Sid: 'ListSsmParameterNames', Effect: 'Allow', Action: ['ssm:DescribeParameters'], Resource: '*' },
      ...(stringKeys.length > 0
        ? [
            {
              Sid: 'ReadDeclaredStringValues',
              Effect: 'Allow' as const,
              Action: ['ssm:GetParameters'],
              Resource: stringKeys.map((key) => arn('ssm', `parameter${path}/${key}`)),
            },
          ]
        : []),
      { Sid: 'DescribeDatabase', Effect: 'Allow', Action: ['rds:DescribeDBInstances'], Resource: arn('rds', `db:${names.database}`) },
      { Sid: 'DescribeDatabaseMaintenance', Effect: 'Allow', Action: ['rds:DescribePendingMaintenanceActions'], Resource: '*' },
      {
        Sid: 'DescribeCacheReplicationGroup',
        Effect: 'Allow',
        Action: ['elasticache:DescribeReplicationGroups'],
        Resource: arn('elasticache', `replicationgroup:${names.cache}`),
      },
      // The member clusters are listed without an id (the group does not carry the engine version).
      { Sid: 'DescribeCacheClusters', Effect: 'Allow', Action: ['elasticache:DescribeCacheClusters'], Resource: '*' },
      { Sid: 'DescribeSearchDomain', Effect: 'Allow', Action: ['es:DescribeDomain'], Resource: arn('es', `domain/${names.search}`) },
    ],
  };
}
