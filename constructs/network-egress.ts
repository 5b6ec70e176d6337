/**
 * The network's ways out, added to the Network construct (same scope, so addresses read
 * `aws_nat_gateway.network_nat_a`):
 *
 * - **AWS services stay in the VPC**: interface endpoints (private DNS) for SSM, Secrets Manager,
 *   KMS and CloudWatch Logs, reachable only from the application security group on 443, and an S3
 *   gateway endpoint on the private route tables. Config, secrets, keys and logs never cross the
 *   internet, and keep working when a NAT gateway is down.
 * - **The integrations' hosts through NAT gateways**: one per zone in the production group (a zone
 *   outage takes out only that zone's egress), one in development (cost); each private subnet
 *   routes `0.0.0.0/0` to its zone's NAT gateway, or to the one. The public subnets hold the NAT
 *   gateways and nothing else: no instance, no public IP on launch, no ingress from the internet.
 *
 * Why NAT and not an egress proxy: the integrations are HTTPS APIs called by the application's own
 * SDKs; a NAT gateway needs no proxy settings in the application, no fleet to patch and scale, and
 * sandbox and live endpoints go out the same way, so staging exercises prod's path. The price is
 * that a security group cannot name a host: the application may open 443 to any address, and the
 * DNS firewall is the place to narrow it (docs/egress.md, not built here).
 */
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import type { Construct } from 'constructs';

/** AWS services the platform and the application call, reached through interface endpoints. */
export const INTERFACE_ENDPOINT_SERVICES = ['ssm', 'secretsmanager', 'kms', 'logs'] as const;

/** One NAT gateway per zone, or a single one for every zone. */
export type NatGateways = 'per-zone' | 'single';

export interface EgressProps {
  readonly name: string;
  readonly region: string;
  readonly vpcId: string;
  /** Zones in order, with the private subnet of each. */
  readonly zones: readonly {
    readonly zone: string;
    readonly letter: string;
    readonly privateSubnetId: string;
    readonly publicCidr: string;
  }[];
  readonly natGateways: NatGateways;
  readonly applicationSecurityGroupId: string;
  /** TCP ports the application reaches on the internet. */
  readonly internetPorts: readonly number[];
}

export interface Egress {
  readonly natGatewayIds: readonly string[];
  readonly privateRouteTableIds: readonly string[];
  readonly endpointSecurityGroupId: string;
}

export function addEgress(scope: Construct, props: EgressProps): Egress {
  const tags = (name: string, tier?: string) => ({ Name: `${props.name}-${name}`, ...(tier ? { tier } : {}) });
  const internet = new InternetGateway(scope, 'internet', { vpcId: props.vpcId, tags: tags('internet') });
  const publicRoutes = new RouteTable(scope, 'public-routes', { vpcId: props.vpcId, tags: tags('public') });
  new Route(scope, 'public-default', { routeTableId: publicRoutes.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: internet.id });

  const natZones = props.natGateways === 'per-zone' ? props.zones : props.zones.slice(0, 1);
  const nat = new Map<string, NatGateway>();
  for (const z of props.zones) {
    const subnet = new Subnet(scope, `public-${z.letter}`, {
      vpcId: props.vpcId,
      availabilityZone: z.zone,
      cidrBlock: z.publicCidr,
      mapPublicIpOnLaunch: false,
      tags: tags(`public-${z.letter}`, 'public'),
    });
    new RouteTableAssociation(scope, `public-${z.letter}-routes`, { subnetId: subnet.id, routeTableId: publicRoutes.id });
    if (!natZones.includes(z)) continue;
    const address = new Eip(scope, `nat-${z.letter}-address`, { domain: 'vpc', tags: tags(`nat-${z.letter}`) });
    nat.set(
      z.letter,
      new NatGateway(scope, `nat-${z.letter}`, {
        allocationId: address.allocationId,
        subnetId: subnet.id,
        connectivityType: 'public',
        tags: tags(`nat-${z.letter}`),
        dependsOn: [internet],
      }),
    );
  }
  const privateRouteTableIds = props.zones.map((z) => {
    const routes = new RouteTable(scope, `private-${z.letter}-routes`, { vpcId: props.vpcId, tags: tags(`private-${z.letter}`) });
    new RouteTableAssociation(scope, `private-${z.letter}-routes-association`, { subnetId: z.privateSubnetId, routeTableId: routes.id });
    const gateway = nat.get(z.letter) ?? nat.get(natZones[0]!.letter)!;
    new Route(scope, `private-${z.letter}-default`, {
      routeTableId: routes.id,
      destinationCidrBlock: '0.0.0.0/0',
      natGatewayId: gateway.id,
    });
    return routes.id;
  });

  const endpoints = new SecurityGroup(scope, 'endpoints', {
    name: `${props.name}-endpoints`,
    description: 'AWS service endpoints: admit the application security group on 443 only',
    vpcId: props.vpcId,
    revokeRulesOnDelete: true,
  });
  new VpcSecurityGroupIngressRule(scope, 'endpoints-from-application', {
    securityGroupId: endpoints.id,
    referencedSecurityGroupId: props.applicationSecurityGroupId,
    ipProtocol: 'tcp',
    fromPort: 443,
    toPort: 443,
    description: 'application to AWS service endpoints',
  });
  new VpcSecurityGroupEgressRule(scope, 'application-to-endpoints', {
    securityGroupId: props.applicationSecurityGroupId,
    referencedSecurityGroupId: endpoints.id,
    ipProtocol: 'tcp',
    fromPort: 443,
    toPort: 443,
    description: 'application to AWS service endpoints',
  });
  for (const service of INTERFACE_ENDPOINT_SERVICES) {
    new VpcEndpoint(scope, `endpoint-${service}`, {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.${service}`,
      vpcEndpointType: 'Interface',
      privateDnsEnabled: true,
      subnetIds: props.zones.map((z) => z.privateSubnetId),
      securityGroupIds: [endpoints.id],
      tags: tags(`endpoint-${service}`),
    });
  }
  new VpcEndpoint(scope, 'endpoint-s3', {
    vpcId: props.vpcId,
    serviceName: `com.amazonaws.${props.region}.s3`,
    vpcEndpointType: 'Gateway',
    routeTableIds: privateRouteTableIds,
    tags: tags('endpoint-s3'),
  });
  for (const port of props.internetPorts) {
    new VpcSecurityGroupEgressRule(scope, `application-to-internet-${port}`, {
      securityGroupId: props.applicationSecurityGroupId,
      cidrIpv4: '0.0.0.0/0',
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      description: `application to the integrations on ${port}, through the NAT gateways`,
    });
  }
  return { natGatewayIds: [...nat.values()].map((g) => g.id), privateRouteTableIds, endpointSecurityGroupId: endpoints.id };
}
