/**
 * The one acknowledgement model: what a waiver matches (rule, address glob, path in the path syntax,
 * environment), expiry (the whole expiry day holds, UTC), unused waivers (a warning; a failure with strict)
 * and expired ones (they waive nothing and fail, even when unused). Pure: findings built by hand.
 */
import type { Finding } from '../../packages/parity/src/shared/findings/finding';
import { type AnyWaiver, applyWaivers, describeWaiver, waiverAccepts } from '../../packages/parity/src/shared/waivers/apply-waivers';
import { isExpired } from '../../packages/parity/src/shared/waivers/waiver';

function finding(fields: Partial<Finding>): Finding {
  return { engine: 'plan-review', rule: 'stateful-resource-deleted', level: 'block', message: 'm', why: 'w', ...fields };
}

const base = { reason: 'accepted while the exports move', owner: 'data-team', expires: '2099-12-31', source: 'waivers.yml' };
const bucket = finding({ address: 'aws_s3_bucket.exports', environment: 'prod' });
const now = new Date('2026-06-01T12:00:00Z');

describe('what a waiver matches', () => {
  test.each<[string, AnyWaiver, boolean]>([
    ['rule only: that rule at every address', { ...base, rule: 'stateful-resource-deleted' }, true],
    ['rule only: another rule', { ...base, rule: 'engine-major-upgrade' }, false],
    ['address only: every rule there', { ...base, address: 'aws_s3_bucket.exports' }, true],
    ['address glob: `*` within one segment', { ...base, address: 'aws_s3_bucket.*' }, true],
    ['address glob: `*` does not cross a dot', { ...base, address: 'aws_*' }, false],
    ['address glob: `**` across segments', { ...base, address: 'aws_**' }, true],
    ['another address', { ...base, address: 'aws_s3_bucket.logs' }, false],
    ['rule and address both match', { ...base, rule: 'stateful-resource-deleted', address: 'aws_s3_bucket.exports' }, true],
    ['rule matches, address does not', { ...base, rule: 'stateful-resource-deleted', address: 'aws_s3_bucket.logs' }, false],
    ['its environment', { ...base, address: 'aws_s3_bucket.exports', environment: 'prod' }, true],
    ['another environment', { ...base, address: 'aws_s3_bucket.exports', environment: 'staging' }, false],
  ])('%s', (_name, waiver, matches) => {
    expect(waiverAccepts(waiver, bucket)).toBe(matches);
  });

  test('an address waiver never matches a finding without an address; a rule waiver does', () => {
    const nowhere = finding({ rule: 'lock-budget', address: undefined });
    expect(waiverAccepts({ ...base, address: '**' }, nowhere)).toBe(false);
    expect(waiverAccepts({ ...base, rule: 'lock-budget' }, nowhere)).toBe(true);
  });

  test('path: in the path syntax, `*` one step; a path waiver never matches a finding without a path', () => {
    const ingress = finding({ rule: 'invariant', address: 'aws_security_group.web', path: 'ingress[0].cidr_blocks' });
    expect(waiverAccepts({ ...base, address: 'aws_security_group.web', path: 'ingress[0].cidr_blocks' }, ingress)).toBe(true);
    expect(waiverAccepts({ ...base, address: 'aws_security_group.web', path: 'ingress[*].cidr_blocks' }, ingress)).toBe(true);
    expect(waiverAccepts({ ...base, address: 'aws_security_group.web', path: 'ingress[1].cidr_blocks' }, ingress)).toBe(false);
    expect(waiverAccepts({ ...base, address: 'aws_security_group.web', path: 'egress[0].cidr_blocks' }, ingress)).toBe(false);
    expect(waiverAccepts({ ...base, address: 'aws_security_group.web', path: 'engine_version' }, bucket)).toBe(false);
  });

  test('environments a finding concerns: a waiver naming one of them matches', () => {
    const divergence = finding({ rule: 'invariant', address: 'aws_db_instance.main', path: 'engine_version' });
    const environmentsOf = () => ['staging', 'prod'];
    expect(waiverAccepts({ ...base, address: 'aws_db_instance.main', environment: 'prod' }, divergence, { environmentsOf })).toBe(true);
    expect(waiverAccepts({ ...base, address: 'aws_db_instance.main', environment: 'dev' }, divergence, { environmentsOf })).toBe(false);
  });

  test('addressOf: the address the glob is matched against (plan review normalizes `{env}`)', () => {
    const orders = finding({ address: 'aws_db_instance.orders-prod' });
    expect(
      waiverAccepts({ ...base, address: 'aws_db_instance.orders-{env}' }, orders, { addressOf: () => 'aws_db_instance.orders-{env}' }),
    ).toBe(true);
    expect(waiverAccepts({ ...base, address: 'aws_db_instance.orders-{env}' }, orders)).toBe(false);
  });
});

describe('expiry: a waiver holds through its whole expiry day, UTC', () => {
  test.each([
    ['2026-03-31T00:00:00.000Z', false],
    ['2026-03-31T23:59:59.999Z', false],
    ['2026-04-01T00:00:00.000Z', true],
    ['2026-04-01T00:30:00.000+02:00', false],
  ])('at %s expired: %s', (at, expired) => {
    expect(isExpired({ expires: '2026-03-31' }, new Date(at))).toBe(expired);
  });

  test('a waiver without an expiry (the gate’s old inline form) never expires', () => {
    expect(isExpired({}, new Date('2999-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('applyWaivers', () => {
  const logs = finding({ address: 'aws_s3_bucket.logs', environment: 'prod' });
  const used = { ...base, address: 'aws_s3_bucket.exports' };
  const unused = { ...base, address: 'aws_s3_bucket.gone' };
  const expired = { ...base, address: 'aws_s3_bucket.logs', expires: '2026-05-31' };

  test('findings, waived (with the first matching waiver), unused and expired waivers', () => {
    const second = { ...base, rule: 'stateful-resource-deleted' };
    const outcome = applyWaivers([bucket, logs], [used, second, unused, expired], { now });
    expect(outcome.findings).toEqual([]);
    expect(outcome.waived).toEqual([
      { finding: bucket, waiver: used },
      { finding: logs, waiver: second },
    ]);
    expect(outcome.unusedWaivers).toEqual([unused]);
    expect(outcome.expiredWaivers).toEqual([expired]);
  });

  test('an expired waiver waives nothing and fails the report', () => {
    const outcome = applyWaivers([bucket, logs], [used, expired], { now });
    expect(outcome.findings).toEqual([logs]);
    expect(outcome.waived.map((w) => w.waiver)).toEqual([used]);
    expect(outcome.failed).toBe(true);
  });

  test('an expired waiver fails even when its finding is gone', () => {
    const outcome = applyWaivers([bucket], [used, expired], { now });
    expect(outcome.findings).toEqual([]);
    expect(outcome.unusedWaivers).toEqual([]);
    expect(outcome.expiredWaivers).toEqual([expired]);
    expect(outcome.failed).toBe(true);
  });

  test('an unused waiver is a warning only: it fails with strict', () => {
    expect(applyWaivers([bucket], [used, unused], { now }).failed).toBe(false);
    expect(applyWaivers([bucket], [used, unused], { now, strict: true }).failed).toBe(true);
    expect(applyWaivers([bucket], [used], { now, strict: true }).failed).toBe(false);
  });

  test('the day after its expiry a waiver is expired, not unused', () => {
    const outcome = applyWaivers([bucket], [{ ...used, expires: '2026-05-31' }], { now: new Date('2026-06-01T00:00:00Z') });
    expect(outcome.findings).toEqual([bucket]);
    expect(outcome.unusedWaivers).toEqual([]);
    expect(outcome.expiredWaivers).toHaveLength(1);
  });
});

test('describeWaiver: what a waiver covers in a few words', () => {
  expect(describeWaiver({ ...base, address: 'aws_db_instance.main', path: 'engine_version' })).toBe('aws_db_instance.main engine_version');
  expect(describeWaiver({ ...base, rule: 'destructive-change', address: '0004_x.sql' })).toBe('destructive-change at 0004_x.sql');
  expect(describeWaiver({ ...base, rule: 'engine-major-upgrade' })).toBe('engine-major-upgrade (every address)');
});
