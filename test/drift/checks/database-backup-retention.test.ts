/**
 * The example check added to the registry: RDS backup retention against each environment's
 * `backupRetentionDays`. Its fake answer (BackupRetentionPeriod in every account in parity) is
 * its own support file, test/drift/support/checks/database-backup-retention.ts.
 */
import check from '../../../packages/parity/src/drift/checks/database-backup-retention';
import { driftExitCode } from '../../../packages/parity/src/drift/run-drift';
import { renderDriftText } from '../../../packages/parity/src/drift/render-drift';
import { checkOnce, configWithReaderRoles, servicesWith } from '../support/drift-test-env';

const config = configWithReaderRoles();
const ACCOUNT = { dev: '111111111111', staging: '222222222222', prod: '333333333333' } as const;
const finding = (env: string, expected: string, found: string) => ({
  engine: 'drift',
  rule: 'database-backup-retention',
  level: 'block',
  why: check.meta.why,
  docsUrl: 'docs/drift.md',
  environment: env,
  address: `orders-${env}`,
  path: 'backupRetentionDays',
  expected,
  found,
  message: `rds orders-{env} \`backupRetentionDays\` in ${env}: declared ${expected}, live ${found}`,
});
const ours = <F extends { rule: string }>(findings: readonly F[]) => findings.filter((f) => f.rule === check.meta.id);

describe('every instance keeps backups as declared (dev 1 day, staging 7, prod 30)', () => {
  const run = checkOnce(config, () => undefined);
  test('no finding, every environment ok', () => {
    expect(ours(run().report.findings)).toEqual([]);
    expect(Object.values(run().report.environments).map((e) => e.status)).toEqual(['ok', 'ok', 'ok']);
  });
  test('it adds no AWS request: the retention comes from the one DescribeDBInstances the other database checks make', () => {
    for (const account of Object.values(ACCOUNT)) expect(run().fake.count('DescribeDBInstances', account)).toBe(1);
  });
});

describe('prod retention lowered to 1 day by hand', () => {
  const run = checkOnce(
    config,
    (fake) => {
      fake.account(ACCOUNT.prod).databases[0]!.extra.BackupRetentionPeriod = 1;
    },
    { environments: ['staging', 'prod'] },
  );
  test('one finding, in prod, with what was declared and what was found', () => {
    expect(ours(run().report.findings)).toEqual([finding('prod', '30', '1')]);
  });
  test('prod rds drifts (exit 1); staging is ok', () => {
    const { report } = run();
    expect(report.environments.prod).toEqual({
      status: 'drift',
      accountId: ACCOUNT.prod,
      services: servicesWith({ rds: { status: 'drift' } }),
    });
    expect(report.environments.staging?.status).toBe('ok');
    expect(driftExitCode(report)).toBe(1);
  });
  test('it is in the layout section, typed, so the existing renderers show it unchanged', () => {
    const { report } = run();
    expect(report.layout).toEqual([
      { service: 'rds', resource: 'orders-{env}', environment: 'prod', attribute: 'backupRetentionDays', declared: 30, live: 1 },
    ]);
    expect(renderDriftText(report).split('\n')).toContain('  prod rds orders-{env} backupRetentionDays: declared 30, live 1');
  });
});

describe('AWS returns no BackupRetentionPeriod', () => {
  const run = checkOnce(
    config,
    (fake) => {
      delete fake.account(ACCOUNT.staging).databases[0]!.extra.BackupRetentionPeriod;
    },
    { environments: ['staging'] },
  );
  test('a mismatch with live unknown, never a pass', () => {
    expect(ours(run().report.findings)).toEqual([finding('staging', '7', 'not returned by AWS')]);
    expect(run().report.layout).toEqual([
      { service: 'rds', resource: 'orders-{env}', environment: 'staging', attribute: 'backupRetentionDays', declared: 7, live: null },
    ]);
  });
});

describe('no instance', () => {
  const run = checkOnce(
    config,
    (fake) => {
      fake.account(ACCOUNT.staging).databases = [];
    },
    { environments: ['staging'] },
  );
  test('not applicable: the engine check reports the missing instance, this one adds nothing', () => {
    expect(ours(run().report.findings)).toEqual([]);
    expect(run().report.findings.map((f) => [f.rule, f.message])).toEqual([
      ['database-engine-version', 'orders-staging does not exist in staging'],
    ]);
  });
});

describe('DescribeDBInstances denied in staging', () => {
  const run = checkOnce(
    config,
    (fake) => {
      fake.faults.push({ operation: 'DescribeDBInstances', accountId: ACCOUNT.staging, kind: 'AccessDenied' });
    },
    { environments: ['staging'] },
  );
  test('unknown with the read’s reason, and rds unreadable', () => {
    const [ours_] = ours(run().report.findings);
    expect(ours_?.unknown).toBe(true);
    expect(ours_?.message).toMatch(/^AccessDenied: .* \(while describing RDS instance orders-staging\)$/);
    expect(run().report.environments.staging?.services.rds).toEqual({ status: 'unreadable', reason: ours_?.message });
  });
});

describe('levels chosen per check', () => {
  const warn = checkOnce(
    config,
    (fake) => {
      fake.account(ACCOUNT.prod).databases[0]!.extra.BackupRetentionPeriod = 1;
    },
    { environments: ['prod'], levels: { 'database-backup-retention': 'warn' } },
  );
  test('`warn`: the finding is reported at warn and prod is not drift', () => {
    expect(ours(warn().report.findings)).toEqual([{ ...finding('prod', '30', '1'), level: 'warn' }]);
    expect(warn().report.environments.prod?.status).toBe('ok');
  });
  const off = checkOnce(
    config,
    (fake) => {
      fake.account(ACCOUNT.prod).databases[0]!.extra.BackupRetentionPeriod = 1;
    },
    { environments: ['prod'], levels: { 'database-backup-retention': 'off' } },
  );
  test('`off`: the check does not run', () => {
    expect(ours(off().report.findings)).toEqual([]);
    expect(off().report.layout).toEqual([]);
  });
});
