/**
 * Parity of this project's own app: synthesized for real (stacks/app.ts) into a temporary
 * directory, then checked with the policy from config/.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkParityOf } from '../../packages/parity/src/parity/check-parity';
import { type SynthesizedApp, synthesizeProject } from '../../packages/parity/src/parity/stacks/synthesize-project';
import { ALL_ENVIRONMENTS } from '../../packages/parity/src/parity/parity-result';

let outdir: string;
let app: SynthesizedApp;

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'parity-real-app-'));
  app = await synthesizeProject(outdir);
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const stackFile = (env: string) => app.stacks.find((s) => s.environment === env)!.file;

function editStack(env: string, edit: (doc: Record<string, Record<string, Record<string, Record<string, unknown>>>>) => void): void {
  const doc = JSON.parse(readFileSync(stackFile(env), 'utf8'));
  edit(doc);
  writeFileSync(stackFile(env), JSON.stringify(doc));
}

test('the synthesized app has one stack per environment of config/', () => {
  expect(app.stacks.map((s) => s.environment)).toEqual(['dev', 'staging', 'prod']);
});

test('the synthesized app holds parity: zero differences in every group', async () => {
  const report = await checkParityOf({ source: { kind: 'project', synthesized: app } });
  expect(report.groups.map((g) => g.name)).toEqual(['development', 'production', ALL_ENVIRONMENTS]);
  expect(report.groups.flatMap((g) => [...g.differences, ...g.onlyIn])).toEqual([]);
  expect(report.status).toBe('pass');
});

test('a changed engine version in prod and an extra SSM parameter in staging are reported exactly', async () => {
  let dbAddress = '';
  editStack('prod', (doc) => {
    const [name, db] = Object.entries(doc.resource!.aws_db_instance!)[0]!;
    dbAddress = `aws_db_instance.${name}`;
    db.engine_version = '16.9';
  });
  editStack('staging', (doc) => {
    doc.resource!.aws_ssm_parameter!.parameter_DEBUG_SQL = { name: '/orders/staging/DEBUG_SQL', type: 'String', value: 'true' };
  });
  const report = await checkParityOf({ source: { kind: 'project', synthesized: app } });
  const production = report.groups.find((g) => g.name === 'production')!;
  expect(production.differences).toEqual([
    {
      address: dbAddress,
      path: 'engine_version',
      values: { staging: '16.8', prod: '16.9' },
      absentIn: [],
      unknownIn: [],
      kind: 'invariant',
    },
  ]);
  expect(production.onlyIn).toEqual([{ address: 'aws_ssm_parameter.parameter_DEBUG_SQL', environments: ['staging'], kind: 'invariant' }]);
  expect(report.groups.find((g) => g.name === ALL_ENVIRONMENTS)!.differences).toEqual([]);
  expect(report.status).toBe('fail');
});
