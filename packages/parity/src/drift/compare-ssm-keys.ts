/**
 * Compares the SSM keys of the readable environments with each other and with the keys the code
 * declares: what `comm -3 <(sort staging) <(sort prod)` gives, plus unmanaged keys and types.
 */
import type { DeclaredKey } from './drift-environment';
import type { SsmDrift, TypeMismatch } from './drift-report';
import type { LiveSsmKey } from './live-state';

/** Byte order, as `LC_ALL=C sort` gives it, so lists diff cleanly against shell output. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `live` holds only environments that could be read: an unreadable one is unknown, not empty. */
export function compareSsmKeys(
  live: ReadonlyMap<string, readonly LiveSsmKey[]>,
  declared: readonly DeclaredKey[],
): Omit<SsmDrift, 'valueMismatch' | 'crossEnvironment'> {
  const declaredTypes = new Map(declared.map((d) => [d.key, d.type as string]));
  const typesByEnv = new Map<string, Map<string, string>>();
  const everyKey = new Set(declaredTypes.keys());
  for (const [env, keys] of live) {
    const types = new Map<string, string>();
    for (const { key, type } of keys) {
      types.set(key, type);
      everyKey.add(key);
    }
    typesByEnv.set(env, types);
  }
  const sortedKeys = [...everyKey].sort(byteOrder);
  const missingIn: Record<string, string[]> = {};
  const unmanaged: Record<string, string[]> = {};
  for (const [env, types] of typesByEnv) {
    missingIn[env] = sortedKeys.filter((key) => !types.has(key));
    unmanaged[env] = [...types.keys()].filter((key) => !declaredTypes.has(key)).sort(byteOrder);
  }
  const typeMismatch: TypeMismatch[] = [];
  for (const key of sortedKeys) {
    const liveTypes: Record<string, string> = {};
    for (const [env, types] of typesByEnv) {
      const type = types.get(key);
      if (type !== undefined) liveTypes[env] = type;
    }
    const declaredType = declaredTypes.get(key);
    const distinct = new Set(Object.values(liveTypes));
    if (declaredType !== undefined && distinct.size > 0) distinct.add(declaredType);
    if (distinct.size > 1) typeMismatch.push({ key, ...(declaredType !== undefined ? { declared: declaredType } : {}), live: liveTypes });
  }
  return { missingIn, unmanaged, typeMismatch };
}
