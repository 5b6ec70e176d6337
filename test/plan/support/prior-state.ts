/**
 * Builds a hand-written prior state (terraform.tfstate v4) from a real empty-state plan: each
 * resource gets the values the plan says it will have, and every value known only after apply gets
 * a stand-in (`<address>.<attribute>`). A reference resolves to the same stand-in on both sides, so
 * a plan against this state is all no-ops until a test edits the state or the configuration.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface PlannedResource {
  address: string;
  mode: string;
  type: string;
  name: string;
  index?: string | number;
  schema_version?: number;
  values: Record<string, Json>;
}

interface ShowJson {
  planned_values: { root_module: { resources?: PlannedResource[] } };
  resource_changes: { address: string; change: { after_unknown?: Record<string, Json> } }[];
  configuration: { root_module: { resources?: { address: string; expressions?: Record<string, { references?: string[] }> }[] } };
}

const ID_PREFIX: Record<string, string> = { aws_vpc: 'vpc-', aws_subnet: 'subnet-', aws_security_group: 'sg-', aws_kms_key: '', aws_vpc_security_group_ingress_rule: 'sgr-', aws_vpc_security_group_egress_rule: 'sgr-' };
const ARN_SERVICE: Record<string, string> = { db: 'rds', opensearch: 'es', vpc: 'ec2', subnet: 'ec2', security: 'ec2', cloudwatch: 'cloudwatch' };

function hex(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** The stand-in for an attribute known only after apply: an id or ARN of the right shape, else `<address>.<attribute>`. */
export function standIn(address: string, attribute: string): string {
  const [type = '', name = ''] = address.split('.');
  if (attribute === 'id') return type in ID_PREFIX ? `${ID_PREFIX[type]}${hex(address)}${hex(name)}` : name.toLowerCase().replace(/_/g, '-');
  if (attribute === 'arn' || attribute.endsWith('_arn')) {
    const word = type.split('_')[1] ?? 'x';
    return `arn:aws:${ARN_SERVICE[word] ?? word}:eu-west-1:123456789012:${type.replace(/^aws_/, '')}/${hex(address)}`;
  }
  return `${address}.${attribute}`;
}

/** The synthesized configuration (`cdk.tf.json`): tells a list-valued attribute from a single value. */
export interface StackJson {
  resource?: Record<string, Record<string, Record<string, Json>>>;
}

/** `aws_x.name.attr` or `aws_x.name.attr[0].sub` → its parts; other references (whole resources, locals) → undefined. */
function parseReference(reference: string): { address: string; attribute: string; nested?: string } | undefined {
  const match = /^(aws_[a-z0-9_]+\.[^.[]+)\.([a-z0-9_]+)(?:\[0\]\.([a-z0-9_]+))?$/.exec(reference);
  return match ? { address: match[1]!, attribute: match[2]!, nested: match[3] } : undefined;
}

/** Pass 1: planned values, plus stand-ins for ids, ARNs and every attribute another resource references. */
function ownAttributes(resource: PlannedResource, unknown: Record<string, Json>, referenced: ReadonlyMap<string, Set<string>>): Record<string, Json> {
  const attributes: Record<string, Json> = { ...resource.values };
  const wanted = referenced.get(resource.address) ?? new Set<string>();
  for (const [attribute, mark] of Object.entries(unknown)) {
    if (mark !== true) continue;
    const nested = [...wanted].filter((n) => n.startsWith(`${attribute}[0].`)).map((n) => n.slice(attribute.length + 4));
    if (nested.length > 0) attributes[attribute] = [Object.fromEntries(nested.map((sub) => [sub, standIn(resource.address, `${attribute}.${sub}`)]))];
    else if (attribute === 'id' || attribute === 'arn' || wanted.has(attribute)) attributes[attribute] = standIn(resource.address, attribute);
  }
  attributes.id ??= standIn(resource.address, 'id');
  return attributes;
}

/** Pass 2: an unknown attribute computed from references takes the referenced resources' values. */
function resolveReferences(attributes: Record<string, Json>, unknown: Record<string, Json>, expressions: Record<string, { references?: string[] }>, config: Record<string, Json>, all: ReadonlyMap<string, Record<string, Json>>): void {
  for (const [attribute, mark] of Object.entries(unknown)) {
    if (mark !== true && !Array.isArray(mark)) continue;
    const refs = (expressions[attribute]?.references ?? []).map(parseReference).filter((r) => r !== undefined);
    const values = refs.map((r) => {
      const value = all.get(r!.address)?.[r!.attribute];
      if (!r!.nested) return value ?? standIn(r!.address, r!.attribute);
      const first = Array.isArray(value) ? value[0] : undefined;
      return first && typeof first === 'object' && !Array.isArray(first) ? (first[r!.nested] ?? null) : standIn(r!.address, `${r!.attribute}.${r!.nested}`);
    });
    if (values.length === 0) continue;
    const configured = config[attribute];
    if (Array.isArray(configured)) attributes[attribute] = values;
    else if (typeof configured === 'string' && /^\$\{[^}]+\}$/.test(configured) && values.length === 1) attributes[attribute] = values[0]!;
  }
}

/** Every reference in an expression tree (nested blocks hold expressions of their own). */
function allReferences(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(allReferences);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'references' && Array.isArray(value) ? (value as string[]) : allReferences(value)));
}

/** A v4 state for every resource of the plan, after `edit` changed attributes by address. */
export function priorStateFromPlan(plan: ShowJson, stack: StackJson, edit: (attributes: Map<string, Record<string, Json>>) => void = () => {}): object {
  const unknownByAddress = new Map(plan.resource_changes.map((c) => [c.address, c.change.after_unknown ?? {}]));
  const expressionsByAddress = new Map((plan.configuration.root_module.resources ?? []).map((r) => [r.address, r.expressions ?? {}]));
  const referenced = new Map<string, Set<string>>();
  for (const expressions of expressionsByAddress.values()) {
    for (const reference of allReferences(expressions)) {
      const parsed = parseReference(reference);
      if (!parsed) continue;
      if (!referenced.has(parsed.address)) referenced.set(parsed.address, new Set());
      referenced.get(parsed.address)!.add(parsed.nested ? `${parsed.attribute}[0].${parsed.nested}` : parsed.attribute);
    }
  }
  const resources = plan.planned_values.root_module.resources ?? [];
  const attributes = new Map(resources.map((r) => [r.address, ownAttributes(r, unknownByAddress.get(r.address) ?? {}, referenced)]));
  for (let round = 0; round < 3; round++) {
    for (const r of resources) resolveReferences(attributes.get(r.address)!, unknownByAddress.get(r.address) ?? {}, expressionsByAddress.get(r.address) ?? {}, stack.resource?.[r.type]?.[r.name] ?? {}, attributes);
  }
  edit(attributes);
  return {
    version: 4,
    terraform_version: '1.11.4',
    serial: 1,
    lineage: '8d4c5f0e-0000-4000-8000-000000000001',
    outputs: {},
    resources: [...attributes.entries()].map(([address, attrs]) => {
      const planned = resources.find((r) => r.address === address);
      const [type, name] = address.split('.') as [string, string];
      return {
        mode: 'managed',
        type: planned?.type ?? type,
        name: planned?.name ?? name,
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [{ schema_version: planned?.schema_version ?? 0, attributes: attrs, sensitive_attributes: [] }],
      };
    }),
  };
}
