/**
 * Secrets by name as well as by marking: a plan that does not mark `password`, `value_wo`, an SSM
 * SecureString's `value`... (an old provider, a hand-made plan) never prints them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderReview } from '../../packages/parity/src/cli/plan-review';
import { reviewPlans } from '../../packages/parity/src/plan-review/review';
import { isSecretName, withSecretMarks } from '../../packages/parity/src/shared/plan/secret-names';
import { TODAY } from './support/fixtures';
import { projectReviewEnvironments } from '../support/this-project';

const dir = mkdtempSync(join(tmpdir(), 'parity-plan-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SECRETS = [
  'hunter2-old',
  'hunter2-new',
  'wo-secret-old',
  'wo-secret-new',
  'ssm-secret-old',
  'ssm-secret-new',
  'tok-old',
  'tok-new',
  'master-old',
  'master-new',
  'sec-str-old',
  'sec-str-new',
];

/** A plan with secrets in plain sight: nothing in `before_sensitive` / `after_sensitive`. */
function unmarkedPlan(): string {
  const update = (address: string, type: string, before: object, after: object) => ({
    address,
    mode: 'managed',
    type,
    name: address.split('.')[1],
    change: { actions: ['update'], before, after, after_unknown: {}, before_sensitive: {}, after_sensitive: {} },
  });
  const plan = {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: {},
    resource_changes: [
      update(
        'aws_db_instance.orders',
        'aws_db_instance',
        { password: 'hunter2-old', password_wo: 'wo-secret-old', password_wo_version: 1, instance_class: 'db.r6g.large' },
        { password: 'hunter2-new', password_wo: 'wo-secret-new', password_wo_version: 2, instance_class: 'db.r6g.large' },
      ),
      update(
        'aws_ssm_parameter.api_key',
        'aws_ssm_parameter',
        { name: '/orders/API_KEY', type: 'SecureString', value: 'ssm-secret-old' },
        { name: '/orders/API_KEY', type: 'SecureString', value: 'ssm-secret-new' },
      ),
      update(
        'aws_ssm_parameter.log_level',
        'aws_ssm_parameter',
        { name: '/orders/LOG_LEVEL', type: 'String', value: 'info' },
        { name: '/orders/LOG_LEVEL', type: 'String', value: 'debug' },
      ),
      update(
        'aws_elasticache_replication_group.cache',
        'aws_elasticache_replication_group',
        { auth_token: 'tok-old' },
        { auth_token: 'tok-new' },
      ),
      update(
        'aws_opensearch_domain.search',
        'aws_opensearch_domain',
        { advanced_security_options: [{ master_user_options: [{ master_user_name: 'admin', master_user_password: 'master-old' }] }] },
        { advanced_security_options: [{ master_user_options: [{ master_user_name: 'admin', master_user_password: 'master-new' }] }] },
      ),
      update(
        'aws_secretsmanager_secret_version.db',
        'aws_secretsmanager_secret_version',
        { secret_string: 'sec-str-old' },
        { secret_string: 'sec-str-new' },
      ),
    ],
  };
  const file = join(dir, 'unmarked.json');
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

test('no secret of an unmarked plan reaches any format; what is not secret still shows', async () => {
  const review = await reviewPlans({
    environments: projectReviewEnvironments(),
    plans: [{ environment: 'staging', file: unmarkedPlan() }],
    now: TODAY,
  });
  for (const format of ['text', 'markdown', 'json'] as const) {
    const rendered = renderReview(review, format);
    for (const secret of SECRETS) expect({ format, secret, shown: rendered.includes(secret) }).toEqual({ format, secret, shown: false });
    expect(rendered).toContain('debug');
  }
  const paths = Object.fromEntries(review.environments.staging!.changes.map((c) => [c.address, c.changedPaths]));
  expect(paths).toEqual({
    'aws_db_instance.orders': [
      { path: 'password', before: '(sensitive value)', after: '(sensitive value)' },
      { path: 'password_wo', before: '(sensitive value)', after: '(sensitive value)' },
      { path: 'password_wo_version', before: 1, after: 2 },
    ],
    'aws_ssm_parameter.api_key': [{ path: 'value', before: '(sensitive value)', after: '(sensitive value)' }],
    'aws_ssm_parameter.log_level': [{ path: 'value', before: 'info', after: 'debug' }],
    'aws_elasticache_replication_group.cache': [{ path: 'auth_token', before: '(sensitive value)', after: '(sensitive value)' }],
    'aws_opensearch_domain.search': [
      {
        path: 'advanced_security_options[0].master_user_options[0].master_user_password',
        before: '(sensitive value)',
        after: '(sensitive value)',
      },
    ],
    'aws_secretsmanager_secret_version.db': [{ path: 'secret_string', before: '(sensitive value)', after: '(sensitive value)' }],
  });
});

test.each([
  ['password', true],
  ['master_password', true],
  ['value_wo', true],
  ['password_wo', true],
  ['secret_string', true],
  ['auth_token', true],
  ['master_user_password', true],
  ['private_key', true],
  ['password_wo_version', false],
  ['instance_class', false],
  ['value', false],
  ['password_length', false],
])('%s is secret by name: %s', (name, secret) => {
  expect(isSecretName(name)).toBe(secret);
});

test('marks the plan already has are kept; an SSM parameter whose type is unknown has its value masked', () => {
  const change = {
    actions: ['create'],
    before: null,
    after: { name: '/x', value: 'v', tags: { a: '1' } },
    after_unknown: { type: true },
    after_sensitive: { tags: { a: true } },
  };
  expect(withSecretMarks(change, 'aws_ssm_parameter')).toEqual({ ...change, after_sensitive: { tags: { a: true }, value: true } });
  const plain = { actions: ['update'], before: { name: 'a' }, after: { name: 'b' } };
  expect(withSecretMarks(plain, 'aws_s3_bucket')).toBe(plain);
});

test('a null secret stays null (nothing to hide, and an unset password is worth seeing)', () => {
  const change = { actions: ['update'], before: { password: null }, after: { password: 'p' } };
  expect(withSecretMarks(change, 'aws_db_instance')).toEqual({
    ...change,
    before_sensitive: undefined,
    after_sensitive: { password: true },
  });
});
