/**
 * The environment's network: a VPC with private subnets across the configured zones, security
 * groups that admit the data stores only from the application security group, and the ways out
 * (constructs/network-egress.ts): VPC endpoints for the AWS services, NAT gateways for the
 * integrations' hosts. Nothing admits the internet: no ingress from an address range, no public IP
 * on launch; the public subnets hold the NAT gateways only.
 */
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import { scale, topology, type KnobDeclarations } from './knobs';
import { addEgress, type NatGateways } from './network-egress';
import { availabilityZones, privateSubnetCidrs, publicSubnetCidrs } from './naming';
import { addPropValidation, type PropRule } from './validation';

/** A data store the application reaches on one TCP port. */
export interface DataStorePort {
  /** Short name, used in the security group's name (`database`). */
  readonly name: string;
  /** The TCP port the store listens on. */
  readonly port: number;
}

export interface NetworkProps {
  /** Base name of the environment's resources (`orders-prod`). */
  readonly name: string;
  /** The AWS region; zones are `{region}a`, `{region}b`... */
  readonly region: string;
  /** The VPC's IPv4 range. */
  readonly vpcCidr: string;
  /** How many zones get a private subnet. */
  readonly availabilityZoneCount: number;
  /** The data stores that get a security group admitting the application on their port. */
  readonly dataStores: readonly DataStorePort[];
  /** A NAT gateway in every zone (a zone outage costs only that zone's egress), or one for all (cheaper). */
  readonly natGateways: NatGateways;
  /**
   * TCP ports the application reaches on the internet (the integrations' ports), through the NAT gateways.
   * @default [443]: HTTPS APIs
   */
  readonly internetPorts?: readonly number[];
}

/** The props that may differ between environments, and what they set. */
export const networkKnobs = {
  vpcCidr: scale('aws_vpc.*.cidr_block', 'aws_subnet.*.cidr_block'),
  availabilityZoneCount: topology(
    'aws_subnet.*',
    'aws_subnet.*.availability_zone',
    'aws_route_table.*',
    'aws_route_table_association.*',
    'aws_route.*',
    'aws_vpc_endpoint.*.subnet_ids',
    'aws_vpc_endpoint.*.route_table_ids',
  ),
  natGateways: topology('aws_nat_gateway.*', 'aws_eip.*', 'aws_route.*.nat_gateway_id'),
} satisfies KnobDeclarations<NetworkProps>;

const rules: readonly PropRule<NetworkProps>[] = [
  {
    prop: 'availabilityZoneCount',
    check: (p) =>
      p.availabilityZoneCount >= 2 && p.availabilityZoneCount <= 6
        ? undefined
        : `must be 2 to 6 (subnet groups need two zones), got ${p.availabilityZoneCount}`,
  },
  {
    prop: 'internetPorts',
    check: (p) =>
      (p.internetPorts ?? [443]).every((port) => Number.isInteger(port) && port > 0 && port < 65536)
        ? undefined
        : `must be TCP ports, got ${JSON.stringify(p.internetPorts)}`,
  },
  {
    prop: 'dataStores',
    check: (p) => (new Set(p.dataStores.map((d) => d.name)).size === p.dataStores.length ? undefined : 'must not name a store twice'),
  },
];

export class Network extends Construct {
  /** The VPC id. */
  readonly vpcId: string;
  /** The private subnets, one per zone, in zone order. */
  readonly privateSubnetIds: readonly string[];
  /** The security group application workloads run in: the only source the data stores admit. */
  readonly applicationSecurityGroupId: string;
  /** The NAT gateways, in zone order (CloudWatch dimension `NatGatewayId`). */
  readonly natGatewayIds: readonly string[];
  private readonly vpc: Vpc;
  private readonly privateSubnets: Subnet[];
  private readonly applicationSecurityGroup: SecurityGroup;
  private readonly dataStoreSecurityGroups: Record<string, SecurityGroup> = {};

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    addPropValidation(this, rules, props);
    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.vpcCidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: props.name },
    });
    this.node.defaultChild = this.vpc;
    const zones = availabilityZones(props.region, props.availabilityZoneCount);
    const cidrs = privateSubnetCidrs(props.vpcCidr, zones.length);
    this.privateSubnets = zones.map(
      (zone, i) =>
        // Named by zone letter (`private-a`): the address says which zone, and stays when a zone is added.
        new Subnet(this, `private-${zone.slice(-1)}`, {
          vpcId: this.vpc.id,
          availabilityZone: zone,
          cidrBlock: cidrs[i],
          mapPublicIpOnLaunch: false,
          tags: { Name: `${props.name}-private-${i}`, tier: 'private' },
        }),
    );
    this.applicationSecurityGroup = new SecurityGroup(this, 'application', {
      name: `${props.name}-application`,
      description: 'Application workloads: the only source the data stores admit',
      vpcId: this.vpc.id,
      revokeRulesOnDelete: true,
    });
    for (const store of props.dataStores) {
      const group = new SecurityGroup(this, store.name, {
        name: `${props.name}-${store.name}`,
        description: `${store.name}: admits the application security group on port ${store.port} only`,
        vpcId: this.vpc.id,
        revokeRulesOnDelete: true,
      });
      new VpcSecurityGroupIngressRule(this, `${store.name}-from-application`, {
        securityGroupId: group.id,
        referencedSecurityGroupId: this.applicationSecurityGroup.id,
        ipProtocol: 'tcp',
        fromPort: store.port,
        toPort: store.port,
        description: `application to ${store.name}`,
      });
      new VpcSecurityGroupEgressRule(this, `application-to-${store.name}`, {
        securityGroupId: this.applicationSecurityGroup.id,
        referencedSecurityGroupId: group.id,
        ipProtocol: 'tcp',
        fromPort: store.port,
        toPort: store.port,
        description: `application to ${store.name}`,
      });
      this.dataStoreSecurityGroups[store.name] = group;
    }
    const publicCidrs = publicSubnetCidrs(props.vpcCidr, zones.length);
    const egress = addEgress(this, {
      name: props.name,
      region: props.region,
      vpcId: this.vpc.id,
      zones: zones.map((zone, i) => ({
        zone,
        letter: zone.slice(-1),
        privateSubnetId: this.privateSubnets[i]!.id,
        publicCidr: publicCidrs[i]!,
      })),
      natGateways: props.natGateways,
      applicationSecurityGroupId: this.applicationSecurityGroup.id,
      internetPorts: [...new Set(props.internetPorts ?? [443])],
    });
    this.natGatewayIds = egress.natGatewayIds;
    this.vpcId = this.vpc.id;
    this.privateSubnetIds = this.privateSubnets.map((subnet) => subnet.id);
    this.applicationSecurityGroupId = this.applicationSecurityGroup.id;
  }

  /** The security group of a data store declared in `dataStores`. */
  securityGroupIdOf(store: string): string {
    const group = this.dataStoreSecurityGroups[store];
    if (!group)
      throw new Error(`Network \`dataStores\` declares no store \`${store}\` (${Object.keys(this.dataStoreSecurityGroups).join(', ')})`);
    return group.id;
  }
}
