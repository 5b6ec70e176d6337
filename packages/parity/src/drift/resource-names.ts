/**
 * The names under which the drift check looks up each environment's live resources. They build on
 * `environmentResourceName` (constructs/naming.ts), the name the constructs give the resources, so
 * the stacks and this check cannot disagree.
 */
import { environmentResourceName } from '../../../../constructs/naming';
import { ssmParameterName } from '../../../../config/ssm-keys';

/** RDS DB instance identifier: `orders-prod`. */
export function databaseInstanceId(app: string, environment: string): string {
  return environmentResourceName(app, environment);
}

/** ElastiCache replication group id: `orders-prod`. */
export function cacheReplicationGroupId(app: string, environment: string): string {
  return environmentResourceName(app, environment);
}

/** OpenSearch domain name: `orders-prod`. */
export function searchDomainName(app: string, environment: string): string {
  return environmentResourceName(app, environment);
}

/** The SSM path that holds every key of an environment, without a trailing slash: `/orders/prod`. */
export function ssmEnvironmentPath(app: string, environment: string): string {
  return ssmParameterName(app, environment, '').replace(/\/$/, '');
}
