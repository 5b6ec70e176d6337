/**
 * Compares the schema objects of several databases against a reference (prod): an object missing
 * somewhere (reported once, at the highest missing level: a missing table, not each of its
 * columns), or an attribute with different values. Each difference carries the DDL that brings
 * each lagging environment to the reference's state, where it can be derived.
 */
import { alterDdl } from './ddl';
import { OBJECT_KINDS, objectKey, type AttributeValue, type SchemaDifference, type SchemaObject } from './model';

const kindOrder = new Map<string, number>(OBJECT_KINDS.map((k, i) => [k, i]));

function byKindThenName(a: SchemaObject, b: SchemaObject): number {
  return kindOrder.get(a.kind)! - kindOrder.get(b.kind)! || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

interface EnvironmentObjects {
  readonly byKey: ReadonlyMap<string, SchemaObject>;
  readonly children: ReadonlyMap<string, readonly SchemaObject[]>;
}

function index(objects: readonly SchemaObject[]): EnvironmentObjects {
  const byKey = new Map<string, SchemaObject>();
  const children = new Map<string, SchemaObject[]>();
  for (const o of objects) {
    byKey.set(objectKey(o.kind, o.name), o);
    if (o.parent) {
      if (!children.has(o.parent)) children.set(o.parent, []);
      children.get(o.parent)!.push(o);
    }
  }
  return { byKey, children };
}

/** The object's DDL followed by that of everything inside it (a table's constraints, indexes, triggers, policies). */
function createWithContents(object: SchemaObject, env: EnvironmentObjects): string | undefined {
  if (!object.create) return undefined;
  const parts = [object.create];
  const visit = (o: SchemaObject) => {
    for (const child of [...(env.children.get(objectKey(o.kind, o.name)) ?? [])].sort(byKindThenName)) {
      // CREATE TABLE lists its columns; a partition takes them from its parent.
      if (child.kind !== 'column' && child.create) parts.push(child.create);
      visit(child);
    }
  };
  visit(object);
  return parts.join('\n');
}

function same(a: AttributeValue | undefined, b: AttributeValue | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** True when `key` is missing in `env` only because an object it belongs to is missing there. */
function ancestorMissing(sample: SchemaObject, env: EnvironmentObjects, anyEnv: (key: string) => SchemaObject | undefined): boolean {
  let parent = sample.parent;
  while (parent) {
    if (!env.byKey.has(parent)) return true;
    parent = anyEnv(parent)?.parent;
  }
  return false;
}

/**
 * `snapshots`: objects per readable environment, in report order; `reference` is one of them.
 * Returns the differences, sorted by kind, name and attribute.
 */
export function compareSchemas(snapshots: ReadonlyMap<string, readonly SchemaObject[]>, reference: string): SchemaDifference[] {
  const envs = [...snapshots.keys()];
  const indexed = new Map([...snapshots].map(([name, objects]) => [name, index(objects)]));
  const anyEnv = (key: string) => envs.map((e) => indexed.get(e)!.byKey.get(key)).find(Boolean);
  const all = new Map<string, SchemaObject>();
  for (const e of envs) for (const [key, o] of indexed.get(e)!.byKey) if (!all.has(key)) all.set(key, o);
  const ref = indexed.get(reference)!;
  const differences: SchemaDifference[] = [];

  for (const [key, sample] of all) {
    const missing = envs.filter((e) => !indexed.get(e)!.byKey.has(key));
    if (missing.length > 0) {
      if (missing.every((e) => ancestorMissing(sample, indexed.get(e)!, anyEnv))) continue;
      const source = ref.byKey.get(key);
      const ddl: Record<string, string> = {};
      if (source) {
        for (const e of missing) {
          if (ancestorMissing(sample, indexed.get(e)!, anyEnv)) continue;
          const statement = createWithContents(source, ref);
          if (statement) ddl[e] = statement;
        }
      }
      differences.push({
        kind: sample.kind,
        name: sample.name,
        attribute: 'exists',
        values: Object.fromEntries(envs.map((e) => [e, !missing.includes(e)])),
        ...(Object.keys(ddl).length ? { ddl } : {}),
      });
      continue;
    }
    const objects = new Map(envs.map((e) => [e, indexed.get(e)!.byKey.get(key)!]));
    // Most objects are identical everywhere: one serialisation per object settles them.
    const signature = JSON.stringify(objects.get(reference)!.attributes);
    if (envs.every((e) => e === reference || JSON.stringify(objects.get(e)!.attributes) === signature)) continue;
    const attributes = [...new Set(envs.flatMap((e) => Object.keys(objects.get(e)!.attributes)))];
    for (const attribute of attributes) {
      const values = Object.fromEntries(envs.map((e) => [e, objects.get(e)!.attributes[attribute] ?? null]));
      if (envs.every((e) => same(values[e], values[reference]))) continue;
      const ddl: Record<string, string> = {};
      for (const e of envs) {
        if (e === reference || same(values[e], values[reference])) continue;
        const statement = alterDdl(objects.get(reference)!, objects.get(e)!, attribute);
        if (statement) ddl[e] = statement;
      }
      differences.push({ kind: sample.kind, name: sample.name, attribute, values, ...(Object.keys(ddl).length ? { ddl } : {}) });
    }
  }
  // Stable: the attributes of one object keep their order.
  return differences.sort((a, b) => kindOrder.get(a.kind)! - kindOrder.get(b.kind)! || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Environments whose value differs from the reference's in at least one difference. */
export function environmentsDiffering(differences: readonly SchemaDifference[], reference: string): Set<string> {
  const differing = new Set<string>();
  for (const d of differences) {
    for (const [env, value] of Object.entries(d.values)) if (env !== reference && !same(value, d.values[reference])) differing.add(env);
  }
  return differing;
}
