/**
 * The configuration model, as zod schemas. Three layers, each with its own schema, so that a
 * field written in the wrong layer is an unknown key and is rejected:
 *
 * 1. platform invariants (config/platform.ts): identical in every environment;
 * 2. topology (config/topology.ts): identical within a parity group;
 * 3. scale knobs and per-environment values (config/environments.ts): free per environment.
 *
 * Every object is `.strict()`: unknown keys are errors, never ignored.
 */
import { z } from 'zod';

const nonEmpty = z.string().min(1);

/** The retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const logRetentionDays = () =>
  z
    .number()
    .refine(
      (d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d),
      `one of the retentions CloudWatch Logs accepts (${LOG_RETENTION_DAYS.join(', ')})`,
    );

/** An SSM key: upper snake case, as applications read it from the environment. */
export const ssmKeyName = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'upper snake case, e.g. `FEATURE_FLAGS_URL`');

export const dbParameterSchema = z
  .object({
    value: nonEmpty,
    applyMethod: z.enum(['immediate', 'pending-reboot']),
  })
  .strict();

export const alarmSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    service: z.enum(['database', 'cache', 'search', 'network']),
    description: nonEmpty,
    /** Where the metric comes from: a CloudWatch metric, or a Performance Insights counter read with `DB_PERF_INSIGHTS`. */
    source: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('cloudwatch'), namespace: nonEmpty, metricName: nonEmpty }).strict(),
      z
        .object({ kind: z.literal('performance-insights'), counter: z.string().regex(/^db\.[A-Za-z]+\.[a-z_]+\.(avg|max|min|sum)$/) })
        .strict(),
    ]),
    statistic: z.enum(['Average', 'Maximum', 'Minimum', 'Sum', 'SampleCount']),
    comparison: z.enum(['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold']),
    periodSeconds: z.number().int().positive(),
    evaluationPeriods: z.number().int().positive(),
    treatMissingData: z.enum(['missing', 'ignore', 'breaching', 'notBreaching']),
  })
  .strict();

export const integrationSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/),
    description: nonEmpty,
    sandboxEndpoint: z.url(),
    liveEndpoint: z.url(),
  })
  .strict();

export const platformSchema = z
  .object({
    app: z.string().regex(/^[a-z][a-z0-9-]{1,20}$/),
    database: z
      .object({
        engine: z.literal('postgres'),
        engineVersion: z.string().regex(/^\d+\.\d+$/, 'an exact `major.minor` version such as `16.8`'),
        autoMinorVersionUpgrade: z.literal(false),
        parameterGroupFamily: z.string().regex(/^postgres\d+$/),
        parameters: z.record(z.string(), dbParameterSchema),
        port: z.number().int(),
        databaseName: z.string().regex(/^[a-z][a-z0-9_]*$/),
        masterUsername: z.string().regex(/^[a-z][a-z0-9_]*$/),
        storageType: z.enum(['gp3', 'io1', 'io2']),
        logExports: z.array(z.enum(['postgresql', 'upgrade', 'iam-db-auth-error'])).min(1),
        performanceInsightsRetentionDays: z.number().int(),
        caCertIdentifier: nonEmpty,
      })
      .strict(),
    cache: z
      .object({
        engine: z.enum(['redis', 'valkey']),
        engineVersion: z.string().regex(/^\d+\.\d+$/),
        parameterGroupFamily: nonEmpty,
        parameters: z.record(z.string(), z.string()),
        port: z.number().int(),
      })
      .strict(),
    search: z
      .object({
        engineVersion: z.string().regex(/^OpenSearch_\d+\.\d+$/),
        tlsSecurityPolicy: z.enum(['Policy-Min-TLS-1-2-2019-07', 'Policy-Min-TLS-1-2-PFS-2023-10']),
        volumeType: z.enum(['gp3', 'gp2']),
        masterUserArnSsmKey: ssmKeyName.optional(),
      })
      .strict(),
    encryption: z
      .object({
        databaseStorage: z.literal(true),
        cacheAtRest: z.literal(true),
        cacheInTransit: z.literal(true),
        searchAtRest: z.literal(true),
        searchNodeToNode: z.literal(true),
        searchEnforceHttps: z.literal(true),
        stateBucket: z.literal(true),
      })
      .strict(),
    ssmCatalog: z
      .array(
        z
          .object({
            key: ssmKeyName,
            type: z.enum(['String', 'SecureString']),
            description: nonEmpty,
          })
          .strict(),
      )
      .min(1),
    alarms: z.array(alarmSchema).min(1),
    integrations: z.array(integrationSchema),
  })
  .strict();

export const topologySchema = z
  .object({
    availabilityZones: z.number().int().min(1).max(6),
    /** NAT gateways: one per zone (a zone outage costs that zone's egress only), or one for every zone. */
    network: z.object({ natGateways: z.enum(['per-zone', 'single']) }).strict(),
    database: z.object({ multiAz: z.boolean() }).strict(),
    cache: z
      .object({
        shards: z.number().int().min(1),
        replicasPerShard: z.number().int().min(0).max(5),
        automaticFailover: z.boolean(),
      })
      .strict(),
    search: z
      .object({
        dedicatedMasters: z.union([z.literal(0), z.literal(3), z.literal(5)]),
        zoneAwareness: z.boolean(),
      })
      .strict(),
  })
  .strict();

/** The scale knobs: the only things that may differ between environments of one parity group. */
export const scaleSchema = z
  .object({
    database: z
      .object({
        instanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/),
        allocatedStorageGb: z.number().int().min(20),
        maxAllocatedStorageGb: z.number().int().min(20),
        backupRetentionDays: z.number().int().min(0).max(35),
        deletionProtection: z.boolean(),
        finalSnapshot: z.boolean(),
        /** Seconds between RDS enhanced monitoring samples. */
        monitoringIntervalSeconds: z.union([z.literal(1), z.literal(5), z.literal(10), z.literal(15), z.literal(30), z.literal(60)]),
        /** Days CloudWatch Logs keeps the database's exported logs. */
        logRetentionDays: logRetentionDays(),
      })
      .strict(),
    cache: z.object({ nodeType: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/) }).strict(),
    search: z
      .object({
        instanceType: z.string().regex(/\.search$/),
        instanceCount: z.number().int().min(1),
        masterInstanceType: z.string().regex(/\.search$/),
        volumeSizeGb: z.number().int().min(10),
        /** Days CloudWatch Logs keeps the domain's slow and error logs (a value CloudWatch accepts). */
        logRetentionDays: logRetentionDays(),
      })
      .strict(),
    alarms: z
      .object({
        thresholds: z.record(z.string(), z.number()),
        notificationEmails: z.array(z.email()),
      })
      .strict(),
  })
  .strict();

export const environmentSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9]{1,15}$/),
    parityGroup: nonEmpty,
    production: z.boolean(),
    accountId: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id'),
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as `eu-west-1`'),
    readOnlyRoleArn: z
      .string()
      .regex(/^arn:aws:iam::\d{12}:role\/.+$/)
      .optional(),
    searchAdminRoleArn: z.string().regex(/^arn:aws:iam::\d{12}:role\/.+$/, 'an IAM role ARN'),
    /**
     * OpenSearch's service-linked role (`AWSServiceRoleForAmazonOpenSearchService`) is one per
     * account: `create` it with this stack, or the account already has it (`exists`).
     */
    searchServiceLinkedRole: z.enum(['create', 'exists']),
    network: z
      .object({
        vpcCidr: z.string().regex(/^\d+\.\d+\.\d+\.\d+\/(1[6-9]|2[0-4])$/, 'an IPv4 /16 to /24 CIDR'),
      })
      .strict(),
    scale: scaleSchema,
    ssmValues: z.record(z.string(), z.string()),
    integrations: z.record(z.string(), z.url()),
  })
  .strict();

export const backendSchema = z
  .object({
    bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{2,62}$/),
    region: nonEmpty,
    keyPrefix: nonEmpty,
  })
  .strict();

/** What automation (CI) needs from every account. */
export const automationSchema = z
  .object({
    /** The CI role (GitHub Actions through OIDC) that each environment's read-only drift role trusts. */
    ciRoleArn: z.string().regex(/^arn:aws:iam::\d{12}:role\/.+$/, 'an IAM role ARN'),
  })
  .strict();

export const projectSchema = z
  .object({
    platform: platformSchema,
    topologies: z.record(z.string(), topologySchema),
    environments: z.array(environmentSchema).min(1),
    backend: backendSchema,
    automation: automationSchema,
  })
  .strict();

export type PlatformInvariants = z.infer<typeof platformSchema>;
export type Topology = z.infer<typeof topologySchema>;
export type ScaleKnobs = z.infer<typeof scaleSchema>;
export type EnvironmentConfig = z.infer<typeof environmentSchema>;
export type BackendConfig = z.infer<typeof backendSchema>;
export type AutomationConfig = z.infer<typeof automationSchema>;
export type ProjectConfig = z.infer<typeof projectSchema>;
export type AlarmDefinition = z.infer<typeof alarmSchema>;
export type Integration = z.infer<typeof integrationSchema>;
export type SsmCatalogEntry = PlatformInvariants['ssmCatalog'][number];
