/**
 * The environment's OpenSearch domain: inside the VPC, encrypted at rest and node to node, HTTPS
 * only with a modern TLS policy, fine-grained access control with an IAM master role.
 */
import { OpensearchDomain } from '@cdktf/provider-aws/lib/opensearch-domain';
import { OpensearchDomainPolicy } from '@cdktf/provider-aws/lib/opensearch-domain-policy';
import { Construct } from 'constructs';
import type { PlatformInvariants } from '../config/schema';
import { addPropValidation, type PropRule } from './validation';

export interface SearchProps {
  /** Base name of the environment's resources; the domain name (`orders-prod`, at most 28 characters). */
  readonly name: string;
  /** The platform's search invariants: engine version, TLS policy, volume type. */
  readonly platform: PlatformInvariants['search'];
  /** Data node instance type (`r6g.large.search`). */
  readonly instanceType: string;
  /** Data nodes: a multiple of the zone count. */
  readonly instanceCount: number;
  /** Dedicated master nodes: 0, 3 or 5. */
  readonly dedicatedMasters: number;
  /** Dedicated master instance type, used when `dedicatedMasters` is not 0. */
  readonly masterInstanceType: string;
  /** Whether data nodes and replicas spread across zones. */
  readonly zoneAwareness: boolean;
  /** EBS volume per data node, in GiB. */
  readonly volumeSizeGb: number;
  /** Private subnets, one per zone. */
  readonly subnetIds: string[];
  /** The domain's security group. */
  readonly securityGroupId: string;
  /** KMS key ARN for encryption at rest. */
  readonly kmsKeyArn: string;
  /** IAM role that is the fine-grained access control master user. */
  readonly masterUserArn: string;
  /** IAM principals allowed to send HTTP requests to the domain (besides the master user). */
  readonly clientRoleArns: string[];
}

const rules: readonly PropRule<SearchProps>[] = [
  { prop: 'name', check: (p) => (/^[a-z][a-z0-9-]{2,27}$/.test(p.name) ? undefined : `must be 3 to 28 lowercase letters, digits or hyphens, got \`${p.name}\``) },
  { prop: 'instanceCount', check: (p) => (p.instanceCount % p.subnetIds.length === 0 ? undefined : `must be a multiple of the zone count (${p.subnetIds.length}), got ${p.instanceCount}`) },
  { prop: 'dedicatedMasters', check: (p) => ([0, 3, 5].includes(p.dedicatedMasters) ? undefined : `must be 0, 3 or 5, got ${p.dedicatedMasters}`) },
  { prop: 'subnetIds', check: (p) => (!p.zoneAwareness || [2, 3].includes(p.subnetIds.length) ? undefined : `must name 2 or 3 subnets with zone awareness, got ${p.subnetIds.length}`) },
];

export class Search extends Construct {
  readonly domain: OpensearchDomain;

  constructor(scope: Construct, id: string, props: SearchProps) {
    super(scope, id);
    addPropValidation(this, rules, props);
    const zones = props.subnetIds.length;
    this.domain = new OpensearchDomain(this, 'domain', {
      domainName: props.name,
      engineVersion: props.platform.engineVersion,
      clusterConfig: {
        instanceType: props.instanceType,
        instanceCount: props.instanceCount,
        dedicatedMasterEnabled: props.dedicatedMasters > 0,
        dedicatedMasterCount: props.dedicatedMasters > 0 ? props.dedicatedMasters : undefined,
        dedicatedMasterType: props.dedicatedMasters > 0 ? props.masterInstanceType : undefined,
        zoneAwarenessEnabled: props.zoneAwareness,
        zoneAwarenessConfig: props.zoneAwareness ? { availabilityZoneCount: zones } : undefined,
      },
      ebsOptions: { ebsEnabled: true, volumeType: props.platform.volumeType, volumeSize: props.volumeSizeGb },
      encryptAtRest: { enabled: true, kmsKeyId: props.kmsKeyArn },
      nodeToNodeEncryption: { enabled: true },
      domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: props.platform.tlsSecurityPolicy },
      advancedSecurityOptions: {
        enabled: true,
        internalUserDatabaseEnabled: false,
        masterUserOptions: { masterUserArn: props.masterUserArn },
      },
      vpcOptions: { subnetIds: props.subnetIds, securityGroupIds: [props.securityGroupId] },
      softwareUpdateOptions: { autoSoftwareUpdateEnabled: false },
    });
    this.node.defaultChild = this.domain;
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
