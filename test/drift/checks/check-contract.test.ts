/**
 * The contract every check gets from the runner, shown with checks written here and run beside the
 * registry's: a read that throws is unknown for that environment (its service unreadable, with the
 * reason), an `unknown` from compare is never a pass, and the other checks are still compared.
 */
import type { DriftCheck } from '../../../packages/parity/src/drift/drift-check';
import { DRIFT_CHECKS } from '../../../packages/parity/src/drift/checks';
import { renderDriftMarkdown } from '../../../packages/parity/src/drift/render-drift';
import { pass, unknown } from '../../../packages/parity/src/shared/rules/rule-module';
import { checkOnce, configWithReaderRoles, servicesWith } from '../support/drift-test-env';

const config = configWithReaderRoles();
const meta = (id: string) => ({
  id,
  service: 'opensearch' as const,
  description: 'a check written by the test',
  why: 'to show the contract',
  defaultLevel: 'block' as const,
});
let sharedReads = 0;
const throwsInStaging: DriftCheck<string> = {
  meta: meta('throws-in-staging'),
  read: async (env, clients) => {
    await clients.once('test:shared', async () => sharedReads++);
    if (env.name === 'staging') throw new Error('the read failed');
    return env.name;
  },
  compare: () => pass,
};
const undecided: DriftCheck<string> = {
  meta: { ...meta('undecided'), service: 'elasticache' },
  read: async (env, clients) => {
    await clients.once('test:shared', async () => sharedReads++);
    return env.name;
  },
  compare: (live) => (live === 'prod' ? unknown('the value is sensitive') : pass),
};

describe('checks beside the registry', () => {
  const run = checkOnce(config, () => undefined, {
    environments: ['staging', 'prod'],
    checks: [...DRIFT_CHECKS, throwsInStaging, undecided],
  });
  test('a read that throws: unknown there with the reason, the service unreadable, never ok', () => {
    const { report } = run();
    const reason = 'the read failed (while reading `staging`)';
    expect(report.environments.staging).toEqual({
      status: 'unreadable',
      error: reason,
      accountId: '222222222222',
      services: servicesWith({ opensearch: { status: 'unreadable', reason } }),
    });
    expect(report.findings.filter((f) => f.rule === 'throws-in-staging')).toEqual([
      {
        engine: 'drift',
        rule: 'throws-in-staging',
        level: 'block',
        why: 'to show the contract',
        environment: 'staging',
        unknown: true,
        message: reason,
      },
    ]);
  });
  test('an unknown from compare is reported and makes the service unreadable with its reason', () => {
    const { report } = run();
    expect(report.environments.prod?.services.elasticache).toEqual({ status: 'unreadable', reason: 'the value is sensitive' });
    expect(report.environments.prod?.status).toBe('unreadable');
  });
  test('the registry’s checks are still compared: the engine versions were read everywhere', () => {
    expect(run().report.engines.map((e) => e.live)).toEqual([
      { staging: '16.8', prod: '16.8' },
      { staging: 'valkey 7.2.6', prod: 'valkey 7.2.6' },
      { staging: 'OpenSearch_2.17', prod: 'OpenSearch_2.17' },
    ]);
  });
  test('`clients.once` makes a shared read once per environment', () => {
    expect(sharedReads).toBe(2);
  });
});

describe('a new check’s setting shows in every renderer unchanged', () => {
  const run = checkOnce(
    config,
    (fake) => {
      fake.account('222222222222').databases[0]!.extra.BackupRetentionPeriod = 0;
    },
    { environments: ['staging'] },
  );
  test('markdown lists it in the layout table', () => {
    expect(renderDriftMarkdown(run().report)).toContain('| staging | rds | `orders-{env}` | backupRetentionDays | 7 | 0 |');
  });
});
