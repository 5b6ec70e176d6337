/** The engine adapters' hooks for what an engine may keep later: plan review's waiver outcome, the gate's allow annotation. */
import { toEnvelope as gateEnvelope } from '../../packages/parity/src/migrations/report/gate-envelope';
import type { GateReport } from '../../packages/parity/src/migrations/report/gate-report';
import { renderJson as renderGateJson } from '../../packages/parity/src/migrations/report/render';
import { toEnvelope as planEnvelope } from '../../packages/parity/src/plan-review/plan-review-envelope';
import { renderJson as renderPlanJson } from '../../packages/parity/src/plan-review/render-review';
import type { PlanReview } from '../../packages/parity/src/plan-review/review-model';
import { expectValidReport } from './support/schemas';

const expired = {
  address: 'aws_s3_bucket.old',
  rule: 'stateful-resource-deleted',
  reason: 'for the window',
  owner: 'data',
  expires: '2020-01-31',
};
const unused = { address: 'aws_s3_bucket.gone', reason: 'removed last sprint', owner: 'web', expires: '2099-01-31' };
const review: PlanReview = {
  schemaVersion: 1,
  environments: {
    prod: {
      formatVersion: '1.2',
      summary: { create: 0, update: 0, replace: 0, delete: 1, read: 0, noop: 0, other: 0 },
      changes: [],
      drift: [],
      outputs: [],
      complete: true,
    },
  },
  findings: [
    {
      rule: 'stateful-resource-deleted',
      level: 'block',
      environment: 'prod',
      address: 'aws_s3_bucket.exports',
      message: 'deleted',
      result: 'non-compliant',
      why: 'the rule module says why',
      docsUrl: 'docs/rules/stateful-resource-deleted.md',
    },
  ],
  asymmetric: [],
  waiverOutcome: { source: 'waivers.yml', expired: [expired], unused: [unused] },
};

test('plan review: the why a rule module gives wins over the pack; a kept waiver outcome is reported', () => {
  const envelope = planEnvelope(review);
  expect(envelope.findings[0]).toMatchObject({ why: 'the rule module says why', docsUrl: 'docs/rules/stateful-resource-deleted.md' });
  expect(envelope.expiredWaivers).toEqual([{ ...expired, source: 'waivers.yml' }]);
  expect(envelope.unusedWaivers).toEqual([{ ...unused, source: 'waivers.yml' }]);
  const json = expectValidReport('plan-review', renderPlanJson(review));
  expect(json).not.toHaveProperty('waiverOutcome');
  expect(json.status).toBe('fail');
});

const gate: GateReport = {
  schemaVersion: 1,
  postgres: '16.8',
  prodVersion: '16.8',
  server: 'embedded',
  selection: 'the last 1',
  tool: 'sql (--tool sql)',
  seeded: [],
  migrations: [
    {
      file: '0004_drop.sql',
      format: 'sql',
      transaction: 'plain SQL: one transaction per file',
      statements: [],
      findings: [
        {
          rule: 'destructive-change',
          level: 'allowed',
          message: 'drops a column. Allowed: archived',
          allowedBy: { reason: 'archived', owner: 'data', expires: '2027-01-31', line: 1 },
        },
        { rule: 'squawk/ban-drop-column', level: 'warning', message: 'dropping a column' },
      ],
    },
  ],
  durationMs: 10,
};

test('the gate: an allow annotation with owner and expiry becomes the waiver, with its line', () => {
  const envelope = gateEnvelope(gate);
  expect(envelope.waived).toEqual([
    {
      finding: expect.objectContaining({
        rule: 'destructive-change',
        level: 'block',
        address: '0004_drop.sql',
        message: 'drops a column.',
      }),
      waiver: {
        rule: 'destructive-change',
        address: '0004_drop.sql',
        reason: 'archived',
        owner: 'data',
        expires: '2027-01-31',
        source: '0004_drop.sql:1 (-- parity:allow)',
      },
    },
  ]);
  expect(envelope.findings).toEqual([
    expect.objectContaining({ rule: 'squawk/ban-drop-column', level: 'warn', docsUrl: 'https://squawkhq.com/docs/ban-drop-column' }),
  ]);
  expect(envelope.status).toBe('pass');
  expect(expectValidReport('migrations', renderGateJson(gate)).migrationTool).toBe('sql (--tool sql)');
});

test('the gate: blocking findings it could not decide make the status unknown, a decided one makes it fail', () => {
  const withFindings = (findings: GateReport['migrations'][number]['findings']): GateReport => ({
    ...gate,
    migrations: [{ ...gate.migrations[0]!, findings }],
  });
  const undecided = { rule: 'table-work-under-write-lock', level: 'blocking', message: 'could not be determined: timed out' } as const;
  const decided = { rule: 'destructive-change', level: 'blocking', message: 'drops a column.' } as const;
  expect(gateEnvelope(withFindings([undecided])).status).toBe('unknown');
  expect(gateEnvelope(withFindings([undecided, decided])).status).toBe('fail');
});
