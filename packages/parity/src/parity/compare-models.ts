/**
 * The raw comparison of a set of environments: every (address, path) whose value is not the same
 * in all of them, and every address present in only some of them. Linear in environments and
 * attributes: each environment is compared with one reference, never with every other one.
 */
import { type AttributeMap, type EnvironmentModel, type LeafValue, UnknownValue, sameLeaf } from './environment-model';

export interface RawDifference {
  /** Normalized resource address. */
  readonly address: string;
  /** Attribute path inside the resource, as src/shared/attribute-path.ts prints it (`ingress[0].cidr_blocks`). */
  readonly path: string;
  /** The value in each environment that has the resource; `undefined` where the attribute is not set. */
  readonly values: ReadonlyMap<string, LeafValue | undefined>;
}

export interface RawPresence {
  /** Normalized resource address. */
  readonly address: string;
  /** The environments that have it (the others do not). */
  readonly environments: readonly string[];
}

export interface RawComparison {
  readonly differences: RawDifference[];
  readonly onlyIn: RawPresence[];
}

function hasUnknown(attributes: AttributeMap, into: Set<string>): void {
  for (const [path, value] of attributes) if (value instanceof UnknownValue) into.add(path);
}

/** Paths where `other` differs from `reference` (either direction). */
function differingPaths(reference: AttributeMap, other: AttributeMap, into: Set<string>): void {
  for (const [path, value] of other) {
    if (!sameLeaf(value, reference.get(path))) into.add(path);
  }
  if (reference.size !== other.size || into.size > 0) {
    for (const path of reference.keys()) if (!other.has(path)) into.add(path);
  }
}

function collect(address: string, paths: Iterable<string>, holders: readonly EnvironmentModel[], into: RawDifference[]): void {
  for (const path of [...paths].sort()) {
    const values = new Map<string, LeafValue | undefined>();
    for (const model of holders) values.set(model.environment, model.resources.get(address)!.get(path));
    into.push({ address, path, values });
  }
}

/** Compares a set of environments; results are sorted by address, then path. */
export function compareModels(models: readonly EnvironmentModel[]): RawComparison {
  const differences: RawDifference[] = [];
  const onlyIn: RawPresence[] = [];
  if (models.length === 0) return { differences, onlyIn };
  const [reference, ...others] = models as [EnvironmentModel, ...EnvironmentModel[]];
  const differing = new Map<string, Set<string>>();
  const partial = new Set<string>();
  const mark = (address: string): Set<string> => {
    let paths = differing.get(address);
    if (!paths) differing.set(address, (paths = new Set()));
    return paths;
  };

  for (const [address, attributes] of reference.resources) {
    const unknown = new Set<string>();
    hasUnknown(attributes, unknown);
    if (unknown.size > 0) for (const path of unknown) mark(address).add(path);
  }
  for (const other of others) {
    for (const [address, attributes] of other.resources) {
      const referenceAttributes = reference.resources.get(address);
      if (!referenceAttributes) {
        partial.add(address);
        continue;
      }
      const paths = new Set<string>();
      differingPaths(referenceAttributes, attributes, paths);
      if (paths.size > 0) for (const path of paths) mark(address).add(path);
    }
    if (other.resources.size !== reference.resources.size || partial.size > 0) {
      for (const address of reference.resources.keys()) if (!other.resources.has(address)) partial.add(address);
    }
  }

  for (const address of [...new Set([...differing.keys(), ...partial])].sort()) {
    const holders = models.filter((m) => m.resources.has(address));
    if (holders.length < models.length) onlyIn.push({ address, environments: holders.map((m) => m.environment) });
    let paths = differing.get(address) ?? new Set<string>();
    if (partial.has(address)) {
      // The reference may not have it: compare the holders among themselves.
      paths = new Set(paths);
      const [first, ...rest] = holders as [EnvironmentModel, ...EnvironmentModel[]];
      const firstAttributes = first.resources.get(address)!;
      hasUnknown(firstAttributes, paths);
      for (const holder of rest) differingPaths(firstAttributes, holder.resources.get(address)!, paths);
    }
    collect(address, paths, holders, differences);
  }
  return { differences, onlyIn };
}
