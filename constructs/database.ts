/**
 * The environment's PostgreSQL: an RDS instance with its parameter group and subnet group. Storage
 * is encrypted with the environment's key, the master password is generated and kept by RDS in
 * Secrets Manager (`manage_master_user_password`), never in code or in state.
 */
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { Construct } from 'constructs';
import type { PlatformInvariants } from '../config/schema';
import { addPropValidation, type PropRule } from './validation';

export interface DatabaseProps {
  /** Base name of the environment's resources; the instance identifier (`orders-prod`). */
  readonly name: string;
  /** The platform's database invariants: engine, exact version, parameters, log exports... */
  readonly platform: PlatformInvariants['database'];
  /** RDS instance class (`db.r6g.large`). */
  readonly instanceClass: string;
  /** Storage at creation, in GiB. */
  readonly allocatedStorageGb: number;
  /** Storage autoscaling ceiling, in GiB. */
  readonly maxAllocatedStorageGb: number;
  /** Days of automated backups. */
  readonly backupRetentionDays: number;
  /** Whether RDS refuses to delete the instance. */
  readonly deletionProtection: boolean;
  /** Whether deleting the instance first takes a final snapshot. */
  readonly finalSnapshot: boolean;
  /** Whether a standby runs in a second zone. */
  readonly multiAz: boolean;
  /** Private subnets, one per zone. */
  readonly subnetIds: string[];
  /** The database's security group. */
  readonly securityGroupId: string;
  /** KMS key ARN for storage, Performance Insights and the master secret. */
  readonly kmsKeyArn: string;
  /**
   * Preferred backup window (UTC).
   * @default '02:00-03:00'
   */
  readonly backupWindow?: string;
  /**
   * Preferred maintenance window (UTC).
   * @default 'sun:04:00-sun:05:00'
   */
  readonly maintenanceWindow?: string;
}

const rules: readonly PropRule<DatabaseProps>[] = [
  { prop: 'platform.autoMinorVersionUpgrade', check: (p) => (p.platform.autoMinorVersionUpgrade === false ? undefined : 'must be false: AWS must not move one environment ahead of another') },
  { prop: 'platform.engineVersion', check: (p) => (/^\d+\.\d+$/.test(p.platform.engineVersion) ? undefined : `must be an exact \`major.minor\` version, got \`${p.platform.engineVersion}\``) },
  { prop: 'maxAllocatedStorageGb', check: (p) => (p.maxAllocatedStorageGb >= p.allocatedStorageGb ? undefined : `must be at least \`allocatedStorageGb\` (${p.allocatedStorageGb}), got ${p.maxAllocatedStorageGb}`) },
  { prop: 'subnetIds', check: (p) => (p.subnetIds.length >= 2 ? undefined : `must name subnets in at least two zones, got ${p.subnetIds.length}`) },
];

export class Database extends Construct {
  readonly instance: DbInstance;
  readonly parameterGroup: DbParameterGroup;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    addPropValidation(this, rules, props);
    const backupWindow = props.backupWindow ?? '02:00-03:00';
    const maintenanceWindow = props.maintenanceWindow ?? 'sun:04:00-sun:05:00';
    const db = props.platform;

    const subnetGroup = new DbSubnetGroup(this, 'subnets', {
      name: props.name,
      description: `${props.name}: private subnets`,
      subnetIds: props.subnetIds,
    });
    // A prefix, not a name, and created before the old one is destroyed: a family change
    // (postgres15 → postgres16) creates the new group, moves the instance, then drops the old.
    this.parameterGroup = new DbParameterGroup(this, 'parameters', {
      namePrefix: `${props.name}-${db.parameterGroupFamily}-`,
      family: db.parameterGroupFamily,
      description: `${props.name}: platform parameters`,
      parameter: Object.entries(db.parameters).map(([name, p]) => ({ name, value: p.value, applyMethod: p.applyMethod })),
      lifecycle: { createBeforeDestroy: true },
    });
    this.instance = new DbInstance(this, 'instance', {
      identifier: props.name,
      engine: db.engine,
      engineVersion: db.engineVersion,
      autoMinorVersionUpgrade: db.autoMinorVersionUpgrade,
      allowMajorVersionUpgrade: false,
      instanceClass: props.instanceClass,
      allocatedStorage: props.allocatedStorageGb,
      maxAllocatedStorage: props.maxAllocatedStorageGb,
      storageType: db.storageType,
      storageEncrypted: true,
      kmsKeyId: props.kmsKeyArn,
      dbName: db.databaseName,
      username: db.masterUsername,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.kmsKeyArn,
      port: db.port,
      multiAz: props.multiAz,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [props.securityGroupId],
      parameterGroupName: this.parameterGroup.name,
      publiclyAccessible: false,
      iamDatabaseAuthenticationEnabled: true,
      caCertIdentifier: db.caCertIdentifier,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: props.kmsKeyArn,
      performanceInsightsRetentionPeriod: db.performanceInsightsRetentionDays,
      enabledCloudwatchLogsExports: [...db.logExports],
      backupRetentionPeriod: props.backupRetentionDays,
      backupWindow,
      maintenanceWindow,
      copyTagsToSnapshot: true,
      deletionProtection: props.deletionProtection,
      skipFinalSnapshot: !props.finalSnapshot,
      finalSnapshotIdentifier: props.finalSnapshot ? `${props.name}-final` : undefined,
      applyImmediately: false,
    });
    this.node.defaultChild = this.instance;
  }
}
