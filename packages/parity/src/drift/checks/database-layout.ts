/** The RDS instance's layout and settings are the declared ones: Multi-AZ, instance class, no automatic minor upgrades. */
import { notApplicable } from '../../shared/rules/rule-module';
import { settingsResult } from '../check-results';
import type { DriftCheck } from '../drift-check';
import type { LiveDatabase } from '../live-state';
import { liveDatabase } from '../shared-reads';

const check: DriftCheck<LiveDatabase> = {
  meta: {
    id: 'database-layout',
    service: 'rds',
    description:
      'The RDS instance is Multi-AZ as its parity group declares, of the instance class its environment declares, ' +
      'and does not upgrade minor versions by itself.',
    why: 'A single-AZ staging cannot rehearse a prod failover, and an instance that upgrades itself leaves the versions the code pins.',
    docsUrl: 'docs/drift.md',
    defaultLevel: 'block',
  },
  read: (env, clients) => liveDatabase(env, clients),
  settings(db, env) {
    const declared = env.declared.database;
    const at = { service: 'rds', resource: env.resources.database } as const;
    return [
      { ...at, attribute: 'multiAz', declared: declared.multiAz, live: db.multiAz },
      { ...at, attribute: 'instanceClass', declared: declared.instanceClass, live: db.instanceClass },
      { ...at, attribute: 'autoMinorVersionUpgrade', declared: declared.autoMinorVersionUpgrade, live: db.autoMinorVersionUpgrade },
    ];
  },
  // A missing instance is the engine check's finding; its settings cannot be compared.
  compare: (db, { environment, normalize }) =>
    db.found ? settingsResult(check.settings!(db, environment), environment, normalize) : notApplicable,
};

export default check;
