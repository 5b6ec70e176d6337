/** No live String value of the environment names another environment's resources, hosts, account or SSM path. */
import { failWith } from '../../shared/rules/rule-module';
import { compareSsmValues } from '../compare-ssm-values';
import type { DriftCheck } from '../drift-check';
import { liveSsm } from '../shared-reads';

const check: DriftCheck<Readonly<Record<string, string>>> = {
  meta: {
    id: 'ssm-cross-environment',
    service: 'ssm',
    description:
      'No live String value names another environment’s resources, SSM path, account id or a host only that environment declares.',
    why:
      'Staging pointing at prod (a copied endpoint, a pasted account id) lets a test write production data; ' +
      'it is invisible in the code.',
    docsUrl: 'docs/drift.md',
    defaultLevel: 'block',
  },
  read: async (env, clients) => (await liveSsm(env, clients)).values,
  compare(values, { environment, environments }) {
    const name = environment.name;
    const { crossEnvironment } = compareSsmValues(environments, new Map([[name, values]]));
    return failWith(
      ...crossEnvironment.map((r) => ({
        address: `${environment.ssmPath}/${r.key}`,
        environment: name,
        found: r.live,
        message: `${r.key} in ${name} points at ${r.references} (${r.kind} \`${r.match}\`)`,
      })),
    );
  },
};

export default check;
