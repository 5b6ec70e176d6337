/**
 * The real `--format json` output of `parity migrations check` (the gate on the embedded PostgreSQL, the
 * fixture set of its own tests) and `parity data check` (two real servers built as prod and staging),
 * validated against the published schemas; and the envelope's findings.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../packages/parity/src/cli/main';
import { startDriftedDatabases, type DriftedDatabases } from '../data/support/drifted-databases';
import { expectValidReport } from './support/schemas';

const ITEMS = join(__dirname, '..', 'fixtures', 'migrations', 'items');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'reports-postgres-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function json(argv: string[]): Promise<{ code: number; text: string }> {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  const code = await main([...argv, '--format', 'json', '--output', file]);
  return { code, text: readFileSync(file, 'utf8') };
}

type Row = { level: string; rule: string; address: string };

test("migrations check: our rules with their meta.why, squawk's as squawk/<id>, the allowed drop waived", async () => {
  const { code, text } = await json(['migrations', 'check', '--dir', ITEMS, '--new', '5', '--no-rehearsal']);
  expect(code).toBe(1);
  const report = expectValidReport('migrations', text);
  expect(report.status).toBe('fail');
  expect(report.migrationTool).toBe('sql (detected: `NNNN_name.sql`, optional `NNNN_name.down.sql`)');
  const findings = report.findings as (Row & { why: string; docsUrl?: string })[];
  expect(findings.filter((f) => f.level === 'block').map((f) => `${f.address} ${f.rule}`)).toEqual(
    expect.arrayContaining(['0006_create_tags.sql down-round-trip', '0002_items_price_to_integer.sql destructive-change']),
  );
  const squawk = findings.filter((f) => f.rule.startsWith('squawk/'));
  expect(squawk.length).toBeGreaterThan(0);
  for (const f of squawk) expect(f.docsUrl ?? '').toMatch(/^(https:\/\/squawkhq\.com\/docs\/[a-z-]+)?$/);
  expect(findings.find((f) => f.rule === 'down-round-trip')!.docsUrl).toBe('docs/migration-gate.md#findings');
  expect(report.waived).toEqual([
    {
      finding: expect.objectContaining({
        engine: 'migrations',
        rule: 'destructive-change',
        level: 'block',
        address: '0004_items_drop_label.sql',
      }),
      waiver: {
        rule: 'destructive-change',
        address: '0004_items_drop_label.sql',
        reason: 'labels were archived to the warehouse in ticket OPS-12',
        source: '0004_items_drop_label.sql:1 (-- parity:allow)',
      },
    },
  ]);
}, 240_000);

describe('data check', () => {
  let dbs: DriftedDatabases;
  beforeAll(async () => {
    dbs = await startDriftedDatabases();
  }, 240_000);
  afterAll(async () => dbs?.stop());

  test('the drifted pair: a finding per lagging object, migration, setting and low table; the old status as verdict', async () => {
    const { code, text } = await json([
      'data',
      'check',
      '--db',
      `prod=${dbs.readerUrl(dbs.prod)}`,
      '--db',
      `staging=${dbs.readerUrl(dbs.staging)}`,
    ]);
    expect(code).toBe(1);
    const report = expectValidReport('data', text);
    expect(report).toMatchObject({ status: 'fail', verdict: 'differences' });
    expect(new Set((report.findings as Row[]).map((f) => f.rule))).toEqual(
      new Set(['schema', 'migration-missing', 'setting', 'volume-low']),
    );
  });

  test('a database that cannot be read: an unknown finding, status unknown', async () => {
    const { code, text } = await json([
      'data',
      'check',
      '--db',
      `prod=${dbs.readerUrl(dbs.prod)}`,
      '--db',
      'staging=postgresql://parity_reader:x@127.0.0.1:1/postgres',
    ]);
    expect(code).toBe(3);
    const report = expectValidReport('data', text);
    expect(report).toMatchObject({ status: 'unknown', verdict: 'unreadable' });
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: 'unreadable', environment: 'staging', unknown: true }));
  });
});
