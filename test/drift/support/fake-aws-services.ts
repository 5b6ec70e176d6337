/**
 * The operations the drift check calls, answered from a FakeAccount in each service's wire format:
 * SSM DescribeParameters / GetParametersByPath (JSON 1.1), STS AssumeRole / GetCallerIdentity,
 * RDS DescribeDBInstances / DescribePendingMaintenanceActions, ElastiCache DescribeReplicationGroups
 * / DescribeCacheClusters (query protocol, `Marker` paging), OpenSearch DescribeDomain (REST-JSON).
 */
import type { ServerResponse } from 'node:http';
import type { FakeAccount, FakeFields } from './fake-aws-world';
import { el, page, sendError, sendJson, sendQueryResult } from './fake-aws-protocols';

/** How many items the fake returns per page where the caller does not ask (real services may return fewer than asked). */
export const FAKE_PAGE_SIZES = { pendingMaintenance: 1, cacheClusters: 2 } as const;

const sortedNames = new WeakMap<Map<string, string>, { size: number; names: string[] }>();
function namesOf(parameters: Map<string, string>): string[] {
  const cached = sortedNames.get(parameters);
  if (cached && cached.size === parameters.size) return cached.names;
  const names = [...parameters.keys()].sort();
  sortedNames.set(parameters, { size: parameters.size, names });
  return names;
}

function underPath(names: readonly string[], path: string, recursive: boolean): string[] {
  const prefix = path.endsWith('/') ? path : `${path}/`;
  return names.filter((n) => n.startsWith(prefix) && (recursive || !n.slice(prefix.length).includes('/')));
}

function tooLarge(res: ServerResponse, value: number, max: number): boolean {
  if (value <= max) return false;
  sendError(
    res,
    'json',
    400,
    'ValidationException',
    `1 validation error detected: Value '${value}' at 'maxResults' failed to satisfy ` +
      `constraint: Member must have value less than or equal to ${max}`,
  );
  return true;
}

/** A parameter as GetParameter(s)(ByPath) return it, with the value given. */
function parameterRecord(account: FakeAccount, Name: string, Value: string, LastModifiedDate: number) {
  return {
    Name,
    Type: account.parameters.get(Name),
    Value,
    Version: 1,
    DataType: 'text',
    ARN: `arn:aws:ssm:${account.region}:${account.accountId}:parameter${Name}`,
    LastModifiedDate,
  };
}

/** What SSM returns for a SecureString read without decryption. */
function ciphertext(name: string): string {
  return `AQICAHh${Buffer.from(name).toString('base64')}`;
}

export function ssm(res: ServerResponse, account: FakeAccount, operation: string, input: Record<string, any>): void {
  const names = namesOf(account.parameters);
  if (operation === 'DescribeParameters') {
    const max = input.MaxResults ?? 10;
    if (tooLarge(res, max, 50)) return;
    const filter = (input.ParameterFilters ?? []).find((f: { Key: string }) => f.Key === 'Path');
    const byName = (input.ParameterFilters ?? []).find((f: { Key: string }) => f.Key === 'Name');
    const matching = byName
      ? names.filter((n) => byName.Values.includes(n))
      : filter
        ? underPath(names, filter.Values[0], filter.Option === 'Recursive')
        : names;
    const { items, next } = page(matching, input.NextToken, max);
    sendJson(res, 200, {
      Parameters: items.map((Name) => ({
        Name,
        Type: account.parameters.get(Name),
        Version: 1,
        Tier: 'Standard',
        DataType: 'text',
        LastModifiedDate: account.modified.get(Name) ?? 1_760_000_000,
      })),
      ...(next ? { NextToken: next } : {}),
    });
  } else if (operation === 'GetParametersByPath') {
    const max = input.MaxResults ?? 10;
    if (tooLarge(res, max, 10)) return;
    const { items, next } = page(underPath(names, input.Path, input.Recursive === true), input.NextToken, max);
    sendJson(res, 200, {
      Parameters: items.map((Name) => {
        const encrypted = account.parameters.get(Name) === 'SecureString' && !input.WithDecryption;
        return parameterRecord(account, Name, encrypted ? ciphertext(Name) : `value of ${Name}`, 1_760_000_000);
      }),
      ...(next ? { NextToken: next } : {}),
    });
  } else if (operation === 'GetParameters') {
    // What `parity drift` reads String values with, and `parity promote check` the fingerprint.
    const requested: string[] = input.Names ?? [];
    if (requested.length === 0 || requested.length > 10) {
      sendError(
        res,
        'json',
        400,
        'ValidationException',
        `1 validation error detected: Value at 'names' failed to satisfy constraint: Member must have length less than or equal to 10`,
      );
      return;
    }
    const found = requested.filter((n) => account.parameters.has(n));
    sendJson(res, 200, {
      Parameters: found.map((Name) => {
        const encrypted = account.parameters.get(Name) === 'SecureString' && !input.WithDecryption;
        const Value = encrypted ? ciphertext(Name) : (account.values.get(Name) ?? `value of ${Name}`);
        return parameterRecord(account, Name, Value, account.modified.get(Name) ?? 1_760_000_000);
      }),
      InvalidParameters: requested.filter((n) => !account.parameters.has(n)),
    });
  } else if (operation === 'GetParameter') {
    // What Terraform's AWS provider calls to refresh an `aws_ssm_parameter`.
    const Type = account.parameters.get(input.Name);
    if (!Type) {
      sendError(res, 'json', 400, 'ParameterNotFound', `Parameter ${input.Name} not found.`);
      return;
    }
    sendJson(res, 200, {
      Parameter: parameterRecord(account, input.Name, account.values.get(input.Name) ?? `value of ${input.Name}`, 1_760_000_000),
    });
  } else if (operation === 'ListTagsForResource') {
    sendJson(res, 200, { TagList: [] });
  } else {
    sendError(res, 'json', 400, 'UnknownOperationException', `the fake does not answer ${operation}`);
  }
}

export function sts(
  res: ServerResponse,
  operation: string,
  form: URLSearchParams,
  callerAccount: string,
  accounts: ReadonlyMap<string, FakeAccount>,
  deniedRoles: ReadonlySet<string>,
): void {
  if (operation === 'GetCallerIdentity') {
    sendQueryResult(
      res,
      'sts',
      operation,
      `${el('Arn', `arn:aws:sts::${callerAccount}:assumed-role/parity-drift-reader/session`)}` +
        `${el('UserId', 'AROAFAKE:session')}${el('Account', callerAccount)}`,
    );
  } else if (operation === 'AssumeRole') {
    const roleArn = form.get('RoleArn') ?? '';
    const accountId = /^arn:aws:iam::(\d{12}):role\//.exec(roleArn)?.[1];
    if (!accountId || !accounts.has(accountId) || deniedRoles.has(roleArn)) {
      sendError(
        res,
        'query',
        403,
        'AccessDenied',
        `User: arn:aws:iam::${callerAccount}:user/ci is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      );
      return;
    }
    const expiration = new Date(Date.now() + 15 * 60_000).toISOString();
    const credentials =
      `${el('AccessKeyId', `ASIAFAKE${accountId}`)}${el('SecretAccessKey', 'fake-secret')}` +
      `${el('SessionToken', `token-${accountId}`)}${el('Expiration', expiration)}`;
    sendQueryResult(
      res,
      'sts',
      operation,
      `<Credentials>${credentials}` +
        `</Credentials><AssumedRoleUser>${el('AssumedRoleId', `AROAFAKE:${form.get('RoleSessionName')}`)}` +
        `${el('Arn', `${roleArn}/${form.get('RoleSessionName')}`)}</AssumedRoleUser>`,
    );
  } else {
    sendError(res, 'query', 400, 'InvalidAction', `the fake does not answer ${operation}`);
  }
}

function filterValues(form: URLSearchParams, name: string): string[] {
  for (let i = 1; form.has(`Filters.Filter.${i}.Name`); i++) {
    if (form.get(`Filters.Filter.${i}.Name`) !== name) continue;
    const values: string[] = [];
    for (let j = 1; form.has(`Filters.Filter.${i}.Values.Value.${j}`); j++) values.push(form.get(`Filters.Filter.${i}.Values.Value.${j}`)!);
    return values;
  }
  return [];
}

/** A check's extra fields as query-protocol XML elements. */
function fields(extra: FakeFields): string {
  return Object.entries(extra)
    .map(([name, value]) => el(name, value))
    .join('');
}

export function rds(res: ServerResponse, account: FakeAccount, operation: string, form: URLSearchParams): void {
  const arnOf = (id: string) => `arn:aws:rds:${account.region}:${account.accountId}:db:${id}`;
  if (operation === 'DescribeDBInstances') {
    const id = form.get('DBInstanceIdentifier');
    const instances = account.databases.filter((d) => !id || d.identifier === id);
    if (id && instances.length === 0) {
      sendError(res, 'query', 404, 'DBInstanceNotFound', `DBInstance ${id} not found.`);
      return;
    }
    const members = instances.map(
      (d) =>
        `<DBInstance>${el('DBInstanceIdentifier', d.identifier)}` +
        `${el('DBInstanceArn', arnOf(d.identifier))}${el('Engine', d.engine)}` +
        `${el('EngineVersion', d.engineVersion)}${el('DBInstanceClass', d.instanceClass)}` +
        `${el('MultiAZ', d.multiAz)}${el('AutoMinorVersionUpgrade', d.autoMinorVersionUpgrade)}` +
        `${el('DBInstanceStatus', 'available')}` +
        `<Endpoint>${el('Address', `${d.identifier}.c9akciq32lmx.${account.region}.rds.amazonaws.com`)}` +
        `${el('Port', 5432)}` +
        `</Endpoint><PendingModifiedValues>${el('EngineVersion', d.pendingEngineVersion)}` +
        `</PendingModifiedValues>${fields(d.extra)}</DBInstance>`,
    );
    sendQueryResult(res, 'rds', operation, `<DBInstances>${members.join('')}</DBInstances>`);
  } else if (operation === 'DescribePendingMaintenanceActions') {
    const wanted = filterValues(form, 'db-instance-id');
    const resources = [
      ...Array.from({ length: account.unrelatedMaintenance }, (_, i) => ({
        arn: arnOf(`unrelated-${i}`),
        actions: [{ action: 'system-update', description: 'OS patch' }] as {
          action: string;
          description: string;
          autoAppliedAfter?: string;
        }[],
      })),
      ...account.databases.map((d) => ({ arn: arnOf(d.identifier), actions: d.maintenance })),
    ].filter(
      (r) => r.actions.length > 0 && (wanted.length === 0 || wanted.includes(r.arn) || wanted.some((w) => r.arn.endsWith(`:db:${w}`))),
    );
    const { items, next } = page(
      resources,
      form.get('Marker') ?? undefined,
      Math.min(Number(form.get('MaxRecords') ?? 100), FAKE_PAGE_SIZES.pendingMaintenance),
    );
    const members = items.map(
      (r) =>
        `<ResourcePendingMaintenanceActions>${el('ResourceIdentifier', r.arn)}` +
        `<PendingMaintenanceActionDetails>${r.actions
          .map(
            (a) =>
              `<PendingMaintenanceAction>${el('Action', a.action)}${el('Description', a.description)}` +
              `${el('AutoAppliedAfterDate', a.autoAppliedAfter)}</PendingMaintenanceAction>`,
          )
          .join('')}` +
        `</PendingMaintenanceActionDetails></ResourcePendingMaintenanceActions>`,
    );
    sendQueryResult(
      res,
      'rds',
      operation,
      `<PendingMaintenanceActions>${members.join('')}</PendingMaintenanceActions>${el('Marker', next)}`,
    );
  } else {
    sendError(res, 'query', 400, 'InvalidAction', `the fake does not answer ${operation}`);
  }
}

function memberClusters(c: FakeAccount['caches'][number]): { shard: string; id: string }[] {
  return Array.from({ length: c.shards }, (_, s) =>
    Array.from({ length: c.replicasPerShard + 1 }, (_, n) => ({
      shard: String(s + 1).padStart(4, '0'),
      id: `${c.id}-${String(s + 1).padStart(4, '0')}-${String(n + 1).padStart(3, '0')}`,
    })),
  ).flat();
}

export function elasticache(res: ServerResponse, account: FakeAccount, operation: string, form: URLSearchParams): void {
  if (operation === 'DescribeReplicationGroups') {
    const id = form.get('ReplicationGroupId');
    const groups = account.caches.filter((c) => !id || c.id === id);
    if (id && groups.length === 0) {
      sendError(res, 'query', 404, 'ReplicationGroupNotFoundFault', `ReplicationGroup ${id} not found.`);
      return;
    }
    const members = groups.map((c) => {
      const clusters = memberClusters(c);
      const nodeGroups = Array.from({ length: c.shards }, (_, s) => {
        const shard = String(s + 1).padStart(4, '0');
        return `<NodeGroup>${el('NodeGroupId', shard)}${el('Status', 'available')}<NodeGroupMembers>${clusters
          .filter((m) => m.shard === shard)
          .map((m) => `<NodeGroupMember>${el('CacheClusterId', m.id)}${el('CacheNodeId', '0001')}</NodeGroupMember>`)
          .join('')}</NodeGroupMembers></NodeGroup>`;
      });
      return (
        `<ReplicationGroup>${el('ReplicationGroupId', c.id)}${el('Status', 'available')}` +
        `${el('Engine', c.engine)}${el('CacheNodeType', c.nodeType)}` +
        `${el('AutomaticFailover', c.automaticFailover ? 'enabled' : 'disabled')}` +
        `${el('ClusterEnabled', c.shards > 1)}` +
        `<ConfigurationEndpoint>${el('Address', `clustercfg.${c.id}.x1y2z3.euw1.cache.amazonaws.com`)}` +
        `${el('Port', 6379)}` +
        `</ConfigurationEndpoint><MemberClusters>${clusters.map((m) => el('ClusterId', m.id)).join('')}` +
        `</MemberClusters><NodeGroups>${nodeGroups.join('')}</NodeGroups>${fields(c.extra)}` +
        `</ReplicationGroup>`
      );
    });
    sendQueryResult(res, 'elasticache', operation, `<ReplicationGroups>${members.join('')}</ReplicationGroups>`);
  } else if (operation === 'DescribeCacheClusters') {
    const clusters = [
      ...Array.from({ length: account.unrelatedCacheClusters }, (_, i) => ({
        id: `unrelated-${i}`,
        group: 'unrelated',
        engine: 'redis',
        version: '6.2.6',
        pending: undefined as string | undefined,
      })),
      ...account.caches.flatMap((c) =>
        memberClusters(c).map((m) => ({
          id: m.id,
          group: c.id,
          engine: c.engine,
          version: c.engineVersion,
          pending: c.pendingEngineVersion,
        })),
      ),
    ];
    const { items, next } = page(
      clusters,
      form.get('Marker') ?? undefined,
      Math.min(Number(form.get('MaxRecords') ?? 100), FAKE_PAGE_SIZES.cacheClusters),
    );
    const members = items.map(
      (c) =>
        `<CacheCluster>${el('CacheClusterId', c.id)}${el('ReplicationGroupId', c.group)}` +
        `${el('Engine', c.engine)}${el('EngineVersion', c.version)}` +
        `${el('CacheClusterStatus', 'available')}` +
        `<PendingModifiedValues>${el('EngineVersion', c.pending)}` +
        `</PendingModifiedValues></CacheCluster>`,
    );
    sendQueryResult(res, 'elasticache', operation, `<CacheClusters>${members.join('')}</CacheClusters>${el('Marker', next)}`);
  } else {
    sendError(res, 'query', 400, 'InvalidAction', `the fake does not answer ${operation}`);
  }
}

export function opensearch(res: ServerResponse, account: FakeAccount, operation: string, domainName: string): void {
  if (operation !== 'DescribeDomain') {
    sendError(res, 'rest-json', 400, 'ValidationException', `the fake does not answer ${operation}`);
    return;
  }
  const d = account.domains.find((x) => x.name === domainName);
  if (!d) {
    sendError(res, 'rest-json', 409, 'ResourceNotFoundException', `Domain not found: ${domainName}`);
    return;
  }
  sendJson(
    res,
    200,
    {
      DomainStatus: {
        DomainId: `${account.accountId}/${d.name}`,
        DomainName: d.name,
        ARN: `arn:aws:es:${account.region}:${account.accountId}:domain/${d.name}`,
        Created: true,
        Deleted: false,
        EngineVersion: d.engineVersion,
        Endpoints: { vpc: `vpc-${d.name}-a1b2c3d4e5.${account.region}.es.amazonaws.com` },
        UpgradeProcessing: d.upgradeProcessing,
        ClusterConfig: {
          InstanceType: d.instanceType,
          InstanceCount: d.instanceCount,
          DedicatedMasterEnabled: d.dedicatedMasters > 0,
          ...(d.dedicatedMasters > 0 ? { DedicatedMasterType: d.masterInstanceType, DedicatedMasterCount: d.dedicatedMasters } : {}),
          ZoneAwarenessEnabled: d.zoneAwareness,
        },
        ServiceSoftwareOptions: d.softwareUpdate
          ? {
              CurrentVersion: d.softwareUpdate.current,
              NewVersion: d.softwareUpdate.next,
              UpdateAvailable: true,
              Cancellable: true,
              UpdateStatus: 'ELIGIBLE',
              ...(d.softwareUpdate.automatedUpdateDate
                ? { AutomatedUpdateDate: Date.parse(d.softwareUpdate.automatedUpdateDate) / 1000 }
                : {}),
            }
          : {
              CurrentVersion: 'OpenSearch_2_17_R20250101',
              NewVersion: '',
              UpdateAvailable: false,
              Cancellable: false,
              UpdateStatus: 'COMPLETED',
            },
        ...d.extra,
      },
    },
    'application/json',
  );
}
