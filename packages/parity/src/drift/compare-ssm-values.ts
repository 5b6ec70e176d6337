/**
 * String values against the code, and values that point at another environment.
 *
 * - **Declared values**: for every String key whose value the code knows before apply (the
 *   catalog's `ssmValues`, `DATABASE_NAME`, the integration endpoints), the live value must be the
 *   declared one. Keys Terraform fills in at apply (endpoints, ARNs, the fingerprint) have no
 *   declared value; the endpoints among them must be what the environment's own live resources
 *   answer (`DATABASE_ENDPOINT` is the live RDS instance's `address:port`), so a value still
 *   pointing at a decommissioned instance is found; all are checked for cross-environment
 *   references.
 * - **Cross-environment references**: a live value in one environment that names another
 *   environment's resources (`orders-prod`), SSM path (`/orders/prod/`), account id, or a host
 *   name only that other environment's declared values use (`flags.orders.example.com` in
 *   staging) is reported: staging pointing at prod. Hosts the environment itself declares (a
 *   sandbox shared by dev and staging) are not.
 *
 * SecureStrings are never read: only String values reach this module.
 */
import type { DriftEnvironment } from './drift-environment';
import type { CrossEnvironmentReference, ValueMismatch } from './drift-report';

/** The host of a URL or of a `host[:port]` value, lower case; undefined for anything else. */
function hostOf(value: string): string | undefined {
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return new URL(value).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
  const match = /^([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::\d+)?$/i.exec(value);
  return match ? match[1]!.toLowerCase() : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Marker {
  readonly kind: CrossEnvironmentReference['kind'];
  readonly pattern: RegExp;
}

/** What would give away `other` in a value of `env`. */
function hostsOf(env: DriftEnvironment): string[] {
  return Object.values(env.declared.stringValues)
    .flatMap((v) => (v === null ? [] : [hostOf(v)]))
    .filter((h): h is string => h !== undefined);
}

function markersOf(env: DriftEnvironment, other: DriftEnvironment): Marker[] {
  const ownHosts = new Set(hostsOf(env));
  const otherHosts = new Set(hostsOf(other).filter((h) => !ownHosts.has(h)));
  const markers: Marker[] = [
    { kind: 'resource-name', pattern: new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(other.resourceName)}(?![A-Za-z0-9])`, 'i') },
  ];
  if (other.accountId !== env.accountId) markers.push({ kind: 'account-id', pattern: new RegExp(`(?<!\\d)${other.accountId}(?!\\d)`) });
  markers.push({ kind: 'ssm-path', pattern: new RegExp(`${escapeRegExp(other.ssmPath)}/`, 'i') });
  for (const host of [...otherHosts].sort())
    markers.push({ kind: 'host', pattern: new RegExp(`(?<![A-Za-z0-9.-])${escapeRegExp(host)}(?![A-Za-z0-9-]|\\.[A-Za-z0-9])`, 'i') });
  return markers;
}

/** What a key Terraform fills in must hold, per environment, read from its live resources. */
export type LiveExpectations = ReadonlyMap<string, ReadonlyMap<string, { readonly value: string; readonly from: string }>>;

export interface SsmValueFindings {
  valueMismatch: ValueMismatch[];
  crossEnvironment: CrossEnvironmentReference[];
}

/**
 * `live` maps each environment whose SSM could be read to its String values (relative key →
 * value). Every environment of `environments` counts as a possible target of a reference, checked or not.
 */
export function compareSsmValues(
  environments: readonly DriftEnvironment[],
  live: ReadonlyMap<string, Readonly<Record<string, string>>>,
  expectations: LiveExpectations = new Map(),
): SsmValueFindings {
  const valueMismatch: ValueMismatch[] = [];
  const crossEnvironment: CrossEnvironmentReference[] = [];
  for (const [name, values] of live) {
    const env = environments.find((e) => e.name === name);
    if (!env) continue;
    const declared = env.declared.stringValues;
    const own = new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(env.resourceName)}(?![A-Za-z0-9])`, 'gi');
    const others = environments.filter((o) => o.name !== env.name).map((o) => ({ name: o.name, markers: markersOf(env, o) }));
    for (const key of Object.keys(values).sort()) {
      const value = values[key]!;
      const expected = Object.hasOwn(declared, key) ? declared[key] : undefined;
      const fromLive = expected === null ? expectations.get(name)?.get(key) : undefined;
      if (typeof expected === 'string' && expected !== value)
        valueMismatch.push({ environment: name, key, declared: expected, live: value });
      else if (fromLive && fromLive.value !== value)
        valueMismatch.push({ environment: name, key, declared: fromLive.value, expectedFrom: fromLive.from, live: value });
      // The environment's own resource names are taken out first: `orders-prod-eu` is not `orders-prod`.
      const scanned = value.replace(own, ' ');
      for (const other of others) {
        for (const marker of other.markers) {
          const match = marker.pattern.exec(scanned);
          if (!match) continue;
          crossEnvironment.push({ environment: name, key, references: other.name, kind: marker.kind, match: match[0], live: value });
          break;
        }
      }
    }
  }
  return { valueMismatch, crossEnvironment };
}
