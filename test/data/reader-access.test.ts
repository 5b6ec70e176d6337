/**
 * Access for `data check` in every stack: the database accepts IAM authentication, and the
 * read-only role may connect as `parity_reader` alone and read the `DATABASE_ENDPOINT` parameter,
 * nothing more.
 */
import { Testing } from 'cdktf';
import { DriftReaderPolicy } from '../../constructs/drift-reader-policy';
import { driftReaderPolicy } from '../../packages/parity/src/drift/reader-policy';
import { ENVIRONMENTS, resourcesOf, synthEnvironment } from '../helpers/synth';

const scope = { app: 'orders', environment: 'staging', accountId: '222222222222', region: 'eu-west-1' };

test('with dataReader, the role may connect as that user alone and read the endpoint parameter', () => {
  const synth = JSON.parse(
    Testing.synthScope((stack) => {
      new DriftReaderPolicy(stack, 'drift-reader', {
        ...scope,
        trustedPrincipalArn: 'arn:aws:iam::999999999999:role/env-parity-ci',
        dataReader: { databaseResourceId: 'db-ABCDEFGHIJKLMNOP', user: 'parity_reader' },
      });
    }),
  ) as { resource: { aws_iam_role_policy: Record<string, { policy: string }> } };
  const policy = JSON.parse(Object.values(synth.resource.aws_iam_role_policy)[0]!.policy) as ReturnType<typeof driftReaderPolicy>;
  expect(policy.Statement.slice(0, -2)).toEqual(driftReaderPolicy(scope).Statement);
  expect(policy.Statement.slice(-2)).toEqual([
    {
      Sid: 'ConnectAsDataReader',
      Effect: 'Allow',
      Action: ['rds-db:connect'],
      Resource: 'arn:aws:rds-db:eu-west-1:222222222222:dbuser:db-ABCDEFGHIJKLMNOP/parity_reader',
    },
    {
      Sid: 'ReadDatabaseEndpoint',
      Effect: 'Allow',
      Action: ['ssm:GetParameter'],
      Resource: 'arn:aws:ssm:eu-west-1:222222222222:parameter/orders/staging/DATABASE_ENDPOINT',
    },
  ]);
});

test.each(ENVIRONMENTS)(
  "%s: IAM database authentication on, and the stack's reader connects to that instance as parity_reader",
  (environment) => {
    const json = synthEnvironment(environment);
    const [[instanceId, instance]] = resourcesOf(json, 'aws_db_instance') as [[string, Record<string, unknown>]];
    expect(instance.iam_database_authentication_enabled).toBe(true);
    const policies = resourcesOf(json, 'aws_iam_role_policy').map(
      ([, p]) => JSON.parse(String(p.policy)) as ReturnType<typeof driftReaderPolicy>,
    );
    const connect = policies.flatMap((p) => p.Statement).filter((s) => s.Action.includes('rds-db:connect'));
    expect(connect).toEqual([
      {
        Sid: 'ConnectAsDataReader',
        Effect: 'Allow',
        Action: ['rds-db:connect'],
        Resource: expect.stringMatching(
          new RegExp(`^arn:aws:rds-db:eu-west-1:\\d{12}:dbuser:\\$\\{aws_db_instance\\.${instanceId}\\.resource_id\\}/parity_reader$`),
        ),
      },
    ]);
  },
);
