/**
 * Takes environment names out of resource names, addresses and paths so that resources can be
 * matched across environments: `orders-staging-db` and `orders-prod-db` both become
 * `orders-{env}-db`; `module.staging_db` and `module.prod_db` both become `module.{env}_db`.
 */

/** Common spellings of the usual environment names, so `production` matches `prod` and `stg` matches `staging`. */
const ALIASES: Record<string, readonly string[]> = {
  prod: ['production', 'prd', 'live'],
  production: ['prod', 'prd'],
  staging: ['stage', 'stg'],
  stage: ['staging', 'stg'],
  dev: ['development', 'develop'],
  development: ['dev'],
  qa: ['test'],
};

export const ENV_PLACEHOLDER = '{env}';

export interface EnvironmentNameNormalizer {
  /** Replaces every whole-token occurrence of an environment name (or its alias) with `{env}`. */
  (text: string): string;
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
): EnvironmentNameNormalizer {
  const spellings = new Set<string>();
  for (const name of environmentNames) {
    const lower = name.toLowerCase();
    spellings.add(lower);
    for (const alias of ALIASES[lower] ?? []) spellings.add(alias);
  }
  for (const token of extraTokens) spellings.add(token.toLowerCase());
  if (spellings.size === 0) return (text) => text;
  // Longest first, so `production` wins over `prod`.
  const alternatives = [...spellings].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  const pattern = new RegExp(`(?<![A-Za-z0-9])(?:${alternatives})(?![a-z0-9])`, 'gi');
  return (text) => (text.length === 0 ? text : text.replace(pattern, ENV_PLACEHOLDER));
}
