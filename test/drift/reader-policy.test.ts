/**
 * The read-only policy allows exactly the calls the check makes, nothing that reads a value, and
 * the construct synthesizes it on a role that trusts one principal.
 */
import { Testing } from 'cdktf';
import { declaredSsmKeys, loadProjectConfig } from '../../config';
import { DriftReaderPolicy } from '../../constructs/drift-reader-policy';
import { driftReaderPolicy } from '../../packages/parity/src/drift/reader-policy';
import { runDrift } from '../../packages/parity/src/drift/run-drift';
import { driftTargetOf } from '../../packages/parity/src/cli/drift-target';
import { configWithReaderRoles, startFakeAws, useSdkEnvironment } from './support/drift-test-env';

const declared = declaredSsmKeys(loadProjectConfig().platform);
const stringKeys = declared.filter((k) => k.type === 'String').map((k) => k.key);
const scope = { app: 'orders', environment: 'prod', accountId: '333333333333', region: 'eu-west-1', stringKeys };
const policy = driftReaderPolicy(scope);
const actions = policy.Statement.flatMap((s) => s.Action);

test('the policy allows exactly the calls a run makes in the environment account', async () => {
  const config = configWithReaderRoles();
  const fake = await startFakeAws(config);
  const restore = useSdkEnvironment(fake.url);
  try {
    await runDrift({ target: driftTargetOf(config), environments: ['prod'] });
  } finally {
    restore();
    await fake.close();
  }
  // AssumeRole is the caller's permission (in the CI account); GetCallerIdentity needs none.
  const called = new Set(fake.requests.filter((r) => r.service !== 'sts').map((r) => `${r.service}:${r.operation}`));
  expect([...called].sort()).toEqual([...actions].sort());
});

test('the only value read is GetParameters on the declared String keys, each by its ARN; no SecureString, no decryption', () => {
  expect(actions.filter((a) => !/^[a-z]+:Describe[A-Za-z]+$/.test(a))).toEqual(['ssm:GetParameters']);
  expect(actions.some((a) => /Decrypt|\*/.test(a))).toBe(false);
  const read = policy.Statement.find((s) => s.Action.includes('ssm:GetParameters'))!;
  expect(read.Resource).toEqual(stringKeys.map((key) => `arn:aws:ssm:eu-west-1:333333333333:parameter/orders/prod/${key}`));
  const secrets = declared.filter((k) => k.type === 'SecureString').map((k) => k.key);
  expect(secrets.length).toBeGreaterThan(0);
  for (const secret of secrets) expect(JSON.stringify(policy)).not.toContain(secret);
});

test('without String keys there is no GetParameters statement at all', () => {
  expect(driftReaderPolicy({ ...scope, stringKeys: [] }).Statement.flatMap((s) => s.Action)).not.toContain('ssm:GetParameters');
});

test.each([
  ['DescribeDatabase', 'arn:aws:rds:eu-west-1:333333333333:db:orders-prod'],
  ['DescribeCacheReplicationGroup', 'arn:aws:elasticache:eu-west-1:333333333333:replicationgroup:orders-prod'],
  ['DescribeSearchDomain', 'arn:aws:es:eu-west-1:333333333333:domain/orders-prod'],
  ['ListSsmParameterNames', '*'],
])('%s is scoped to %s', (sid, resource) => {
  expect(policy.Statement.find((s) => s.Sid === sid)?.Resource).toBe(resource);
});

describe('DriftReaderPolicy construct', () => {
  const synth = (externalId?: string) =>
    JSON.parse(
      Testing.synthScope((stack) => {
        new DriftReaderPolicy(stack, 'drift-reader', {
          ...scope,
          trustedPrincipalArn: 'arn:aws:iam::444444444444:role/github-drift',
          ...(externalId ? { externalId } : {}),
        });
      }),
    ) as {
      resource: {
        aws_iam_role: Record<string, { name: string; assume_role_policy: string }>;
        aws_iam_role_policy: Record<string, { policy: string; role: string }>;
      };
    };

  test('a role named after the environment, trusting only the given principal', () => {
    const [role] = Object.values(synth().resource.aws_iam_role);
    expect(role?.name).toBe('orders-prod-drift-reader');
    expect(JSON.parse(role!.assume_role_policy)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444444444444:role/github-drift' }, Action: 'sts:AssumeRole' }],
    });
  });

  test('an external id becomes a condition of the trust policy', () => {
    const [role] = Object.values(synth('drift-7f3a').resource.aws_iam_role);
    expect(JSON.parse(role!.assume_role_policy).Statement[0].Condition).toEqual({ StringEquals: { 'sts:ExternalId': 'drift-7f3a' } });
  });

  test('the inline policy is the read-only policy', () => {
    const [inline] = Object.values(synth().resource.aws_iam_role_policy);
    expect(JSON.parse(inline!.policy)).toEqual(policy);
    expect(inline!.role).toMatch(/^\$\{aws_iam_role\.drift-reader_role_[0-9A-F]+\.id\}$/);
  });

  test.each([
    [{ accountId: '3333' }, 'DriftReaderPolicy `accountId`: expected a 12-digit account id, found `3333`'],
    [
      { trustedPrincipalArn: 'github-drift' },
      'DriftReaderPolicy `trustedPrincipalArn`: expected an IAM role or user ARN, found `github-drift`',
    ],
  ])('refuses %j', (override, message) => {
    expect(() =>
      Testing.synthScope(
        (stack) =>
          new DriftReaderPolicy(stack, 'x', { ...scope, trustedPrincipalArn: 'arn:aws:iam::444444444444:role/github-drift', ...override }),
      ),
    ).toThrow(message);
  });
});
