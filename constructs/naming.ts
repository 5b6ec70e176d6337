/**
 * Names of the things each environment builds. One place, so the constructs, the drift check and
 * the docs agree on what `orders-prod` is.
 */

/** The base name of an environment's resources: `{app}-{env}` (`orders-prod`). */
export function environmentResourceName(app: string, environment: string): string {
  return `${app}-${environment}`;
}

/** Availability zones `a`, `b`, `c`... of a region, as many as the topology asks for. */
export function availabilityZones(region: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${region}${String.fromCharCode(97 + i)}`);
}

/**
 * Splits a VPC range into `/20` private subnets, one per zone (`10.30.0.0/16` → `10.30.0.0/20`,
 * `10.30.16.0/20`...). A VPC smaller than /20 gets subnets four bits longer than itself.
 */
export function privateSubnetCidrs(vpcCidr: string, count: number): string[] {
  const { base, bits } = parseCidr(vpcCidr);
  const subnetBits = Math.max(20, bits + 2);
  if (count > 2 ** (subnetBits - bits)) throw new Error(`\`vpcCidr\` ${vpcCidr} cannot hold ${count} /${subnetBits} subnets`);
  const size = 2 ** (32 - subnetBits);
  return Array.from({ length: count }, (_, i) => formatCidr(base + i * size, subnetBits));
}

/**
 * Public subnets (they hold the NAT gateways only), one per zone, from the top of the VPC range
 * down so they never meet the private ones: `10.30.0.0/16` → `10.30.255.0/24`, `10.30.254.0/24`...
 */
export function publicSubnetCidrs(vpcCidr: string, count: number): string[] {
  const { base, bits } = parseCidr(vpcCidr);
  const subnetBits = Math.min(28, Math.max(24, bits + 4));
  const size = 2 ** (32 - subnetBits);
  const privateEnd = base + count * 2 ** (32 - Math.max(20, bits + 2));
  const top = base + 2 ** (32 - bits);
  if (top - count * size < privateEnd) throw new Error(`\`vpcCidr\` ${vpcCidr} cannot hold ${count} private and ${count} public subnets`);
  return Array.from({ length: count }, (_, i) => formatCidr(top - (i + 1) * size, subnetBits));
}

function parseCidr(cidr: string): { base: number; bits: number } {
  const [address, bitsText] = cidr.split('/') as [string, string];
  return { base: address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0), bits: Number(bitsText) };
}

function formatCidr(n: number, bits: number): string {
  return `${[24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.')}/${bits}`;
}
