/**
 * Every SSM key an environment holds under `/{app}/{env}/`: the catalog from config/platform.ts,
 * plus the keys the platform publishes itself (endpoints of the data stores and integrations), so
 * applications read every setting from one place.
 */
import type { PlatformInvariants } from './schema';

export type SsmKeyType = 'String' | 'SecureString';

export interface DeclaredSsmKey {
  readonly key: string;
  readonly type: SsmKeyType;
  readonly description: string;
  /** `catalog` for keys in config/platform.ts, `published` for keys the platform writes itself. */
  readonly origin: 'catalog' | 'published';
}

/** Keys the platform publishes from what it builds. */
export const PUBLISHED_KEYS = {
  DATABASE_ENDPOINT: 'Database endpoint (host:port) of the PostgreSQL instance.',
  DATABASE_NAME: 'Name of the application database.',
  DATABASE_MASTER_SECRET_ARN: 'ARN of the Secrets Manager secret RDS manages for the master user.',
  CACHE_ENDPOINT: 'Configuration endpoint of the cache replication group.',
  SEARCH_ENDPOINT: 'HTTPS endpoint of the OpenSearch domain.',
} as const;

/**
 * The key every stack publishes its platform fingerprint under (packages/parity/src/promote/fingerprint.ts,
 * constructs/platform-fingerprint.ts): written by Terraform, so it changes only when an apply succeeds.
 */
export const PLATFORM_FINGERPRINT_KEY = 'PLATFORM_FINGERPRINT';

/** The SSM key an integration's endpoint is published under (`payments` → `PAYMENTS_ENDPOINT`). */
export function integrationEndpointKey(integrationName: string): string {
  return `${integrationName.toUpperCase().replace(/-/g, '_')}_ENDPOINT`;
}

/** The full path of a key: `/{app}/{env}/{KEY}`. */
export function ssmParameterName(app: string, environment: string, key: string): string {
  return `/${app}/${environment}/${key}`;
}

/** Every key each environment must hold, catalog first. */
export function declaredSsmKeys(platform: PlatformInvariants): DeclaredSsmKey[] {
  return [
    ...platform.ssmCatalog.map((e) => ({ key: e.key, type: e.type, description: e.description, origin: 'catalog' as const })),
    ...Object.entries(PUBLISHED_KEYS).map(([key, description]) => ({
      key,
      type: 'String' as const,
      description,
      origin: 'published' as const,
    })),
    ...platform.integrations.map((i) => ({
      key: integrationEndpointKey(i.name),
      type: 'String' as const,
      description: `Endpoint of the ${i.name} integration (${i.description})`,
      origin: 'published' as const,
    })),
    {
      key: PLATFORM_FINGERPRINT_KEY,
      type: 'String' as const,
      description: 'Platform fingerprint of the last successful apply (parity promote).',
      origin: 'published' as const,
    },
  ];
}
