/** Reads an environment's RDS PostgreSQL instance: version, layout and pending maintenance. */
import {
  DescribeDBInstancesCommand,
  paginateDescribePendingMaintenanceActions,
  type DBInstance,
  type RDSClient,
} from '@aws-sdk/client-rds';
import { isNotFound } from './aws-errors';
import type { LiveDatabase, PendingChange } from './live-state';

/** Pending maintenance actions that change the engine version (RDS `db-upgrade`). */
const ENGINE_ACTIONS = new Set(['db-upgrade']);

/** The instance's description (DescribeDBInstances), or undefined when no instance has that identifier. */
export async function describeDbInstance(client: RDSClient, identifier: string): Promise<DBInstance | undefined> {
  try {
    return (await client.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: identifier }))).DBInstances?.[0];
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** `describe` gives the instance's description: checks that read other fields of it share that one call. */
export async function readDatabase(
  client: RDSClient,
  identifier: string,
  describe = () => describeDbInstance(client, identifier),
): Promise<LiveDatabase> {
  const instance = await describe();
  if (!instance) return { found: false, pending: [] };
  const pending: PendingChange[] = [];
  if (instance.PendingModifiedValues?.EngineVersion) {
    pending.push({
      action: 'engine-version',
      description: `modify to ${instance.PendingModifiedValues.EngineVersion}`,
      changesEngineVersion: true,
    });
  }
  const pages = paginateDescribePendingMaintenanceActions(
    { client },
    { Filters: [{ Name: 'db-instance-id', Values: [instance.DBInstanceArn ?? identifier] }] },
  );
  for await (const page of pages) {
    for (const resource of page.PendingMaintenanceActions ?? []) {
      for (const detail of resource.PendingMaintenanceActionDetails ?? []) {
        const applyAfter = detail.ForcedApplyDate ?? detail.AutoAppliedAfterDate ?? detail.CurrentApplyDate;
        pending.push({
          action: detail.Action ?? 'unknown',
          description: detail.Description ?? '',
          ...(applyAfter ? { applyAfter: applyAfter.toISOString() } : {}),
          changesEngineVersion: ENGINE_ACTIONS.has(detail.Action ?? ''),
        });
      }
    }
  }
  return {
    found: true,
    ...(instance.Engine ? { engine: instance.Engine } : {}),
    ...(instance.EngineVersion ? { engineVersion: instance.EngineVersion } : {}),
    ...(instance.DBInstanceClass ? { instanceClass: instance.DBInstanceClass } : {}),
    ...(instance.MultiAZ !== undefined ? { multiAz: instance.MultiAZ } : {}),
    ...(instance.AutoMinorVersionUpgrade !== undefined ? { autoMinorVersionUpgrade: instance.AutoMinorVersionUpgrade } : {}),
    ...(instance.Endpoint?.Address
      ? { endpoint: `${instance.Endpoint.Address}${instance.Endpoint.Port ? `:${instance.Endpoint.Port}` : ''}` }
      : {}),
    pending,
  };
}
