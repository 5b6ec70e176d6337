/**
 * The naming convention drift assumes when it is given only an app and an environment name (the
 * reader policy, the test and bench fakes): `{app}-{env}` for resources, `/{app}/{env}/KEY` for
 * SSM. It is the convention of this repository's constructs (constructs/naming.ts
 * `environmentResourceName`, config/ssm-keys.ts `ssmParameterName`), tested equal to them in
 * test/drift/resource-names.test.ts; drift itself reads the names from its DriftEnvironment.
 */
import type { LiveResourceNames } from './drift-environment';

/** The base name of an environment's resources: `orders-prod`. */
export function environmentBaseName(app: string, environment: string): string {
  return `${app}-${environment}`;
}

/** RDS DB instance identifier: `orders-prod`. */
export function databaseInstanceId(app: string, environment: string): string {
  return environmentBaseName(app, environment);
}

/** ElastiCache replication group id: `orders-prod`. */
export function cacheReplicationGroupId(app: string, environment: string): string {
  return environmentBaseName(app, environment);
}

/** OpenSearch domain name: `orders-prod`. */
export function searchDomainName(app: string, environment: string): string {
  return environmentBaseName(app, environment);
}

/** The SSM path that holds every key of an environment, without a trailing slash: `/orders/prod`. */
export function ssmEnvironmentPath(app: string, environment: string): string {
  return `/${app}/${environment}`;
}

/** The live resource names of an environment under this convention. */
export function conventionalResourceNames(app: string, environment: string): LiveResourceNames {
  return {
    database: databaseInstanceId(app, environment),
    cache: cacheReplicationGroupId(app, environment),
    search: searchDomainName(app, environment),
  };
}
