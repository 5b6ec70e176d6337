/**
 * The environments. Each one gives only what may differ: its account and region, its parity
 * group, its network range, its scale knobs, the values of the non-secret SSM keys and the
 * endpoint of each integration. Adding an environment is one entry in this list.
 */
import type { EnvironmentConfig, ScaleKnobs } from './schema';

/** Alarm thresholds shared by the production group; staging and prod tune them separately below. */
const productionThresholds: ScaleKnobs['alarms']['thresholds'] = {
  'db-cpu': 80,
  'db-freeable-memory': 512 * 1024 * 1024,
  'db-free-storage': 20 * 1024 * 1024 * 1024,
  'db-connections': 80,
  'db-read-latency': 0.02,
  'db-write-latency': 0.02,
  'db-xid-wraparound': 1_000_000_000,
  'db-load': 8,
  'db-blocked-transactions': 1,
  'cache-engine-cpu': 80,
  'cache-memory': 85,
  'cache-evictions': 0,
  'cache-replication-lag': 5,
  'search-status-red': 1,
  'search-status-yellow': 1,
  'search-jvm-memory-pressure': 85,
  'search-free-storage': 20 * 1024,
  'search-writes-blocked': 1,
  'nat-port-allocation-errors': 0,
  'nat-packets-dropped': 100,
};

export const environments: EnvironmentConfig[] = [
  {
    name: 'dev',
    parityGroup: 'development',
    production: false,
    accountId: '111111111111',
    searchAdminRoleArn: 'arn:aws:iam::111111111111:role/platform-admin',
    readOnlyRoleArn: 'arn:aws:iam::111111111111:role/orders-dev-drift-reader',
    searchServiceLinkedRole: 'create',
    region: 'eu-west-1',
    network: { vpcCidr: '10.10.0.0/16' },
    scale: {
      database: {
        instanceClass: 'db.t4g.medium',
        allocatedStorageGb: 20,
        maxAllocatedStorageGb: 100,
        backupRetentionDays: 1,
        deletionProtection: false,
        finalSnapshot: false,
        monitoringIntervalSeconds: 60,
        logRetentionDays: 14,
      },
      cache: { nodeType: 'cache.t4g.small' },
      search: {
        instanceType: 't3.small.search',
        instanceCount: 2,
        masterInstanceType: 't3.small.search',
        volumeSizeGb: 10,
        logRetentionDays: 14,
      },
      alarms: {
        thresholds: { ...productionThresholds, 'db-cpu': 90, 'db-load': 4, 'db-free-storage': 2 * 1024 * 1024 * 1024 },
        notificationEmails: ['dev-alerts@example.com'],
      },
    },
    ssmValues: {
      LOG_LEVEL: 'debug',
      FEATURE_FLAGS_URL: 'https://flags.dev.orders.example.com',
      ORDER_EXPORT_BATCH_SIZE: '500',
      SESSION_TTL_SECONDS: '3600',
    },
    integrations: {
      payments: 'https://sandbox.payments.example.com/v2',
      'address-verification': 'https://test.addresscheck.example.net/api',
    },
  },
  {
    name: 'staging',
    parityGroup: 'production',
    production: false,
    accountId: '222222222222',
    searchAdminRoleArn: 'arn:aws:iam::222222222222:role/platform-admin',
    readOnlyRoleArn: 'arn:aws:iam::222222222222:role/orders-staging-drift-reader',
    searchServiceLinkedRole: 'create',
    region: 'eu-west-1',
    network: { vpcCidr: '10.20.0.0/16' },
    scale: {
      database: {
        instanceClass: 'db.r6g.large',
        allocatedStorageGb: 200,
        maxAllocatedStorageGb: 1000,
        backupRetentionDays: 7,
        deletionProtection: true,
        finalSnapshot: true,
        monitoringIntervalSeconds: 15,
        logRetentionDays: 30,
      },
      cache: { nodeType: 'cache.r7g.large' },
      search: {
        instanceType: 'r6g.large.search',
        instanceCount: 3,
        masterInstanceType: 'm6g.large.search',
        volumeSizeGb: 100,
        logRetentionDays: 30,
      },
      alarms: { thresholds: { ...productionThresholds }, notificationEmails: ['staging-alerts@example.com'] },
    },
    ssmValues: {
      LOG_LEVEL: 'info',
      FEATURE_FLAGS_URL: 'https://flags.staging.orders.example.com',
      ORDER_EXPORT_BATCH_SIZE: '5000',
      SESSION_TTL_SECONDS: '3600',
    },
    integrations: {
      payments: 'https://sandbox.payments.example.com/v2',
      'address-verification': 'https://test.addresscheck.example.net/api',
    },
  },
  {
    name: 'prod',
    parityGroup: 'production',
    production: true,
    accountId: '333333333333',
    searchAdminRoleArn: 'arn:aws:iam::333333333333:role/platform-admin',
    readOnlyRoleArn: 'arn:aws:iam::333333333333:role/orders-prod-drift-reader',
    searchServiceLinkedRole: 'create',
    region: 'eu-west-1',
    network: { vpcCidr: '10.30.0.0/16' },
    scale: {
      database: {
        instanceClass: 'db.r6g.2xlarge',
        allocatedStorageGb: 1000,
        maxAllocatedStorageGb: 4000,
        backupRetentionDays: 30,
        deletionProtection: true,
        finalSnapshot: true,
        monitoringIntervalSeconds: 15,
        logRetentionDays: 365,
      },
      cache: { nodeType: 'cache.r7g.xlarge' },
      search: {
        instanceType: 'r6g.xlarge.search',
        instanceCount: 6,
        masterInstanceType: 'm6g.large.search',
        volumeSizeGb: 500,
        logRetentionDays: 90,
      },
      alarms: { thresholds: { ...productionThresholds, 'db-load': 16 }, notificationEmails: ['oncall@example.com'] },
    },
    ssmValues: {
      LOG_LEVEL: 'info',
      FEATURE_FLAGS_URL: 'https://flags.orders.example.com',
      ORDER_EXPORT_BATCH_SIZE: '5000',
      SESSION_TTL_SECONDS: '3600',
    },
    integrations: { payments: 'https://api.payments.example.com/v2', 'address-verification': 'https://api.addresscheck.example.net/api' },
  },
];

/** Where Terraform state lives: one S3 bucket, one key per environment, encrypted, locked by S3's native lock file. */
export const backend = {
  bucket: 'orders-terraform-state',
  region: 'eu-west-1',
  keyPrefix: 'env-parity',
};

/** The CI role that assumes each environment's read-only drift role (stacks include that role). */
export const automation = {
  ciRoleArn: 'arn:aws:iam::999999999999:role/env-parity-ci',
};
