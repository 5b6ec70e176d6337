/** Reads an environment's OpenSearch domain: engine version, cluster layout, pending updates. */
import { DescribeDomainCommand, type DomainStatus, type OpenSearchClient } from '@aws-sdk/client-opensearch';
import { isNotFound } from './aws-errors';
import type { LiveSearch, PendingChange } from './live-state';

export async function readSearch(client: OpenSearchClient, domainName: string): Promise<LiveSearch> {
  let domain: DomainStatus | undefined;
  try {
    domain = (await client.send(new DescribeDomainCommand({ DomainName: domainName }))).DomainStatus;
  } catch (error) {
    if (isNotFound(error)) return { found: false, pending: [] };
    throw error;
  }
  if (!domain) return { found: false, pending: [] };
  const pending: PendingChange[] = [];
  if (domain.UpgradeProcessing)
    pending.push({ action: 'engine-upgrade', description: 'an engine version upgrade is in progress', changesEngineVersion: true });
  const software = domain.ServiceSoftwareOptions;
  if (software?.UpdateAvailable) {
    pending.push({
      action: 'service-software-update',
      description: `${software.CurrentVersion ?? '?'} → ${software.NewVersion ?? '?'}`,
      ...(software.AutomatedUpdateDate ? { applyAfter: software.AutomatedUpdateDate.toISOString() } : {}),
      changesEngineVersion: false,
    });
  }
  const cluster = domain.ClusterConfig;
  return {
    found: true,
    ...(domain.EngineVersion ? { engineVersion: domain.EngineVersion } : {}),
    ...(cluster?.InstanceType ? { instanceType: cluster.InstanceType } : {}),
    ...(cluster?.InstanceCount !== undefined ? { instanceCount: cluster.InstanceCount } : {}),
    ...(cluster?.DedicatedMasterEnabled !== undefined
      ? { dedicatedMasters: cluster.DedicatedMasterEnabled ? (cluster.DedicatedMasterCount ?? 0) : 0 }
      : {}),
    ...(cluster?.DedicatedMasterEnabled && cluster.DedicatedMasterType ? { masterInstanceType: cluster.DedicatedMasterType } : {}),
    ...(cluster?.ZoneAwarenessEnabled !== undefined ? { zoneAwareness: cluster.ZoneAwarenessEnabled } : {}),
    ...(domain.Endpoints?.vpc || domain.Endpoint ? { endpoint: domain.Endpoints?.vpc ?? domain.Endpoint } : {}),
    pending,
  };
}
