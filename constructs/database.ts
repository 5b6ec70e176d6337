/**
 * The environment's PostgreSQL: an RDS instance with its parameter group and subnet group. Storage
 * is encrypted with the environment's key, the master password is generated and kept by RDS in
 * Secrets Manager (`manage_master_user_password`), never in code or in state.
 */
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { scale, topology, type KnobDeclarations } from './knobs';
import { addPropValidation, type PropRule } from './validation';

/** A PostgreSQL parameter and when it takes effect. */
export interface DbParameter {
  readonly value: string;
  /** `pending-reboot` for static parameters (`shared_preload_libraries`, `max_connections`). */
  readonly applyMethod: 'immediate' | 'pending-reboot';
}

export interface DatabaseProps {
  /** Base name of the environment's resources; the instance identifier (`orders-prod`). */
  readonly name: string;
  /** Exact PostgreSQL `major.minor` version (`16.8`): minor upgrades are never automatic, so every environment runs the same one. */
  readonly engineVersion: string;
  /**
   * Parameter group family.
   * @default `postgres{major}` of `engineVersion`, the only family RDS accepts for it
   */
  readonly parameterGroupFamily?: string;
  /**
   * Parameters of the instance's parameter group.
   * @default {} (RDS defaults for the family)
   */
  readonly parameters?: Readonly<Record<string, DbParameter>>;
  /**
   * TCP port.
   * @default 5432, PostgreSQL's port
   */
  readonly port?: number;
  /** The application database created with the instance. */
  readonly databaseName: string;
  /** The master user; RDS generates its password and keeps it in Secrets Manager. */
  readonly masterUsername: string;
  /**
   * Storage type.
   * @default 'gp3': a 3,000 IOPS baseline at any size, cheaper than gp2
   */
  readonly storageType?: 'gp3' | 'io1' | 'io2';
  /**
   * Logs exported to CloudWatch Logs.
   * @default ['postgresql', 'upgrade']: the server log (lock waits, slow statements) and upgrade log
   */
  readonly logExports?: readonly ('postgresql' | 'upgrade' | 'iam-db-auth-error')[];
  /**
   * Performance Insights retention, in days.
   * @default 7: the free tier
   */
  readonly performanceInsightsRetentionDays?: number;
  /**
   * Server certificate authority.
   * @default 'rds-ca-rsa2048-g1': RSA 2048, what every PostgreSQL client accepts
   */
  readonly caCertIdentifier?: string;
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
  /** Whether deleting the instance first takes a final snapshot (`{name}-final`). */
  readonly finalSnapshot: boolean;
  /** Whether a standby runs in a second zone. */
  readonly multiAz: boolean;
  /** Private subnets, one per zone (at least two: RDS subnet groups need two zones). */
  readonly subnetIds: readonly string[];
  /** The database's security group. */
  readonly securityGroupId: string;
  /** KMS key ARN for storage, Performance Insights and the master secret. */
  readonly kmsKeyArn: string;
  /** The account the instance runs in: the monitoring role trusts RDS on behalf of this account only. */
  readonly accountId: string;
  /**
   * Seconds between enhanced monitoring samples (OS metrics: per-process CPU, memory, I/O), sent to
   * CloudWatch Logs `RDSOSMetrics` by a role RDS assumes. Never off: an incident needs them.
   * @default 60: the cheapest interval that still shows a minute-long stall
   */
  readonly monitoringIntervalSeconds?: 1 | 5 | 10 | 15 | 30 | 60;
  /**
   * Days CloudWatch Logs keeps the exported logs. The log groups RDS would create on its own are
   * unencrypted and never expire; these are made first, encrypted with `kmsKeyArn`.
   * @default 30
   */
  readonly logRetentionDays?: number;
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

/** The props that may differ between environments, and what they set. */
export const databaseKnobs = {
  instanceClass: scale('aws_db_instance.*.instance_class'),
  allocatedStorageGb: scale('aws_db_instance.*.allocated_storage'),
  maxAllocatedStorageGb: scale('aws_db_instance.*.max_allocated_storage'),
  backupRetentionDays: scale('aws_db_instance.*.backup_retention_period'),
  deletionProtection: scale('aws_db_instance.*.deletion_protection'),
  finalSnapshot: scale('aws_db_instance.*.skip_final_snapshot', 'aws_db_instance.*.final_snapshot_identifier'),
  multiAz: topology('aws_db_instance.*.multi_az'),
  subnetIds: topology('aws_db_subnet_group.*.subnet_ids'),
  monitoringIntervalSeconds: scale('aws_db_instance.*.monitoring_interval'),
  logRetentionDays: scale('aws_cloudwatch_log_group.*.retention_in_days'),
} satisfies KnobDeclarations<DatabaseProps>;

// Only what the construct adds: the config already checks versions and the storage ceiling.
const rules: readonly PropRule<DatabaseProps>[] = [
  {
    prop: 'subnetIds',
    check: (p) => (p.subnetIds.length >= 2 ? undefined : `must name subnets in at least two zones, got ${p.subnetIds.length}`),
  },
];

export class Database extends Construct {
  /** `host:port` clients connect to. */
  readonly endpoint: string;
  /** The instance identifier (CloudWatch dimension `DBInstanceIdentifier`). */
  readonly identifier: string;
  /** The RDS resource id (`db-ABC...`): Performance Insights metrics and `rds-db:connect` ARNs. */
  readonly resourceId: string;
  /** ARN of the Secrets Manager secret RDS keeps the master password in. */
  readonly masterUserSecretArn: string;
  private readonly instance: DbInstance;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    addPropValidation(this, rules, props);
    const backupWindow = props.backupWindow ?? '02:00-03:00';
    const maintenanceWindow = props.maintenanceWindow ?? 'sun:04:00-sun:05:00';
    const family = props.parameterGroupFamily ?? `postgres${props.engineVersion.split('.')[0]}`;

    const subnetGroup = new DbSubnetGroup(this, 'subnets', {
      name: props.name,
      description: `${props.name}: private subnets`,
      subnetIds: [...props.subnetIds],
    });
    // A prefix, not a name, and created before the old one is destroyed: a family change
    // (postgres15 → postgres16) creates the new group, moves the instance, then drops the old.
    const parameterGroup = new DbParameterGroup(this, 'parameters', {
      namePrefix: `${props.name}-${family}-`,
      family,
      description: `${props.name}: platform parameters`,
      parameter: Object.entries(props.parameters ?? {}).map(([name, p]) => ({ name, value: p.value, applyMethod: p.applyMethod })),
      lifecycle: { createBeforeDestroy: true },
    });
    // Enhanced monitoring: RDS assumes this role to publish OS metrics; AWS's managed policy allows
    // writing to the `RDSOSMetrics` log group only.
    const monitoring = new IamRole(this, 'monitoring', {
      name: `${props.name}-rds-monitoring`,
      description: `${props.name}: RDS enhanced monitoring publishes OS metrics`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'monitoring.rds.amazonaws.com' },
            Action: 'sts:AssumeRole',
            Condition: { StringEquals: { 'aws:SourceAccount': props.accountId } },
          },
        ],
      }),
    });
    new IamRolePolicyAttachment(this, 'monitoring-policy', {
      role: monitoring.name,
      policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole',
    });
    const logExports = props.logExports ?? ['postgresql', 'upgrade'];
    const logGroups = logExports.map(
      (log) =>
        new CloudwatchLogGroup(this, `${log}-log`, {
          name: `/aws/rds/instance/${props.name}/${log}`,
          retentionInDays: props.logRetentionDays ?? 30,
          kmsKeyId: props.kmsKeyArn,
        }),
    );
    this.instance = new DbInstance(this, 'instance', {
      identifier: props.name,
      engine: 'postgres',
      engineVersion: props.engineVersion,
      // Never automatic: AWS must not move one environment ahead of another.
      autoMinorVersionUpgrade: false,
      allowMajorVersionUpgrade: false,
      instanceClass: props.instanceClass,
      allocatedStorage: props.allocatedStorageGb,
      maxAllocatedStorage: props.maxAllocatedStorageGb,
      storageType: props.storageType ?? 'gp3',
      storageEncrypted: true,
      kmsKeyId: props.kmsKeyArn,
      dbName: props.databaseName,
      username: props.masterUsername,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: props.kmsKeyArn,
      port: props.port ?? 5432,
      multiAz: props.multiAz,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [props.securityGroupId],
      parameterGroupName: parameterGroup.name,
      publiclyAccessible: false,
      iamDatabaseAuthenticationEnabled: true,
      caCertIdentifier: props.caCertIdentifier ?? 'rds-ca-rsa2048-g1',
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: props.kmsKeyArn,
      performanceInsightsRetentionPeriod: props.performanceInsightsRetentionDays ?? 7,
      monitoringInterval: props.monitoringIntervalSeconds ?? 60,
      monitoringRoleArn: monitoring.arn,
      enabledCloudwatchLogsExports: [...logExports],
      backupRetentionPeriod: props.backupRetentionDays,
      backupWindow,
      maintenanceWindow,
      copyTagsToSnapshot: true,
      deletionProtection: props.deletionProtection,
      skipFinalSnapshot: !props.finalSnapshot,
      finalSnapshotIdentifier: props.finalSnapshot ? `${props.name}-final` : undefined,
      applyImmediately: false,
      dependsOn: logGroups,
    });
    this.node.defaultChild = this.instance;
    this.endpoint = this.instance.endpoint;
    this.identifier = this.instance.identifier;
    this.resourceId = this.instance.resourceId;
    this.masterUserSecretArn = this.instance.masterUserSecret.get(0).secretArn;
  }
}
