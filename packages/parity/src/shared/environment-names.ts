/**
 * Takes environment names out of resource names, addresses and paths so that resources can be
 * matched across environments: `orders-staging-db` and `orders-prod-db` both become
 * `orders-{env}-db`; `module.staging_db` and `module.prod_db` both become `module.{env}_db`.
 */

/** Common spellings of the usual environment names, so `production` matches `prod` and `stg` matches `staging`. */
const ALIASES: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries({
    prod: ['production', 'prd', 'live'],
    production: ['prod', 'prd'],
    staging: ['stage', 'stg'],
    stage: ['staging', 'stg'],
    dev: ['development', 'develop'],
    development: ['dev'],
    qa: ['test'],
  }),
);

export const ENV_PLACEHOLDER = '{env}';

/** An environment's name: lower-case letters, digits and dashes, starting with a letter. */
export const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]*$/;

/** What {@link ENVIRONMENT_NAME} asks for, as the messages of a name that does not match say it. */
export const ENVIRONMENT_NAME_RULE = 'an environment name of lower-case letters, digits and dashes, starting with a letter';

/** Where a text comes from, for the rule on short names (see environmentNameNormalizer). */
export interface NormalizeContext {
  /**
   * The text is the value of an attribute that names an environment (`environment`, `stage`, a tag
   * `Environment`, see isEnvironmentKey): a short name is taken out even when it is the whole value.
   */
  readonly namesEnvironment?: boolean;
}

/** Replaces every whole-token occurrence of an environment name (or its alias) with `{env}`. */
export type EnvironmentNameNormalizer = (text: string, context?: NormalizeContext) => string;

/**
 * Names shorter than this (`a`, `b`, `qa`, `us`) are short: as a whole value they are as likely to be
 * data (`availability_zone_suffix = "a"`, `tier = "b"`, `lang = "us"`) as the environment's name.
 */
export const SHORT_NAME_LENGTH = 3;

/** Attribute keys whose value is an environment's name: `environment`, `env`, `stage`, `workspace`, `*_name`. */
export function isEnvironmentKey(key: string): boolean {
  return /^(?:env|environment|stage|workspace)(?:name)?$/.test(key.toLowerCase().replace(/[-_ ]/g, ''));
}

/**
 * After a short name, the rest of an AWS region or zone (`us-east-1`, `eu-central-2a`, `us-gov-west-1`):
 * a region's prefix, not the environment `us` or `eu`.
 */
const REGION_REST = '-(?:gov-|iso[a-z]?-)?(?:north|south|east|west|central)(?:east|west)?-\\d';

export interface NormalizerOptions {
  /**
   * Words that are never taken as an alias, e.g. the parity group names (`production` is a group
   * here, not a spelling of `prod`). An environment's own name is always normalized.
   */
  readonly keep?: readonly string[];
  /** Whether the usual aliases count (`production` for `prod`); default true. */
  readonly aliases?: boolean;
  /** What a name is replaced with; default `{env}`. */
  readonly placeholder?: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Builds a normalizer for a set of environment names. A name counts only as a whole token:
 * delimited by the start or end of the text or by a character that is not a letter or digit,
 * so `prod` is found in `orders-prod` and `prod_db` but not in `product`.
 *
 * A short spelling (under SHORT_NAME_LENGTH characters: `a`, `qa`) counts only as a delimited part of
 * a longer text (`orders-a`, `a-bucket`, `module.a`), never as the whole text (`"a"`), unless the
 * context says the text names an environment; nor as the prefix of an AWS region (`us-east-1`).
 * Taking `"a"` out would make a zone suffix `a` in one environment match `b` in the other (a false
 * pass) and a `tier = "b"` that both share differ (a false difference); kept as it is, a whole
 * value compares as written, which is never a false pass.
 */
export function environmentNameNormalizer(
  environmentNames: readonly string[],
  /** Further tokens that stand for an environment, such as its AWS account id. */
  extraTokens: readonly string[] = [],
  options: NormalizerOptions = {},
): EnvironmentNameNormalizer {
  const spellings = new Set<string>();
  const keep = new Set((options.keep ?? []).map((word) => word.toLowerCase()));
  for (const name of environmentNames) {
    const lower = name.toLowerCase();
    spellings.add(lower);
    if (options.aliases === false) continue;
    for (const alias of ALIASES.get(lower) ?? []) if (!keep.has(alias)) spellings.add(alias);
  }
  for (const token of extraTokens) spellings.add(token.toLowerCase());
  if (spellings.size === 0) return (text) => text;
  const placeholder = options.placeholder ?? ENV_PLACEHOLDER;
  const short = [...spellings].filter((spelling) => spelling.length < SHORT_NAME_LENGTH);
  const all = tokenPattern([...spellings], short);
  if (short.length === 0) return (text) => (text.length === 0 ? text : text.replace(all, placeholder));
  const shortSet = new Set(short);
  const long = [...spellings].filter((spelling) => !shortSet.has(spelling));
  const longOnly = long.length === 0 ? undefined : tokenPattern(long, []);
  return (text, context) => {
    if (text.length === 0) return text;
    if (context?.namesEnvironment || !shortSet.has(text.toLowerCase())) return text.replace(all, placeholder);
    return longOnly ? text.replace(longOnly, placeholder) : text;
  };
}

/** Every spelling as a whole token, longest first (so `production` wins over `prod`); short ones never before a region's rest. */
function tokenPattern(spellings: readonly string[], short: readonly string[]): RegExp {
  const alternative = (spelling: string): string =>
    short.includes(spelling) ? `${escapeRegExp(spelling)}(?!${REGION_REST})` : escapeRegExp(spelling);
  const alternatives = [...spellings]
    .sort((a, b) => b.length - a.length)
    .map(alternative)
    .join('|');
  return new RegExp(`(?<![A-Za-z0-9])(?:${alternatives})(?![a-z0-9])`, 'gi');
}
