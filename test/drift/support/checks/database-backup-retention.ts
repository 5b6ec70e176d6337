/** The fake's answer for `database-backup-retention`: every instance keeps backups as its environment declares. */
import type { FakeWorldExtension } from '../fake-aws-world';

const extend: FakeWorldExtension = (account, _config, env) => {
  for (const database of account.databases) database.extra.BackupRetentionPeriod = env.scale.database.backupRetentionDays;
};

export default extend;
