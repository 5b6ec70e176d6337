/**
 * The gate's inline waivers end to end on real PostgreSQL: a current annotation allows its rule's finding,
 * an expired one waives nothing and blocks, an unused one warns (blocks with `strict`), and the old form is
 * reported deprecated; the exit code follows (`hasBlockingFinding`).
 */
import { rmSync } from 'node:fs';
import { runMigrationGate } from '../../packages/parity/src/migrations/gate';
import { hasBlockingFinding, type GateReport } from '../../packages/parity/src/migrations/report/gate-report';
import { startEmbeddedServer, type EmbeddedServer } from '../../packages/parity/src/migrations/server/embedded-server';
import { embeddedPostgresBinaries } from '../../packages/parity/src/migrations/server/postgres-binaries';
import { baseSchema, migrationsDir, testGateOptions } from '../migrations/support/gate-dir';

const current = 'reason="emails were copied to the contacts service in OPS-31" owner=data-team expires=2099-12-31';
const withTimeout = (sql: string) => `SET LOCAL lock_timeout = '1s';\n${sql}\n`;
const files = {
  '0001_base.sql': baseSchema,
  '0002_drop_email.sql':
    `-- parity:allow destructive-change ${current}\n-- parity:allow lock-budget ${current}\n` +
    withTimeout('ALTER TABLE authors DROP COLUMN email;'),
  '0003_drop_name.sql':
    '-- parity:allow destructive-change reason="names moved in OPS-32" owner=data-team expires=2020-01-31\n' +
    withTimeout('ALTER TABLE authors DROP COLUMN name;'),
  '0004_drop_price.sql':
    '-- parity:allow destructive-change reason: prices moved to the billing service\n' +
    withTimeout('ALTER TABLE prices DROP COLUMN price;'),
};

let server: EmbeddedServer;
let stderr: jest.SpyInstance;
let dir: string;
let report: GateReport;
const findingsOf = (r: GateReport, file: string) =>
  r.migrations.find((m) => m.file === file)!.findings.filter((f) => !f.rule.startsWith('squawk/'));

beforeAll(async () => {
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  server = await startEmbeddedServer(embeddedPostgresBinaries());
  dir = migrationsDir(files, { authors: 300_000, prices: 300_000 });
  dirs.push(dir);
  report = await runMigrationGate(testGateOptions(dir, server.url, 3));
}, 300_000);
const dirs: string[] = [];
afterAll(async () => {
  jest.restoreAllMocks();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await server?.stop();
});

test('a current annotation allows its rule; the one for a rule that found nothing is unused (a warning)', () => {
  expect(findingsOf(report, '0002_drop_email.sql').map((f) => [f.rule, f.level])).toEqual([
    ['destructive-change', 'allowed'],
    ['waiver-unused', 'warning'],
  ]);
  expect(findingsOf(report, '0002_drop_email.sql')[0]!.message).toMatch(/ Allowed: emails were copied to the contacts service in OPS-31$/);
  expect(findingsOf(report, '0002_drop_email.sql')[1]!.message).toBe(
    `\`parity:allow lock-budget\` at ${dir}/0002_drop_email.sql:2 waives nothing in this migration: remove it.`,
  );
});

test('an expired annotation waives nothing and blocks', () => {
  expect(findingsOf(report, '0003_drop_name.sql').map((f) => [f.rule, f.level])).toEqual([
    ['destructive-change', 'blocking'],
    ['waiver-expired', 'blocking'],
  ]);
  expect(hasBlockingFinding(report)).toBe(true);
});

test('the old form still allows, and is reported deprecated (and said once on stderr)', () => {
  expect(stderr.mock.calls.map(([text]) => String(text)).filter((text) => text.includes('deprecated'))).toEqual([
    `parity: warning: \`parity:allow destructive-change\` at ${dir}/0004_drop_price.sql:1 has no owner and no expiry: that form is ` +
      'deprecated; write `-- parity:allow destructive-change reason="why it is safe" owner=TEAM expires=YYYY-MM-DD` ' +
      '(further ones are listed in the report)\n',
  ]);
  expect(findingsOf(report, '0004_drop_price.sql').map((f) => [f.rule, f.level])).toEqual([
    ['destructive-change', 'allowed'],
    ['waiver-deprecated', 'warning'],
  ]);
});

test('with strict, the unused annotation blocks', async () => {
  const only = { '0001_base.sql': files['0001_base.sql'], '0002_drop_email.sql': files['0002_drop_email.sql'] };
  const one = migrationsDir(only, { authors: 300_000 });
  dirs.push(one);
  const strict = await runMigrationGate({ ...testGateOptions(one, server.url, 1), strict: true });
  expect(findingsOf(strict, '0002_drop_email.sql').map((f) => [f.rule, f.level])).toEqual([
    ['destructive-change', 'allowed'],
    ['waiver-unused', 'blocking'],
  ]);
  expect(hasBlockingFinding(strict)).toBe(true);
}, 300_000);
