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

export interface EnvironmentNameNormalizer {
  /** Replaces every whole-token occurrence of an environment name (or its alias) with `{env}`. */
  (text: string): string;
}

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
  // Longest first, so `production` wins over `prod`.
  const alternatives = [...spellings]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|');
  const pattern = new RegExp(`(?<![A-Za-z0-9])(?:${alternatives})(?![a-z0-9])`, 'gi');
  const placeholder = options.placeholder ?? ENV_PLACEHOLDER;
  return (text) => (text.length === 0 ? text : text.replace(pattern, placeholder));
}
