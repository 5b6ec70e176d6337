/**
 * The one model wired into every engine: check (policy file waivers), plan review (`--waivers`) and the
 * migration gate (inline annotations): rule-only waivers, unused ones (warning, failure with `--strict`),
 * expired ones (they waive nothing and fail), the old inline form's deprecation; the one file format.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run as runCheck } from '../../packages/parity/src/cli/check';
import { run as runPlanReview } from '../../packages/parity/src/cli/plan-review';
import { ExitCode, ExitError } from '../../packages/parity/src/shared/exit-error';
import type { Finding } from '../../packages/parity/src/shared/findings/finding';
import type { PackRun } from '../../packages/parity/src/shared/rules/run-pack';
import { readWaiversFile } from '../../packages/parity/src/shared/waivers/waiver-file';
import { readInlineWaivers } from '../../packages/parity/src/shared/waivers/inline-annotation';
import { acknowledge, annotationFindings, warnDeprecatedAnnotations } from '../../packages/parity/src/migrations/judge';
import type { MigrationEvidence } from '../../packages/parity/src/migrations/rule-support/evidence';
import type { ParsedMigration } from '../../packages/parity/src/migrations/run/apply';
import { PLANS, hclArgs, refusal, scratch } from './support/waiver-test-env';

const { dir, write } = scratch('parity-waivers-');

describe('the one file format', () => {
  const entry = {
    rule: 'stateful-resource-deleted',
    reason: 'exports moved to the data lake bucket',
    owner: 'data-platform',
    expires: '2099-12-31',
  };

  test('YAML `waivers:`, a bare list and JSON read the same waivers; each knows its file', () => {
    const yaml = write(
      'w.yml',
      `waivers:\n  - rule: ${entry.rule}\n    reason: ${entry.reason}\n    owner: ${entry.owner}\n    expires: ${entry.expires}\n`,
    );
    const list = write(
      'list.yml',
      `- rule: ${entry.rule}\n  reason: ${entry.reason}\n  owner: ${entry.owner}\n  expires: "${entry.expires}"\n`,
    );
    const json = write('w.json', JSON.stringify({ waivers: [entry] }));
    expect(readWaiversFile(yaml)).toEqual([{ ...entry, source: yaml }]);
    expect(readWaiversFile(list)).toEqual([{ ...entry, source: list }]);
    expect(readWaiversFile(json)).toEqual([{ ...entry, source: json }]);
  });

  test('plan review’s old form (address and rule) is a waiver as written', () => {
    expect(readWaiversFile(join(PLANS, 'waivers.yml'))).toEqual([
      {
        address: 'aws_s3_bucket.exports',
        rule: 'stateful-resource-deleted',
        environment: 'prod',
        reason: 'exports moved to the data lake bucket; this one was emptied on 2026-11-02',
        owner: 'data-platform',
        expires: '2099-12-31',
        source: join(PLANS, 'waivers.yml'),
      },
    ]);
  });

  test('neither a rule nor an address: bad input, in a waivers file and in a policy file', async () => {
    const file = write('neither.yml', '- reason: accepted for the migration window\n  owner: data-platform\n  expires: 2099-12-31\n');
    expect(refusal(() => readWaiversFile(file))).toBe(
      `expected waiver 1 in \`${file}\` to match the waiver schema, found \`rule\`: a \`rule\` or an \`address\` (or both): ` +
        'what the waiver accepts. Fix that entry; e.g. `waivers:\\n  - address: aws_db_instance.orders-{env}' +
        '\\n    rule: engine-major-upgrade\\n    reason: planned upgrade to 17, rehearsed on staging' +
        '\\n    owner: data-platform\\n    expires: 2026-12-31`.',
    );
    const policy = write(
      'neither-policy.yaml',
      'waivers:\n  - reason: accepted for the migration window\n    owner: data-platform\n    expires: "2099-12-31"\n',
    );
    await expect(runCheck([...hclArgs, '--policy', policy])).rejects.toEqual(
      new ExitError(
        ExitCode.badInput,
        `expected a \`rule\` or an \`address\` (or both): what the waiver accepts at \`waivers.0.rule\` in policy file ${policy}, ` +
          'found nothing. Fix the policy file; its format is in README.md, "Checking parity".',
      ),
    );
  });
});

describe('check', () => {
  test('a rule-only waiver (`invariant` in prod) accepts every invariant divergence concerning prod', async () => {
    const policy = write(
      'rule-only.yaml',
      'groups:\n  production: [staging, prod]\nscaleKnobs:\n  - aws_db_instance.*.count\nwaivers:\n  - rule: invariant\n    ' +
        'environment: prod\n    reason: prod is being rebuilt this quarter, tracked in OPS-7\n    owner: platform-team\n    expires: ' +
        '"2099-12-31"\n',
    );
    const output = join(dir, 'rule-only.json');
    const code = await runCheck([...hclArgs, '--policy', policy, '--format', 'json', '--output', output]);
    const report = JSON.parse(readFileSync(output, 'utf8'));
    expect(report.groups[0].differences).toEqual([]);
    expect(report.groups[0].onlyIn).toEqual([]);
    expect(report.groups[0].waived.map((w: { waiver: { rule: string } }) => w.waiver.rule)).toEqual([
      'invariant',
      'invariant',
      'invariant',
    ]);
    expect(report.unusedWaivers).toEqual([]);
    expect(code).toBe(0);
  });

  test('a waiver for another rule (`topology`) matches nothing: a warning', async () => {
    const policy = write(
      'topology.yaml',
      'groups:\n  production: [staging, prod]\nscaleKnobs:\n  - aws_db_instance.*.count\nwaivers:\n  - rule: topology\n    address: ' +
        'aws_db_instance.main\n    reason: the replica count differs on purpose\n    owner: platform-team\n    expires: "2099-12-31"\n',
    );
    const output = join(dir, 'topology.txt');
    await runCheck([...hclArgs, '--policy', policy, '--output', output]);
    expect(readFileSync(output, 'utf8')).toContain(
      'warning: waiver for `topology at aws_db_instance.main` (owner platform-team) matches nothing: remove it',
    );
  });
});

describe('plan review', () => {
  const prod = join(PLANS, 'prod-terraform-1.8.json');
  const bucketOnly = () => {
    const plan = JSON.parse(readFileSync(prod, 'utf8'));
    return write(
      'bucket-only.json',
      JSON.stringify({
        ...plan,
        resource_changes: plan.resource_changes.filter((c: { address: string }) => c.address === 'aws_s3_bucket.exports'),
      }),
    );
  };
  const waiver = (fields: string) =>
    `waivers:\n${fields}    reason: exports moved to the data lake bucket\n    owner: data-platform\n    expires: 2099-12-31\n`;

  interface ReviewJson {
    readonly status: string;
    readonly findings: { rule: string; level: string; message: string }[];
    readonly waived: { finding: { rule: string }; waiver: { reason: string } }[];
    readonly unusedWaivers: unknown[];
    readonly expiredWaivers: unknown[];
  }

  async function review(args: string[]): Promise<{ code: number } & ReviewJson> {
    const output = join(dir, `review-${Math.random().toString(36).slice(2)}.json`);
    const code = await runPlanReview(['review', ...args, '--format', 'json', '--output', output]);
    return { code, ...(JSON.parse(readFileSync(output, 'utf8')) as ReviewJson) };
  }

  test('a rule-only waiver accepts the rule’s finding at any address', async () => {
    const file = write('rule-only.yml', waiver('  - rule: stateful-resource-deleted\n'));
    const { code, findings, waived } = await review(['--plan', `prod=${bucketOnly()}`, '--waivers', file]);
    expect(code).toBe(ExitCode.ok);
    expect(findings).toEqual([]);
    const accepted = waived.map((w) => [w.finding.rule, w.waiver.reason]);
    expect(accepted).toEqual([['stateful-resource-deleted', 'exports moved to the data lake bucket']]);
  });

  test('an unused waiver is a warning finding; with --strict it blocks', async () => {
    const file = write(
      'unused.yml',
      waiver('  - rule: stateful-resource-deleted\n') +
        waiver('  - address: aws_s3_bucket.gone\n    rule: stateful-resource-deleted\n').replace('waivers:\n', ''),
    );
    const args = ['--plan', `prod=${bucketOnly()}`, '--waivers', file];
    const lenient = await review(args);
    expect(lenient.code).toBe(ExitCode.ok);
    expect(lenient.findings.filter((f) => f.rule === 'waiver-unused')).toMatchObject([
      {
        rule: 'waiver-unused',
        level: 'warn',
        environment: '*',
        address: 'aws_s3_bucket.gone',
        message: 'the waiver for stateful-resource-deleted at aws_s3_bucket.gone owned by data-platform matches no finding: remove it.',
        result: 'non-compliant',
      },
    ]);
    expect(lenient.status).toBe('pass');
    expect(lenient.unusedWaivers).toEqual([
      {
        rule: 'stateful-resource-deleted',
        address: 'aws_s3_bucket.gone',
        reason: 'exports moved to the data lake bucket',
        owner: 'data-platform',
        expires: '2099-12-31',
        source: file,
      },
    ]);
    const strict = await review([...args, '--strict']);
    expect(strict.code).toBe(ExitCode.findings);
    expect(strict.status).toBe('fail');
    expect(strict.findings.filter((f) => f.rule === 'waiver-unused').map((f) => [f.level, f.message])).toEqual([
      [
        'block',
        'the waiver for stateful-resource-deleted at aws_s3_bucket.gone owned by data-platform matches no finding: remove it (fails ' +
          'with --strict).',
      ],
    ]);
  });

  test('an expired waiver blocks and its finding blocks too', async () => {
    const file = write(
      'expired.yml',
      'waivers:\n  - rule: stateful-resource-deleted\n    reason: exports moved to the data lake bucket\n    owner: data-platform\n    ' +
        'expires: 2020-01-31\n',
    );
    const { code, findings, waived, expiredWaivers } = await review(['--plan', `prod=${bucketOnly()}`, '--waivers', file]);
    expect(code).toBe(ExitCode.findings);
    expect(findings.map((f) => [f.rule, f.level])).toEqual([
      ['stateful-resource-deleted', 'block'],
      ['waiver-expired', 'block'],
    ]);
    expect(waived).toEqual([]);
    expect(expiredWaivers).toHaveLength(1);
    expect(findings[1]!.message).toBe(
      'the waiver for every address (stateful-resource-deleted) owned by data-platform expired on 2020-01-31: renew it with a new date ' +
        'or remove it.',
    );
  });
});

describe('the migration gate', () => {
  const finding = (rule: string): Finding => ({
    engine: 'migrations',
    rule,
    level: 'block',
    address: '0004_drop.sql',
    message: `${rule} found something.`,
    why: 'w',
  });
  const run = (...rules: string[]): PackRun<MigrationEvidence> => ({
    findings: rules.map(finding),
    outcomes: rules.map((ruleId) => ({ subject: {} as MigrationEvidence, ruleId, level: 'block' as const, status: 'fail' as const })),
  });
  const at = { file: 'migrations/0004_drop.sql', address: '0004_drop.sql' };
  const now = new Date('2026-06-01T00:00:00Z');

  test('a current annotation allows its rule’s finding with the reason; nothing else is said', () => {
    const allows = readInlineWaivers('-- parity:allow destructive-change reason="archived in OPS-12" owner=dba expires=2026-06-30', at);
    const { findings, outcome } = acknowledge(run('destructive-change'), allows, { now });
    expect(findings).toEqual([
      {
        rule: 'destructive-change',
        level: 'allowed',
        message: 'destructive-change found something. Allowed: archived in OPS-12',
        allowedBy: { reason: 'archived in OPS-12', owner: 'dba', expires: '2026-06-30', line: 1 },
      },
    ]);
    expect(annotationFindings(outcome, allows, { now })).toEqual([]);
  });

  test('an expired annotation waives nothing and blocks, even when its rule found nothing', () => {
    const allows = readInlineWaivers('-- parity:allow destructive-change reason="archived in OPS-12" owner=dba expires=2026-05-31', at);
    for (const pack of [run('destructive-change'), run()]) {
      const { findings, outcome } = acknowledge(pack, allows, { now });
      expect(findings.map((f) => f.level)).toEqual(pack.findings.map(() => 'blocking'));
      expect(annotationFindings(outcome, allows, { now })).toEqual([
        {
          rule: 'waiver-expired',
          level: 'blocking',
          message:
            '`parity:allow destructive-change` at migrations/0004_drop.sql:1 (owner dba) expired on 2026-05-31: it waives nothing; ' +
            'renew it with a new date or remove it.',
        },
      ]);
    }
  });

  test('an unused annotation warns; with strict it blocks', () => {
    const allows = readInlineWaivers('\n-- parity:allow lock-budget reason="a quiet hour agreed" owner=dba expires=2026-12-31', at);
    const { outcome } = acknowledge(run('destructive-change'), allows, { now });
    expect(annotationFindings(outcome, allows, { now })).toEqual([
      {
        rule: 'waiver-unused',
        level: 'warning',
        message: '`parity:allow lock-budget` at migrations/0004_drop.sql:2 waives nothing in this migration: remove it.',
      },
    ]);
    const strict = acknowledge(run('destructive-change'), allows, { now, strict: true }).outcome;
    expect(annotationFindings(strict, allows, { now, strict: true })).toEqual([
      {
        rule: 'waiver-unused',
        level: 'blocking',
        message:
          '`parity:allow lock-budget` at migrations/0004_drop.sql:2 waives nothing in this migration: remove it (fails with --strict).',
      },
    ]);
  });

  test('the old form still allows (it never expires) and is reported deprecated', () => {
    const allows = readInlineWaivers('-- parity:allow destructive-change reason: labels were archived in OPS-12', at);
    const { findings, outcome } = acknowledge(run('destructive-change'), allows, { now: new Date('2999-01-01T00:00:00Z') });
    expect(findings.map((f) => f.level)).toEqual(['allowed']);
    expect(annotationFindings(outcome, allows)).toEqual([
      {
        rule: 'waiver-deprecated',
        level: 'warning',
        message:
          '`parity:allow destructive-change` at migrations/0004_drop.sql:1 has no owner and no expiry: that form is deprecated; write ' +
          '`-- parity:allow destructive-change reason="why it is safe" owner=TEAM expires=YYYY-MM-DD`.',
      },
    ]);
  });

  test('before the run, the old form’s deprecation is said on stderr once (the report says it per annotation)', () => {
    const parsed = (text: string) => ({ migration: { allows: readInlineWaivers(text, at) } }) as unknown as ParsedMigration;
    const written: string[] = [];
    const stream = { write: (text: string) => written.push(text) };
    warnDeprecatedAnnotations([parsed('-- parity:allow lock-budget reason="a quiet hour agreed" owner=dba expires=2026-12-31')], stream);
    expect(written).toEqual([]);
    const old = [parsed('-- parity:allow destructive-change reason: archived'), parsed('-- parity:allow lock-budget reason: a quiet hour')];
    warnDeprecatedAnnotations(old, stream);
    warnDeprecatedAnnotations(old, stream);
    expect(written).toEqual([
      'parity: warning: `parity:allow destructive-change` at migrations/0004_drop.sql:1 has no owner and no expiry: that form is ' +
        'deprecated; write `-- parity:allow destructive-change reason="why it is safe" owner=TEAM expires=YYYY-MM-DD` ' +
        '(further ones are listed in the report)\n',
    ]);
  });
});
