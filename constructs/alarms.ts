/**
 * The environment's alarms: the platform's alarm set, identical in every environment, each on the
 * environment's one SNS topic; only thresholds and notification targets differ.
 *
 * Lock waits: RDS for PostgreSQL publishes no CloudWatch metric for blocked transactions, but
 * CloudWatch can alarm on Performance Insights counter metrics through the `DB_PERF_INSIGHTS`
 * metric math function; the `performance-insights` alarms use it with the instance's resource id.
 */
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import { scale, topology, type KnobDeclarations } from './knobs';
import { addPropValidation, type PropRule } from './validation';

/** One alarm: what it watches, how it compares, and its threshold in this environment. */
export interface AlarmSpec {
  /** Kebab-case id; the alarm is `{name}-{id}`. `db-connections` takes a percentage of `max_connections`. */
  readonly id: string;
  /** The service whose metric it watches; decides the dimensions. */
  readonly service: 'database' | 'cache' | 'search' | 'network';
  readonly description: string;
  /** A CloudWatch metric, or a Performance Insights counter read with `DB_PERF_INSIGHTS`. */
  readonly source:
    | { readonly kind: 'cloudwatch'; readonly namespace: string; readonly metricName: string }
    | { readonly kind: 'performance-insights'; readonly counter: string };
  readonly statistic: 'Average' | 'Maximum' | 'Minimum' | 'Sum' | 'SampleCount';
  readonly comparison: 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly treatMissingData: 'missing' | 'ignore' | 'breaching' | 'notBreaching';
  /** The threshold in this environment. */
  readonly threshold: number;
}

/** What each service's alarms watch. */
export interface AlarmTargets {
  /** RDS instance identifier (dimension `DBInstanceIdentifier`). */
  readonly databaseIdentifier: string;
  /** RDS resource id (`db-ABC...`), for Performance Insights counters. */
  readonly databaseResourceId: string;
  /**
   * `max_connections`, so the connection alarm's threshold (a percentage) becomes a count.
   * @default none: then the `db-connections` alarm cannot be built, and validation says so
   */
  readonly databaseMaxConnections?: number;
  /** ElastiCache replication group id: alarms take the worst node of the group. */
  readonly cacheReplicationGroupId: string;
  /** OpenSearch domain name (dimension `DomainName`). */
  readonly searchDomainName: string;
  /** The account id (dimension `ClientId` of OpenSearch metrics). */
  readonly accountId: string;
}

export interface AlarmsProps {
  /** Base name of the environment's resources; alarms are `{name}-{alarm id}`. */
  readonly name: string;
  /** The alarm set, each with this environment's threshold. */
  readonly alarms: readonly AlarmSpec[];
  /** E-mail addresses subscribed to the topic. */
  readonly notificationEmails: readonly string[];
  /** What the alarms watch. */
  readonly targets: AlarmTargets;
  /**
   * NAT gateway ids: each `network` alarm (id `nat-...`) sums its metric over all of them.
   * @default none: then `network` alarms cannot be built, and validation says so
   */
  readonly natGatewayIds?: readonly string[];
  /** KMS key ARN that encrypts the topic. */
  readonly kmsKeyArn: string;
}

/** The props that may differ between environments, and what they set. */
export const alarmsKnobs = {
  alarms: scale('aws_cloudwatch_metric_alarm.*.threshold'),
  notificationEmails: scale('aws_sns_topic_subscription.*', 'aws_sns_topic_subscription.*.endpoint'),
  // How many NAT gateways a `nat-` alarm sums over.
  natGatewayIds: topology('aws_cloudwatch_metric_alarm.*nat_*.metric_query'),
} satisfies KnobDeclarations<AlarmsProps>;

const rules: readonly PropRule<AlarmsProps>[] = [
  {
    prop: 'targets.databaseMaxConnections',
    check: (p) =>
      !p.alarms.some((d) => d.id === 'db-connections') || Number.isInteger(p.targets.databaseMaxConnections)
        ? undefined
        : 'must be known for the `db-connections` alarm: set the `max_connections` parameter in config/platform.ts',
  },
  {
    prop: 'natGatewayIds',
    check: (p) =>
      !p.alarms.some((a) => a.service === 'network') || (p.natGatewayIds?.length ?? 0) > 0
        ? undefined
        : 'must name at least one NAT gateway for the `network` alarms',
  },
  {
    prop: 'alarms',
    check: (p) => {
      const misnamed = p.alarms.filter((a) => (a.service === 'network') !== a.id.startsWith('nat-')).map((a) => a.id);
      return misnamed.length === 0
        ? undefined
        : `must name \`network\` alarms, and only those, \`nat-...\` (the NAT knob declaration matches them by name); got ` +
            `${misnamed.join(', ')}`;
    },
  },
  {
    prop: 'alarms',
    check: (p) => (new Set(p.alarms.map((a) => a.id)).size === p.alarms.length ? undefined : 'must not declare an alarm id twice'),
  },
];

export class Alarms extends Construct {
  /** The topic every alarm notifies. */
  readonly topicArn: string;
  private readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    addPropValidation(this, rules, props);
    this.topic = new SnsTopic(this, 'topic', { name: `${props.name}-alarms`, kmsMasterKeyId: props.kmsKeyArn });
    props.notificationEmails.forEach((email, i) => {
      new SnsTopicSubscription(this, `email-${i}`, { topicArn: this.topic.arn, protocol: 'email', endpoint: email });
    });
    for (const definition of props.alarms) {
      new CloudwatchMetricAlarm(this, definition.id, {
        alarmName: `${props.name}-${definition.id}`,
        alarmDescription: definition.description,
        comparisonOperator: definition.comparison,
        evaluationPeriods: definition.evaluationPeriods,
        threshold: thresholdOf(definition, props.targets),
        treatMissingData: definition.treatMissingData,
        alarmActions: [this.topic.arn],
        okActions: [this.topic.arn],
        ...metricOf(definition, props.targets, props.natGatewayIds ?? []),
      });
    }
    this.topicArn = this.topic.arn;
  }
}

function thresholdOf(alarm: AlarmSpec, targets: AlarmTargets): number {
  return alarm.id === 'db-connections' ? Math.floor(((targets.databaseMaxConnections ?? 0) * alarm.threshold) / 100) : alarm.threshold;
}

type MetricArgs = Pick<
  ConstructorParameters<typeof CloudwatchMetricAlarm>[2],
  'namespace' | 'metricName' | 'statistic' | 'period' | 'dimensions' | 'metricQuery'
>;

function metricOf(definition: AlarmSpec, targets: AlarmTargets, natGatewayIds: readonly string[]): MetricArgs {
  const source = definition.source;
  if (source.kind === 'performance-insights') {
    return {
      metricQuery: [
        {
          id: 'counter',
          expression: `DB_PERF_INSIGHTS('RDS', '${targets.databaseResourceId}', '${source.counter}')`,
          label: source.counter,
          period: definition.periodSeconds,
          returnData: true,
        },
      ],
    };
  }
  if (definition.service === 'network') {
    // One metric per NAT gateway (the topology decides how many), summed: one alarm for the environment.
    const ids = natGatewayIds;
    return {
      metricQuery: [
        ...ids.map((natGatewayId, i) => ({
          id: `nat_${i}`,
          metric: {
            namespace: source.namespace,
            metricName: source.metricName,
            dimensions: { NatGatewayId: natGatewayId },
            period: definition.periodSeconds,
            stat: definition.statistic,
          },
          returnData: false,
        })),
        {
          id: 'all_nat_gateways',
          expression: `SUM([${ids.map((_, i) => `nat_${i}`).join(', ')}])`,
          label: `${source.metricName} (all NAT gateways)`,
          returnData: true,
        },
      ],
    };
  }
  if (definition.service === 'cache') {
    // ElastiCache publishes per node (CacheClusterId `{group}-0001-001`...); take the worst node.
    const aggregate =
      definition.statistic === 'Sum'
        ? 'SUM'
        : definition.statistic === 'Minimum'
          ? 'MIN'
          : definition.statistic === 'Average'
            ? 'AVG'
            : 'MAX';
    return {
      metricQuery: [
        {
          id: 'worst_node',
          expression:
            `SELECT ${aggregate}(${source.metricName}) FROM SCHEMA("${source.namespace}", CacheClusterId) WHERE ` +
            `CacheClusterId LIKE '${targets.cacheReplicationGroupId}-%'`,
          label: `${source.metricName} (worst node)`,
          period: definition.periodSeconds,
          returnData: true,
        },
      ],
    };
  }
  const dimensions: Record<string, string> =
    definition.service === 'database'
      ? { DBInstanceIdentifier: targets.databaseIdentifier }
      : { DomainName: targets.searchDomainName, ClientId: targets.accountId };
  return {
    namespace: source.namespace,
    metricName: source.metricName,
    statistic: definition.statistic,
    period: definition.periodSeconds,
    dimensions,
  };
}
