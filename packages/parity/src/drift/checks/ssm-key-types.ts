/** Every declared SSM key has the declared type (String, SecureString) in the environment. */
import { failWith } from '../../shared/rules/rule-module';
import type { DriftCheck } from '../drift-check';
import type { LiveSsm } from '../live-state';
import { liveSsm } from '../shared-reads';

const check: DriftCheck<LiveSsm> = {
  meta: {
    id: 'ssm-key-types',
    service: 'ssm',
    description: 'Every declared SSM key has the type the code declares (a SecureString is not a String).',
    why:
      'A secret stored as a String is readable by anyone allowed to read settings, ' +
      'and a String stored as a SecureString fails readers without kms:Decrypt.',
    docsUrl: 'docs/drift.md',
    defaultLevel: 'block',
  },
  read: (env, clients) => liveSsm(env, clients),
  compare(live, { environment }) {
    const declared = new Map(environment.declared.ssmKeys.map((k) => [k.key, k.type]));
    const failures = live.keys
      .filter((k) => declared.has(k.key) && declared.get(k.key) !== k.type)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((k) => ({
        address: `${environment.ssmPath}/${k.key}`,
        environment: environment.name,
        expected: declared.get(k.key)!,
        found: k.type,
        message: `${k.key} in ${environment.name} is a ${k.type}, declared ${declared.get(k.key)}`,
      }));
    return failWith(...failures);
  },
};

export default check;
