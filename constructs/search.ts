/**
 * The environment's OpenSearch domain: inside the VPC, encrypted at rest and node to node, HTTPS
 * only with a modern TLS policy, fine-grained access control with an IAM master role.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogResourcePolicy } from '@cdktf/provider-aws/lib/cloudwatch-log-resource-policy';
import { IamServiceLinkedRole } from '@cdktf/provider-aws/lib/iam-service-linked-role';
import { OpensearchDomain } from '@cdktf/provider-aws/lib/opensearch-domain';
import { OpensearchDomainPolicy } from '@cdktf/provider-aws/lib/opensearch-domain-policy';
import { Construct } from 'constructs';
import { scale, topology, type KnobDeclarations } from './knobs';
import { addPropValidation, type PropRule } from './validation';

export interface SearchProps {
  /** Base name of the environment's resources; the domain name (`orders-prod`, at most 28 characters). */
  readonly name: string;
  /** Exact engine version (`OpenSearch_2.17`); service software updates are never automatic. */
  readonly engineVersion: string;
  /**
   * TLS policy of the HTTPS endpoint.
   * @default 'Policy-Min-TLS-1-2-PFS-2023-10': TLS 1.2 or later with forward secrecy only
   */
  readonly tlsSecurityPolicy?: 'Policy-Min-TLS-1-2-2019-07' | 'Policy-Min-TLS-1-2-PFS-2023-10';
  /**
   * EBS volume type of the data nodes.
   * @default 'gp3': baseline IOPS and throughput independent of size
   */
  readonly volumeType?: 'gp3' | 'gp2';
  /** Data node instance type (`r6g.large.search`). */
  readonly instanceType: string;
  /** Data nodes: a multiple of the zone count. */
  readonly instanceCount: number;
  /** Dedicated master nodes: none, or a quorum of 3 or 5. */
  readonly dedicatedMasters: 0 | 3 | 5;
  /** Dedicated master instance type, used when `dedicatedMasters` is not 0. */
  readonly masterInstanceType: string;
  /** Whether data nodes and replicas spread across zones. */
  readonly zoneAwareness: boolean;
  /** EBS volume per data node, in GiB. */
  readonly volumeSizeGb: number;
  /** Private subnets, one per zone. */
  readonly subnetIds: readonly string[];
  /** The domain's security group. */
  readonly securityGroupId: string;
  /** KMS key ARN for encryption at rest. */
  readonly kmsKeyArn: string;
  /** IAM role that is the fine-grained access control master user. */
  readonly masterUserArn: string;
  /** IAM principals allowed to send HTTP requests to the domain (besides the master user). */
  readonly clientRoleArns: readonly string[];
  /** The domain's region and account: the log group policy admits OpenSearch for this domain only. */
  readonly region: string;
  readonly accountId: string;
  /** Days CloudWatch Logs keeps the slow and error logs (encrypted with `kmsKeyArn`). */
  readonly logRetentionDays: number;
  /**
   * OpenSearch's service-linked role is one per account: `create` it here, or it `exists` already
   * (another stack or the console made it); creating it twice fails the apply.
   * @default 'create'
   */
  readonly serviceLinkedRole?: 'create' | 'exists';
}

/** The logs the domain publishes, by OpenSearch log type. */
const LOGS = { SEARCH_SLOW_LOGS: 'slow-search-log', INDEX_SLOW_LOGS: 'slow-index-log', ES_APPLICATION_LOGS: 'error-log' } as const;

/** The props that may differ between environments, and what they set. */
export const searchKnobs = {
  instanceType: scale('aws_opensearch_domain.*.cluster_config.*.instance_type'),
  instanceCount: scale('aws_opensearch_domain.*.cluster_config.*.instance_count'),
  masterInstanceType: scale('aws_opensearch_domain.*.cluster_config.*.dedicated_master_type'),
  volumeSizeGb: scale('aws_opensearch_domain.*.ebs_options.*.volume_size'),
  masterUserArn: scale('aws_opensearch_domain.*.advanced_security_options.*.master_user_options.*.master_user_arn'),
  dedicatedMasters: topology(
    'aws_opensearch_domain.*.cluster_config.*.dedicated_master_enabled',
    'aws_opensearch_domain.*.cluster_config.*.dedicated_master_count',
  ),
  zoneAwareness: topology('aws_opensearch_domain.*.cluster_config.*.zone_awareness_enabled'),
  subnetIds: topology(
    'aws_opensearch_domain.*.vpc_options.*.subnet_ids',
    'aws_opensearch_domain.*.cluster_config.*.zone_awareness_config.**',
  ),
  logRetentionDays: scale('aws_cloudwatch_log_group.*.retention_in_days'),
  serviceLinkedRole: scale('aws_iam_service_linked_role.*', 'aws_opensearch_domain.*.depends_on'),
} satisfies KnobDeclarations<SearchProps>;

// What OpenSearch refuses or the construct's zone placement needs; the dedicated master count is typed.
const rules: readonly PropRule<SearchProps>[] = [
  {
    prop: 'name',
    check: (p) =>
      /^[a-z][a-z0-9-]{2,27}$/.test(p.name) ? undefined : `must be 3 to 28 lowercase letters, digits or hyphens, got \`${p.name}\``,
  },
  {
    prop: 'instanceCount',
    check: (p) =>
      p.instanceCount % p.subnetIds.length === 0
        ? undefined
        : `must be a multiple of the zone count (${p.subnetIds.length}), got ${p.instanceCount}`,
  },
  {
    prop: 'subnetIds',
    check: (p) =>
      !p.zoneAwareness || [2, 3].includes(p.subnetIds.length)
        ? undefined
        : `must name 2 or 3 subnets with zone awareness, got ${p.subnetIds.length}`,
  },
];

export class Search extends Construct {
  /** The domain's HTTPS endpoint (without `https://`). */
  readonly endpoint: string;
  /** The domain name (CloudWatch dimension `DomainName`). */
  readonly domainName: string;
  /** The domain ARN. */
  readonly domainArn: string;
  private readonly domain: OpensearchDomain;

  constructor(scope: Construct, id: string, props: SearchProps) {
    super(scope, id);
    addPropValidation(this, rules, props);
    const zones = props.subnetIds.length;
    const logGroups = Object.entries(LOGS).map(([logType, id]) => ({
      logType,
      group: new CloudwatchLogGroup(this, id, {
        name: `/aws/opensearch/${props.name}/${id}`,
        retentionInDays: props.logRetentionDays,
        kmsKeyId: props.kmsKeyArn,
      }),
    }));
    // OpenSearch writes to the log groups as its service principal, for this domain of this account only.
    const logPolicy = new CloudwatchLogResourcePolicy(this, 'log-policy', {
      policyName: `${props.name}-opensearch-logs`,
      policyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'es.amazonaws.com' },
            Action: ['logs:PutLogEvents', 'logs:CreateLogStream'],
            Resource: logGroups.map(({ group }) => `${group.arn}:*`),
            Condition: {
              StringEquals: { 'aws:SourceAccount': props.accountId },
              ArnLike: { 'aws:SourceArn': `arn:aws:es:${props.region}:${props.accountId}:domain/${props.name}` },
            },
          },
        ],
      }),
    });
    const linkedRole =
      (props.serviceLinkedRole ?? 'create') === 'create'
        ? [
            new IamServiceLinkedRole(this, 'service-linked-role', {
              awsServiceName: 'opensearchservice.amazonaws.com',
              description: 'OpenSearch Service manages VPC network interfaces of the domain',
            }),
          ]
        : [];
    this.domain = new OpensearchDomain(this, 'domain', {
      domainName: props.name,
      engineVersion: props.engineVersion,
      clusterConfig: {
        instanceType: props.instanceType,
        instanceCount: props.instanceCount,
        dedicatedMasterEnabled: props.dedicatedMasters > 0,
        dedicatedMasterCount: props.dedicatedMasters > 0 ? props.dedicatedMasters : undefined,
        dedicatedMasterType: props.dedicatedMasters > 0 ? props.masterInstanceType : undefined,
        zoneAwarenessEnabled: props.zoneAwareness,
        zoneAwarenessConfig: props.zoneAwareness ? { availabilityZoneCount: zones } : undefined,
      },
      ebsOptions: { ebsEnabled: true, volumeType: props.volumeType ?? 'gp3', volumeSize: props.volumeSizeGb },
      encryptAtRest: { enabled: true, kmsKeyId: props.kmsKeyArn },
      nodeToNodeEncryption: { enabled: true },
      domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: props.tlsSecurityPolicy ?? 'Policy-Min-TLS-1-2-PFS-2023-10' },
      advancedSecurityOptions: {
        enabled: true,
        internalUserDatabaseEnabled: false,
        masterUserOptions: { masterUserArn: props.masterUserArn },
      },
      vpcOptions: { subnetIds: [...props.subnetIds], securityGroupIds: [props.securityGroupId] },
      softwareUpdateOptions: { autoSoftwareUpdateEnabled: false },
      logPublishingOptions: logGroups.map(({ logType, group }) => ({ logType, cloudwatchLogGroupArn: group.arn, enabled: true })),
      dependsOn: [logPolicy, ...linkedRole],
    });
    this.node.defaultChild = this.domain;
    this.endpoint = this.domain.endpoint;
    this.domainName = this.domain.domainName;
    this.domainArn = this.domain.arn;
    new OpensearchDomainPolicy(this, 'access-policy', {
      domainName: this.domain.domainName,
      accessPolicies: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: [props.masterUserArn, ...props.clientRoleArns] },
            Action: 'es:ESHttp*',
            Resource: `${this.domain.arn}/*`,
          },
        ],
      }),
    });
  }
}
