/** Every SSM key the code declares or another environment holds exists here, and none the code does not declare. */
import { failWith, type RuleFailure } from '../../shared/rules/rule-module';
import type { DriftCheck } from '../drift-check';
import type { LiveSsm } from '../live-state';
import { liveSsm } from '../shared-reads';

/** Byte order, as `LC_ALL=C sort` gives it (the order of the report's key lists). */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const check: DriftCheck<LiveSsm> = {
  meta: {
    id: 'ssm-keys',
    service: 'ssm',
    description:
      'Every SSM key the code declares, or another environment holds, ' +
      'exists in the environment; no key exists that the code does not declare.',
    why:
      'Applications read their settings from SSM: a key missing in one environment ' +
      'breaks it there alone (often prod first), and a key nobody declared is a setting nobody reviews.',
    docsUrl: 'docs/drift.md',
    defaultLevel: 'block',
  },
  read: (env, clients) => liveSsm(env, clients),
  compare(live, { environment, peers }) {
    const name = environment.name;
    const own = new Set(live.keys.map((k) => k.key));
    const declared = new Set(environment.declared.ssmKeys.map((k) => k.key));
    const peerKeys = [...peers].map(([peer, ssm]) => ({ peer, keys: new Set(ssm.keys.map((k) => k.key)) }));
    // The same lists as compareSsmKeys gives the report's `ssm` section, in byte order, with sets: one pass per environment.
    const wanted = new Set(declared);
    for (const { keys } of peerKeys) for (const key of keys) wanted.add(key);
    const missing = [...wanted].filter((key) => !own.has(key)).sort(byteOrder);
    const unmanaged = [...own].filter((key) => !declared.has(key)).sort(byteOrder);
    const at = (key: string) => ({ address: `${environment.ssmPath}/${key}`, environment: name });
    const failures: RuleFailure[] = [
      ...missing.map((key) => ({
        ...at(key),
        expected: 'present',
        found: 'absent',
        message: `${key} is missing from ${name} (${
          declared.has(key)
            ? 'declared in the code'
            : `present in ${peerKeys
                .filter((p) => p.keys.has(key))
                .map((p) => p.peer)
                .join(', ')}`
        })`,
      })),
      ...unmanaged.map((key) => ({
        ...at(key),
        expected: 'not present (undeclared)',
        found: 'present',
        message: `${key} exists in ${name} but the code does not declare it`,
      })),
    ];
    return failWith(...failures);
  },
};

export default check;
