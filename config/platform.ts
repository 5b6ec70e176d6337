/**
 * Platform invariants: declared once, identical in every environment, dev included.
 *
 * Nothing here can be set per environment: `config/environments.ts` has no field for it, and the
 * schema rejects it as an unknown key. To change an invariant, change it here; every environment
 * moves together and the parity tests prove it.
 */
import type { PlatformInvariants } from './schema';

export const platform: PlatformInvariants = {
  app: 'orders',
  database: {
    engine: 'postgres',
    // Exact version, and no automatic minor upgrades: AWS must never move one environment ahead.
    engineVersion: '16.8',
    autoMinorVersionUpgrade: false,
    parameterGroupFamily: 'postgres16',
    parameters: {
      shared_preload_libraries: { value: 'pg_stat_statements', applyMethod: 'pending-reboot' },
      'pg_stat_statements.track': { value: 'all', applyMethod: 'immediate' },
      log_lock_waits: { value: '1', applyMethod: 'immediate' },
      deadlock_timeout: { value: '1000', applyMethod: 'immediate' },
      idle_in_transaction_session_timeout: { value: '60000', applyMethod: 'immediate' },
      statement_timeout: { value: '0', applyMethod: 'immediate' },
      lock_timeout: { value: '0', applyMethod: 'immediate' },
      log_min_duration_statement: { value: '1000', applyMethod: 'immediate' },
      log_autovacuum_min_duration: { value: '10000', applyMethod: 'immediate' },
      max_connections: { value: '400', applyMethod: 'pending-reboot' },
      'rds.force_ssl': { value: '1', applyMethod: 'immediate' },
    },
    port: 5432,
    databaseName: 'orders',
    masterUsername: 'orders_admin',
    storageType: 'gp3',
    logExports: ['postgresql', 'upgrade'],
    performanceInsightsRetentionDays: 7,
    caCertIdentifier: 'rds-ca-rsa2048-g1',
  },
  cache: {
    engine: 'valkey',
    engineVersion: '7.2',
    parameterGroupFamily: 'valkey7',
    parameters: {
      'maxmemory-policy': 'volatile-lru',
      timeout: '300',
      'notify-keyspace-events': '',
    },
    port: 6379,
  },
  search: {
    engineVersion: 'OpenSearch_2.17',
    tlsSecurityPolicy: 'Policy-Min-TLS-1-2-PFS-2023-10',
    volumeType: 'gp3',
  },
  encryption: {
    databaseStorage: true,
    cacheAtRest: true,
    cacheInTransit: true,
    searchAtRest: true,
    searchNodeToNode: true,
    searchEnforceHttps: true,
    stateBucket: true,
  },
  ssmCatalog: [
    { key: 'LOG_LEVEL', type: 'String', description: 'Application log level.' },
    { key: 'FEATURE_FLAGS_URL', type: 'String', description: 'Where the application reads its feature flags.' },
    { key: 'ORDER_EXPORT_BATCH_SIZE', type: 'String', description: 'Rows per batch of the nightly order export.' },
    { key: 'SESSION_TTL_SECONDS', type: 'String', description: 'Lifetime of a user session in the cache.' },
    { key: 'PAYMENTS_API_KEY', type: 'SecureString', description: 'Secret key for the payments provider API.' },
    { key: 'ADDRESS_VERIFICATION_API_KEY', type: 'SecureString', description: 'Secret key for the address verification API.' },
    { key: 'SESSION_SIGNING_SECRET', type: 'SecureString', description: 'HMAC secret that signs session cookies.' },
  ],
  alarms: [
    { id: 'db-cpu', service: 'database', description: 'Database CPU utilization is high.', source: { kind: 'cloudwatch', namespace: 'AWS/RDS', metricName: 'CPUUtilization' }, statistic: 'Average', comparison: 'GreaterThanThreshold', periodSeconds: 300, evaluationPeriods: 3, treatMissingData: 'missing' },
    { id: 'db-freeable-memory', service: 'database', description: 'Database freeable memory is low.', source: { kind: 'cloudwatch', namespace: 'AWS/RDS', metricName: 'FreeableMemory' }, statistic: 'Average', comparison: 'LessThanThreshold', periodSeconds: 300, evaluationPeriods: 3, treatMissingData: 'missing' },
    { id: 'db-free-storage', service: 'database', description: 'Database free storage space is low.', source: { kind: 'cloudwatch', namespace: 'AWS/RDS', metricName: 'FreeStorageSpace' }, statistic: 'Minimum', comparison: 'LessThanThreshold', periodSeconds: 300, evaluationPeriods: 1, treatMissingData: 'missing' },
    { id: 'db-connections', service: 'database', description: 'Database connections are close to max_connections: the connection pools are about to be exhausted.', source: { kind: 'cloudwatch', namespace: 'AWS/RDS', metricName: 'DatabaseConnections' }, statistic: 'Maximum', comparison: 'GreaterThanThreshold', periodSeconds: 60, evaluationPeriods: 5, treatMissingData: 'missing' },
    { id: 'db-read-latency', service: 'database', description: 'Database read latency is high.', source: { kind: 'cloudwatch', namespace: 'AWS/RDS', metricName: 'ReadLatency' }, statistic: 'Average', comparison: 'GreaterThanThreshold', periodSeconds: 60, evaluationPeriods: 5, treatMissingData: 'missing' },
    { id: 'db-write-latency', service: 'database', description: 'Database write latency is high.', source: { kind: 'cloudwatch', namespace: 'AWS/RDS', metricName: 'WriteLatency' }, statistic: 'Average', comparison: 'GreaterThanThreshold', periodSeconds: 60, evaluationPeriods: 5, treatMissingData: 'missing' },
    { id: 'db-xid-wraparound', service: 'database', description: 'Transaction IDs used are approaching wraparound: vacuum is falling behind.', source: { kind: 'cloudwatch', namespace: 'AWS/RDS', metricName: 'MaximumUsedTransactionIDs' }, statistic: 'Maximum', comparison: 'GreaterThanThreshold', periodSeconds: 300, evaluationPeriods: 1, treatMissingData: 'missing' },
    { id: 'db-load', service: 'database', description: 'Database load (average active sessions) is high.', source: { kind: 'cloudwatch', namespace: 'AWS/RDS', metricName: 'DBLoad' }, statistic: 'Average', comparison: 'GreaterThanThreshold', periodSeconds: 300, evaluationPeriods: 3, treatMissingData: 'notBreaching' },
    { id: 'db-blocked-transactions', service: 'database', description: 'Transactions are blocked waiting for locks (Performance Insights counter db.Transactions.blocked_transactions).', source: { kind: 'performance-insights', counter: 'db.Transactions.blocked_transactions.avg' }, statistic: 'Average', comparison: 'GreaterThanThreshold', periodSeconds: 60, evaluationPeriods: 3, treatMissingData: 'notBreaching' },
    { id: 'cache-engine-cpu', service: 'cache', description: 'Cache engine CPU utilization is high.', source: { kind: 'cloudwatch', namespace: 'AWS/ElastiCache', metricName: 'EngineCPUUtilization' }, statistic: 'Average', comparison: 'GreaterThanThreshold', periodSeconds: 300, evaluationPeriods: 3, treatMissingData: 'missing' },
    { id: 'cache-memory', service: 'cache', description: 'Cache memory usage is high.', source: { kind: 'cloudwatch', namespace: 'AWS/ElastiCache', metricName: 'DatabaseMemoryUsagePercentage' }, statistic: 'Average', comparison: 'GreaterThanThreshold', periodSeconds: 300, evaluationPeriods: 3, treatMissingData: 'missing' },
    { id: 'cache-evictions', service: 'cache', description: 'The cache is evicting keys.', source: { kind: 'cloudwatch', namespace: 'AWS/ElastiCache', metricName: 'Evictions' }, statistic: 'Sum', comparison: 'GreaterThanThreshold', periodSeconds: 300, evaluationPeriods: 1, treatMissingData: 'notBreaching' },
    { id: 'cache-replication-lag', service: 'cache', description: 'Cache replicas lag behind their primary.', source: { kind: 'cloudwatch', namespace: 'AWS/ElastiCache', metricName: 'ReplicationLag' }, statistic: 'Maximum', comparison: 'GreaterThanThreshold', periodSeconds: 60, evaluationPeriods: 5, treatMissingData: 'notBreaching' },
    { id: 'search-status-red', service: 'search', description: 'At least one primary shard is unassigned (cluster status red).', source: { kind: 'cloudwatch', namespace: 'AWS/ES', metricName: 'ClusterStatus.red' }, statistic: 'Maximum', comparison: 'GreaterThanOrEqualToThreshold', periodSeconds: 60, evaluationPeriods: 1, treatMissingData: 'missing' },
    { id: 'search-status-yellow', service: 'search', description: 'At least one replica shard is unassigned (cluster status yellow).', source: { kind: 'cloudwatch', namespace: 'AWS/ES', metricName: 'ClusterStatus.yellow' }, statistic: 'Maximum', comparison: 'GreaterThanOrEqualToThreshold', periodSeconds: 60, evaluationPeriods: 5, treatMissingData: 'missing' },
    { id: 'search-jvm-memory-pressure', service: 'search', description: 'Search data node JVM memory pressure is high.', source: { kind: 'cloudwatch', namespace: 'AWS/ES', metricName: 'JVMMemoryPressure' }, statistic: 'Maximum', comparison: 'GreaterThanThreshold', periodSeconds: 300, evaluationPeriods: 3, treatMissingData: 'missing' },
    { id: 'search-free-storage', service: 'search', description: 'Search free storage space is low (MiB).', source: { kind: 'cloudwatch', namespace: 'AWS/ES', metricName: 'FreeStorageSpace' }, statistic: 'Minimum', comparison: 'LessThanThreshold', periodSeconds: 60, evaluationPeriods: 1, treatMissingData: 'missing' },
    { id: 'nat-port-allocation-errors', service: 'network', description: 'A NAT gateway could not allocate a source port: connections to the integrations fail.', source: { kind: 'cloudwatch', namespace: 'AWS/NATGateway', metricName: 'ErrorPortAllocation' }, statistic: 'Sum', comparison: 'GreaterThanThreshold', periodSeconds: 60, evaluationPeriods: 1, treatMissingData: 'notBreaching' },
    { id: 'nat-packets-dropped', service: 'network', description: 'NAT gateways are dropping packets.', source: { kind: 'cloudwatch', namespace: 'AWS/NATGateway', metricName: 'PacketsDropCount' }, statistic: 'Sum', comparison: 'GreaterThanThreshold', periodSeconds: 300, evaluationPeriods: 2, treatMissingData: 'notBreaching' },
    { id: 'search-writes-blocked', service: 'search', description: 'The search cluster is blocking writes.', source: { kind: 'cloudwatch', namespace: 'AWS/ES', metricName: 'ClusterIndexWritesBlocked' }, statistic: 'Maximum', comparison: 'GreaterThanOrEqualToThreshold', periodSeconds: 300, evaluationPeriods: 1, treatMissingData: 'missing' },
  ],
  integrations: [
    {
      name: 'payments',
      description: 'Card payments provider.',
      sandboxEndpoint: 'https://sandbox.payments.example.com/v2',
      liveEndpoint: 'https://api.payments.example.com/v2',
    },
    {
      name: 'address-verification',
      description: 'Postal address verification service.',
      sandboxEndpoint: 'https://test.addresscheck.example.net/api',
      liveEndpoint: 'https://api.addresscheck.example.net/api',
    },
  ],
};
