/**
 * Loads a Terraform JSON document (a cdktf `cdk.tf.json`, or an HCL directory converted to the same
 * shape) into the flat model: drops `//` metadata and the inputs (`variable`, `locals`), takes the
 * environment's own name out of addresses, keys and string values, and flattens every block to
 * attribute paths written in the one path syntax (`ingress[0].cidr_blocks`, `tags["k8s.io/role"]`).
 */
import { appendIndex, appendKey } from '../shared/attribute-path';
import { badInput } from '../shared/exit-error';
import { environmentNameNormalizer, type EnvironmentNameNormalizer, isEnvironmentKey } from '../shared/environment-names';
import { type AttributeMap, type EnvironmentModel, type LeafValue, UnknownValue } from './environment-model';

const METADATA_KEY = '//';
/** Blocks that are inputs, already resolved into the resources, or cdktf bookkeeping. */
const SKIPPED_TOP_LEVEL = new Set([METADATA_KEY, 'variable', 'locals']);
const EMPTY_LIST: readonly LeafValue[] = Object.freeze([]);
const EMPTY_MAP: Readonly<Record<string, never>> = Object.freeze({});

type Json = unknown;

function isPlainObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof UnknownValue);
}

function isScalar(value: Json): boolean {
  return value === null || typeof value !== 'object' || value instanceof UnknownValue;
}

class Flattener {
  private readonly cache = new Map<string, string>();
  /** Values of attributes that name an environment (`environment = "a"`): a short name is taken out even as the whole value. */
  private readonly environmentValueCache = new Map<string, string>();
  private readonly keyCache = new Map<string, string>();

  constructor(
    private readonly normalize: EnvironmentNameNormalizer,
    /** Map keys take only the environment's exact name out: a `STAGE` tag key is not `staging`. */
    private readonly normalizeKey: EnvironmentNameNormalizer,
  ) {}

  key(value: string): string {
    let normalized = this.keyCache.get(value);
    if (normalized === undefined) {
      normalized = this.normalizeKey(value);
      this.keyCache.set(value, normalized);
    }
    return normalized;
  }

  text(value: string, namesEnvironment = false): string {
    const cache = namesEnvironment ? this.environmentValueCache : this.cache;
    let normalized = cache.get(value);
    if (normalized === undefined) {
      normalized = this.normalize(value, { namesEnvironment });
      cache.set(value, normalized);
    }
    return normalized;
  }

  scalar(value: Json, namesEnvironment: boolean): LeafValue {
    if (typeof value === 'string') return this.text(value, namesEnvironment);
    return value as LeafValue;
  }

  /** `key` is the attribute or map key the value sits under (its name says whether the value names an environment). */
  into(out: AttributeMap, prefix: string, value: Json, key: string): void {
    const namesEnvironment = isEnvironmentKey(key);
    if (isScalar(value)) {
      out.set(prefix, this.scalar(value, namesEnvironment));
    } else if (Array.isArray(value)) {
      if (value.length === 0) out.set(prefix, EMPTY_LIST);
      else if (value.every(isScalar))
        out.set(
          prefix,
          value.map((v) => this.scalar(v, namesEnvironment)),
        );
      else
        value.forEach((item, index) => {
          this.into(out, appendIndex(prefix, index), item, key);
        });
    } else {
      const entries = Object.entries(value as Record<string, Json>).filter(([k]) => k !== METADATA_KEY);
      if (entries.length === 0) out.set(prefix, EMPTY_MAP);
      for (const [k, child] of entries) this.into(out, appendKey(prefix, this.key(k)), child, k);
    }
  }

  body(value: Json): AttributeMap {
    const out: AttributeMap = new Map();
    const unwrapped = Array.isArray(value) && value.length === 1 ? value[0] : value;
    if (isPlainObject(unwrapped)) {
      for (const [key, child] of Object.entries(unwrapped)) {
        if (key !== METADATA_KEY) this.into(out, appendKey('', this.key(key)), child, key);
      }
    } else {
      this.into(out, 'value', unwrapped, 'value');
    }
    return out;
  }
}

class ModelBuilder {
  readonly resources = new Map<string, AttributeMap>();

  constructor(
    private readonly flattener: Flattener,
    /** Where the document came from, for messages. */
    private readonly source: string,
  ) {}

  /** A block that Terraform JSON writes as an object (`"resource": { "TYPE": { "NAME": {...} } }`). */
  private expectObject(value: Json, where: string): value is Record<string, Json> {
    if (value === undefined || value === null) return false;
    if (isPlainObject(value)) return true;
    const found = Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    throw badInput(
      `\`${where}\` as an object of named blocks in ${this.source}`,
      found,
      'Fix the file (if cdktf wrote it, synthesize again: `npx cdktf synth`).',
    );
  }

  add(rawAddress: string, body: Json): void {
    const normalized = this.flattener.text(rawAddress);
    // Two addresses that only differ by the environment's name stay apart under their own names.
    const address = this.resources.has(normalized) ? rawAddress : normalized;
    const attributes = this.flattener.body(body);
    const existing = this.resources.get(address);
    if (existing) for (const [path, value] of attributes) existing.set(path, value);
    else this.resources.set(address, attributes);
  }

  namedBlocks(prefix: string, blocks: Json): void {
    if (!this.expectObject(blocks, prefix.replace(/\.$/, ''))) return;
    for (const [name, body] of Object.entries(blocks)) {
      if (name !== METADATA_KEY) this.add(`${prefix}${name}`, body);
    }
  }

  typedBlocks(prefix: string, types: Json): void {
    if (!this.expectObject(types, prefix === '' ? 'resource' : prefix.replace(/\.$/, ''))) return;
    for (const [type, blocks] of Object.entries(types)) {
      if (type !== METADATA_KEY) this.namedBlocks(`${prefix}${type}.`, blocks);
    }
  }

  providers(providers: Json): void {
    if (!this.expectObject(providers, 'provider')) return;
    for (const [name, configs] of Object.entries(providers)) {
      for (const config of Array.isArray(configs) ? configs : [configs]) {
        const alias = isPlainObject(config) && typeof config.alias === 'string' ? `.${config.alias}` : '';
        this.add(`provider.${name}${alias}`, config);
      }
    }
  }

  terraform(blocks: Json): void {
    for (const block of Array.isArray(blocks) ? blocks : [blocks]) {
      if (!isPlainObject(block)) continue;
      const { backend, ...settings } = block;
      this.typedBlocks('terraform.', { backend });
      if (Object.keys(settings).length > 0) this.add('terraform', settings);
    }
  }
}

export interface ModelOptions {
  /** Words never normalized as an alias of the environment's name (the parity group names). */
  readonly keepWords?: readonly string[];
  /** Environment → its parity group, whose name becomes `{group}` (a `parity-group` tag). */
  readonly groupOf?: ReadonlyMap<string, string>;
}

export const ACCOUNT_PLACEHOLDER = '{account}';
export const GROUP_PLACEHOLDER = '{group}';

/** Replaces one exact word (an account id, a group name) wherever it is a whole token. */
function wholeWordReplacer(word: string, placeholder: string): EnvironmentNameNormalizer {
  return environmentNameNormalizer([word], [], { aliases: false, placeholder });
}

/** The AWS account ids the document's `aws` providers are pinned to (`allowed_account_ids`). */
export function pinnedAccountIds(document: Json): string[] {
  const providers = isPlainObject(document) && isPlainObject(document.provider) ? document.provider.aws : undefined;
  const configs = Array.isArray(providers) ? providers : providers === undefined ? [] : [providers];
  return configs.flatMap((config: Json) => {
    const body = Array.isArray(config) && config.length === 1 ? config[0] : config;
    const ids = isPlainObject(body) ? body.allowed_account_ids : undefined;
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string' && /^\d{12}$/.test(id)) : [];
  });
}

/**
 * Builds the flat model of one environment from its Terraform JSON. Only this environment's own
 * name (and its usual aliases: `prod`/`production`) is normalized out, so a staging resource that
 * names `orders-prod-bucket` is still seen as pointing at prod. Likewise the account the
 * environment's provider is pinned to (`allowed_account_ids`) becomes `{account}` in ARNs and
 * policies, while another environment's account id stays visible; and the name of its own parity
 * group becomes `{group}`.
 */
/** The deepest nesting read: flattening recurses, and real configurations stay below 40 levels. */
export const MAX_NESTING = 512;

/** True when `value` nests deeper than `max` (checked without recursion). */
export function nestsDeeperThan(value: Json, max: number): boolean {
  const values: Json[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const v = values.pop() as Record<string, Json>;
    const depth = depths.pop()!;
    if (v === null || typeof v !== 'object' || v instanceof UnknownValue) continue;
    if (depth >= max) return true;
    for (const key in v) {
      const child = v[key];
      if (child !== null && typeof child === 'object') {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

export function environmentModelFromTerraformJson(
  document: Json,
  environment: string,
  source: string,
  options: ModelOptions = {},
): EnvironmentModel {
  if (nestsDeeperThan(document, MAX_NESTING)) {
    throw badInput(
      `Terraform configuration nested at most ${MAX_NESTING} levels deep in ${source}`,
      'values nested deeper',
      'Fix the file (if cdktf wrote it, synthesize again: `npx cdktf synth`).',
    );
  }
  const normalizeName = environmentNameNormalizer([environment], [], { keep: options.keepWords });
  const group = options.groupOf?.get(environment);
  const replacers = [
    ...pinnedAccountIds(document).map((id) => wholeWordReplacer(id, ACCOUNT_PLACEHOLDER)),
    // A group named like an environment (`production`) stays as it is: it may be a reference to that environment.
    ...(group && !options.groupOf?.has(group) ? [wholeWordReplacer(group, GROUP_PLACEHOLDER)] : []),
  ];
  const normalize: EnvironmentNameNormalizer =
    replacers.length === 0
      ? normalizeName
      : (text, context) => replacers.reduce((t, replace) => replace(t, context), normalizeName(text, context));
  const normalizeKey = environmentNameNormalizer([environment], [], { aliases: false });
  const builder = new ModelBuilder(new Flattener(normalize, normalizeKey), source);
  if (isPlainObject(document)) {
    for (const [key, value] of Object.entries(document)) {
      if (SKIPPED_TOP_LEVEL.has(key)) continue;
      if (key === 'resource') builder.typedBlocks('', value);
      else if (key === 'data') builder.typedBlocks('data.', value);
      else if (key === 'module' || key === 'output') builder.namedBlocks(`${key}.`, value);
      else if (key === 'provider') builder.providers(value);
      else if (key === 'terraform') builder.terraform(value);
      else builder.add(key, value);
    }
  }
  return { environment, source, resources: builder.resources };
}
