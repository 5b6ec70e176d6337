/**
 * Builds a hand-written prior state (terraform.tfstate v4) from a real empty-state plan, as if that
 * plan had been applied: each resource gets the values the plan says it will have; each value known
 * only after apply gets a stand-in of its schema type (ids and ARNs shaped like real ones), and a
 * value computed from references (`${aws_kms_key.k.arn}`, `"${aws_db_instance.d.address}:5432"`)
 * is evaluated from the referenced stand-ins. A plan against this state is all no-ops until a test
 * edits the state or the configuration.
 */
import type { ResourceSchemas, SchemaBlock, SchemaType } from './provider-schema';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface PlannedResource {
  address: string;
  type: string;
  name: string;
  schema_version?: number;
  values: Record<string, Json>;
}

/** The parts of `terraform show -json` read here. */
export interface ShowJson {
  planned_values: { root_module: { resources?: PlannedResource[] } };
  resource_changes: { address: string; change: { after_unknown?: Json; after_sensitive?: Json } }[];
}

/** The synthesized configuration (`cdk.tf.json`), whose `${...}` templates are evaluated. */
export interface StackJson {
  resource?: Record<string, Record<string, Record<string, Json>>>;
}

const ID_PREFIX: Record<string, string> = {
  aws_vpc: 'vpc-',
  aws_subnet: 'subnet-',
  aws_security_group: 'sg-',
  aws_vpc_security_group_ingress_rule: 'sgr-',
  aws_vpc_security_group_egress_rule: 'sgr-',
};
const ARN_SERVICE: Record<string, string> = { db: 'rds', opensearch: 'es', vpc: 'ec2', subnet: 'ec2', security: 'ec2' };

function hex(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** The stand-in for a string known only after apply: an id or ARN of the right shape, else `<address>.<path>`. */
export function standIn(address: string, path: string): string {
  const [type = '', name = ''] = address.split('.');
  if (path === 'id') return type in ID_PREFIX ? `${ID_PREFIX[type]}${hex(address)}${hex(name)}` : name.toLowerCase().replace(/_/g, '-');
  if (path === 'arn' || path.endsWith('_arn'))
    return (
      `arn:aws:${ARN_SERVICE[type.split('_')[1] ?? ''] ?? type.split('_')[1]}:eu-west-1:123456789012:` +
      `${type.replace(/^aws_/, '')}/${hex(`${address}.${path}`)}`
    );
  return `${address}.${path}`;
}

/** The schema type at a path of a resource (blocks as lists of objects). */
function typeAt(block: SchemaBlock | undefined, path: readonly (string | number)[]): SchemaType | undefined {
  let type: SchemaType | undefined;
  let current = block;
  for (const step of path) {
    if (type !== undefined) {
      if (Array.isArray(type) && (type[0] === 'list' || type[0] === 'set' || type[0] === 'map')) type = type[1] as SchemaType;
      else if (Array.isArray(type) && type[0] === 'object') type = (type[1] as Record<string, SchemaType>)[String(step)];
      else return undefined;
      continue;
    }
    if (typeof step === 'number') continue;
    const attribute = current?.attributes?.[step];
    if (attribute) {
      type = attribute.type;
      current = undefined;
      continue;
    }
    const nested = current?.block_types?.[step];
    if (!nested) return undefined;
    current = nested.block;
    if (path[path.length - 1] === step) return ['list', 'object' as SchemaType];
  }
  return type;
}

/** A stand-in of the schema type. Only what the configuration references gets a value; the rest stays null or empty. */
function standInOf(
  type: SchemaType | undefined,
  address: string,
  pathText: string,
  referenced: ReadonlySet<string>,
  inObject: boolean,
): Json {
  if (type === 'string')
    return pathText === 'id' || pathText === 'arn' || referenced.has(`${address}.${pathText}`)
      ? standIn(address, pathText)
      : inObject
        ? ''
        : null;
  if (type === 'number') return inObject ? 0 : null;
  if (type === 'bool') return inObject ? false : null;
  if (Array.isArray(type) && type[0] === 'map') return {};
  if (Array.isArray(type) && (type[0] === 'list' || type[0] === 'set')) {
    const element = type[1] as SchemaType;
    const wanted = [...referenced].some((r) => r.startsWith(`${address}.${pathText}[0].`));
    if (!wanted || !Array.isArray(element) || element[0] !== 'object') return [];
    const fields = element[1] as Record<string, SchemaType>;
    return [
      Object.fromEntries(Object.entries(fields).map(([k, t]) => [k, standInOf(t, address, `${pathText}[0].${k}`, referenced, true)])),
    ];
  }
  return null;
}

type Resolver = (reference: string) => Json | undefined;

/** Evaluates a `${ref}` template of the configuration; undefined when it holds anything but plain references. */
function evaluate(config: Json | undefined, resolve: Resolver): Json | undefined {
  if (typeof config === 'string' && config.includes('${')) {
    const whole = /^\$\{([^}]+)\}$/.exec(config);
    if (whole) return resolve(whole[1]!);
    let failed = false;
    const text = config.replace(/\$\{([^}]+)\}/g, (_, ref: string) => {
      const value = resolve(ref);
      if (value === undefined || value === null || typeof value === 'object') failed = true;
      return String(value);
    });
    return failed ? undefined : text;
  }
  if (Array.isArray(config)) {
    const values = config.map((c) => evaluate(c, resolve) ?? (typeof c === 'string' && !c.includes('${') ? c : undefined));
    return values.every((v) => v !== undefined) ? (values as Json[]) : undefined;
  }
  // A map of templates (`dimensions = { NatGatewayId = "${aws_nat_gateway.a.id}" }`).
  if (config !== null && typeof config === 'object') {
    const entries = Object.entries(config).map(
      ([k, c]) =>
        [k, evaluate(c, resolve) ?? (typeof c !== 'object' && !(typeof c === 'string' && c.includes('${')) ? c : undefined)] as const,
    );
    return entries.every(([, v]) => v !== undefined) ? (Object.fromEntries(entries) as Json) : undefined;
  }
  return undefined;
}

/**
 * The configuration element of a set or list item: the one whose literal scalars equal the item's (a set's order is
 * Terraform's, not the configuration's).
 */
function configItem(config: Json | undefined, value: Json | undefined, index: number): Json | undefined {
  if (!Array.isArray(config) || !value || typeof value !== 'object' || Array.isArray(value)) return configAt(config, index);
  const literal = (c: Json) => c !== null && typeof c !== 'object' && !(typeof c === 'string' && c.includes('${'));
  const matches = config.filter(
    (c) =>
      c &&
      typeof c === 'object' &&
      !Array.isArray(c) &&
      Object.entries(c).some(([, v]) => literal(v)) &&
      Object.entries(c).every(([k, v]) => !literal(v) || value[k] === v),
  );
  return matches.length === 1 ? matches[0] : configAt(config, index);
}

function configAt(config: Json | undefined, step: string | number): Json | undefined {
  if (config === null || config === undefined || typeof config !== 'object') return undefined;
  if (Array.isArray(config)) return typeof step === 'number' ? config[step] : undefined;
  if (typeof step === 'number') return step === 0 ? config : undefined;
  return config[step];
}

/** Fills every `true` of `unknown` under `value`: evaluated from config when it is a template, else a typed stand-in. */
function fill(
  value: Json | undefined,
  unknown: Json | undefined,
  config: Json | undefined,
  path: (string | number)[],
  ctx: { address: string; block?: SchemaBlock; resolve: Resolver; pass: number; referenced: ReadonlySet<string> },
): Json | undefined {
  if (unknown === true) {
    const evaluated = evaluate(config, ctx.resolve);
    if (evaluated !== undefined) return evaluated;
    if (ctx.pass > 0 && value !== undefined && value !== null) return value;
    const pathText = path
      .map((s) => (typeof s === 'number' ? `[${s}]` : s))
      .join('.')
      .replace(/\.\[/g, '[');
    // Inside a nested block the provider reads unset computed scalars back as zero values, not null.
    return standInOf(
      typeAt(ctx.block, path),
      ctx.address,
      pathText,
      ctx.referenced,
      path.some((step) => typeof step === 'number'),
    );
  }
  if (unknown === null || unknown === undefined || typeof unknown !== 'object') return value;
  if (Array.isArray(unknown)) {
    const list = Array.isArray(value) ? [...value] : [];
    unknown.forEach((u, i) => {
      list[i] = fill(list[i], u, configItem(config, list[i], i), [...path, i], ctx) ?? null;
    });
    return list;
  }
  const object: Record<string, Json> = value && typeof value === 'object' && !Array.isArray(value) ? { ...value } : {};
  for (const [key, u] of Object.entries(unknown)) {
    const filled = fill(object[key], u, configAt(config, key), [...path, key], ctx);
    if (filled !== undefined) object[key] = filled;
  }
  return object;
}

/** `sensitive_attributes` of a v4 state, from `after_sensitive` marks. */
function sensitivePaths(marks: Json | undefined, path: object[] = []): object[][] {
  if (marks === true) return [path];
  if (!marks || typeof marks !== 'object') return [];
  if (Array.isArray(marks))
    return marks.flatMap((m, i) => sensitivePaths(m, [...path, { type: 'index', value: { value: i, type: 'number' } }]));
  return Object.entries(marks).flatMap(([k, m]) => sensitivePaths(m, [...path, { type: 'get_attr', value: k }]));
}

/** A v4 state holding every resource of the plan, after `edit` changed attributes (by address). */
export function priorStateFromPlan(
  plan: ShowJson,
  stack: StackJson,
  schemas: ResourceSchemas,
  edit: (attributes: Map<string, Record<string, Json>>) => void = () => {},
): object {
  const changes = new Map(plan.resource_changes.map((c) => [c.address, c.change]));
  const resources = plan.planned_values.root_module.resources ?? [];
  const attributes = new Map(resources.map((r) => [r.address, { ...r.values }]));
  const referenced = new Set(
    [...JSON.stringify(stack).matchAll(/\$\{([^}]+)\}/g)].flatMap((m) =>
      [...m[1]!.matchAll(/aws_[a-z0-9_]+\.[^.[\s]+\.[a-z0-9_]+(?:\[\d+\]\.[a-z0-9_]+)?/g)].map((r) => r[0]),
    ),
  );
  const resolve: Resolver = (reference) => {
    const match = /^(aws_[a-z0-9_]+\.[^.[]+)\.([a-z0-9_]+)(?:\[(\d+)\]\.([a-z0-9_]+))?$/.exec(reference.trim());
    if (!match) return undefined;
    const value = attributes.get(match[1]!)?.[match[2]!];
    if (match[4] === undefined) return value;
    const item = Array.isArray(value) ? value[Number(match[3])] : undefined;
    return item && typeof item === 'object' && !Array.isArray(item) ? item[match[4]] : undefined;
  };
  // Three passes: stand-ins first, then templates that reference them (and templates of templates).
  for (let pass = 0; pass < 3; pass++) {
    for (const r of resources) {
      const ctx = { address: r.address, block: schemas[r.type]?.block, resolve, pass, referenced };
      attributes.set(
        r.address,
        fill(attributes.get(r.address), changes.get(r.address)?.after_unknown ?? {}, stack.resource?.[r.type]?.[r.name], [], ctx) as Record<
          string,
          Json
        >,
      );
    }
  }
  for (const [address, attrs] of attributes) if (attrs.id === null || attrs.id === undefined) attrs.id = standIn(address, 'id');
  edit(attributes);
  return {
    version: 4,
    terraform_version: '1.11.4',
    serial: 1,
    lineage: '8d4c5f0e-0000-4000-8000-000000000001',
    outputs: {},
    resources: [...attributes.entries()].map(([address, attrs]) => {
      const planned = resources.find((r) => r.address === address);
      const [type = '', name = ''] = address.split('.');
      return {
        mode: 'managed',
        type: planned?.type ?? type,
        name: planned?.name ?? name,
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [
          {
            schema_version: planned?.schema_version ?? schemas[type]?.version ?? 0,
            attributes: attrs,
            sensitive_attributes: sensitivePaths(
              (changes.get(address)?.after_sensitive ?? planned?.values) ? changes.get(address)?.after_sensitive : undefined,
            ),
          },
        ],
      };
    }),
  };
}
