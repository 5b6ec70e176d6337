/** The RDS instance runs the declared engine and version, and no pending change would move it. */
import { engineResult } from '../check-results';
import type { DriftCheck } from '../drift-check';
import type { LiveDatabase } from '../live-state';
import { liveDatabase } from '../shared-reads';

const check: DriftCheck<LiveDatabase> = {
  meta: {
    id: 'database-engine-version',
    service: 'rds',
    description:
      'The RDS instance exists and runs exactly the declared engine and version; no pending maintenance or modification would change it.',
    why: 'A database upgraded by hand (or about to be, by AWS) runs other SQL than the one every other environment tested.',
    docsUrl: 'docs/drift.md',
    defaultLevel: 'block',
  },
  read: (env, clients) => liveDatabase(env, clients),
  compare: (db, { environment }) =>
    engineResult(check.engine!.view(db, environment), check.engine!.declared(environment), environment.resources.database, environment),
  engine: {
    service: 'rds',
    resource: (env) => env.resources.database,
    declared: (env) => env.declared.database.engineVersion,
    view(db, env) {
      if (!db.found) return { shown: 'absent', matches: false, pending: [] };
      const { engine, engineVersion } = env.declared.database;
      const version = db.engineVersion ?? 'unknown';
      const shown = db.engine && db.engine !== engine ? `${db.engine} ${version}` : version;
      return { shown, matches: db.engine === engine && version === engineVersion, pending: db.pending };
    },
  },
};

export default check;
