/**
 * The RDS instance keeps automated backups for the days its environment declares
 * (`backupRetentionDays`, RDS `BackupRetentionPeriod`): read from the same DescribeDBInstances
 * answer as the other database checks, so it adds no AWS request.
 */
import { notApplicable } from '../../shared/rules/rule-module';
import { settingsResult } from '../check-results';
import type { DriftCheck } from '../drift-check';
import { dbInstance } from '../shared-reads';

interface LiveRetention {
  readonly found: boolean;
  /** Days; undefined when AWS did not return it. */
  readonly days?: number;
}

const check: DriftCheck<LiveRetention> = {
  meta: {
    id: 'database-backup-retention',
    service: 'rds',
    description: 'The RDS instance keeps automated backups for as many days as its environment declares (0 turns backups off).',
    why: 'Backup retention set by hand (often to 0 or 1 to save cost) leaves no point-in-time restore for the days the code promises.',
    docsUrl: 'docs/drift.md',
    defaultLevel: 'block',
  },
  async read(env, clients) {
    const instance = await dbInstance(env, clients);
    if (!instance) return { found: false };
    return { found: true, ...(instance.BackupRetentionPeriod !== undefined ? { days: instance.BackupRetentionPeriod } : {}) };
  },
  settings: (live, env) => [
    {
      service: 'rds',
      resource: env.resources.database,
      attribute: 'backupRetentionDays',
      declared: env.declared.database.backupRetentionDays,
      live: live.days,
    },
  ],
  compare: (live, { environment, normalize }) =>
    live.found ? settingsResult(check.settings!(live, environment), environment, normalize) : notApplicable,
};

export default check;
