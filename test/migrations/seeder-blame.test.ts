/**
 * Seeded data the migration cannot use is not blamed on the migration: a new constraint that the
 * generated rows break is exit 2 naming the generated rows and both fixes; with the column's values
 * in the profile the same migration passes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitError } from '../../packages/parity/src/shared/exit-error';
import { runMigrationGate, type GateOptions } from '../../packages/parity/src/migrations/gate';
import { PROD_PG_VERSION } from '../support/this-project';

jest.setTimeout(120_000);

const dir = join(__dirname, '..', 'fixtures', 'migrations', 'seeded-data');
const options: GateOptions = {
  dir,
  allowNonEmpty: false,
  selection: { kind: 'last', count: 1 },
  scale: 1,
  maxRows: 1_000_000,
  lockBudgetMs: 2000,
  totalBudgetMs: 30_000,
  squawk: { exclude: [], block: [] },
  declaredVersion: PROD_PG_VERSION,
};

test('a constraint the generated rows break is bad input about the generated rows, not "fix the migration"', async () => {
  const error = (await runMigrationGate(options).catch((e: unknown) => e)) as ExitError;
  expect(error).toBeInstanceOf(ExitError);
  expect(error.code).toBe(2);
  expect(error.message).toBe(
    `expected the rows the gate generated in \`parcels\` (from the profile's statistics, not prod's data) to suit ` +
      `${join(dir, '0002_labels_upper_case.sql')}:2 \`ALTER TABLE parcels ADD CONSTRAINT parcels_label_upper CHECK (label ~ ` +
      `'^[A-Z]+$')\`, found \`check constraint "parcels_label_upper" of relation "parcels" is violated by some row\` (constraint ` +
      `\`parcels_label_upper\`). If prod's rows satisfy the statement, give the column's real values in the profile ` +
      `(\`tables.parcels.columns.<column>.values\`) and run the check again; if they would not, the migration fails in prod too: fix it.`,
  );
});

test('with the values in the profile, the same migration runs', async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'parity-profile-'));
  try {
    const profileFile = join(scratch, 'profile.json');
    writeFileSync(
      profileFile,
      JSON.stringify({ tables: { parcels: { rows: 2000, columns: { label: { values: ['BOX', 'CRATE', 'ENVELOPE'] } } } } }),
    );
    const report = await runMigrationGate({ ...options, profileFile });
    expect(report.migrations.map((m) => m.file)).toEqual(['0002_labels_upper_case.sql']);
    expect(report.seeded.map((s) => [s.table, s.sampleRows])).toEqual([['parcels', 2000]]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
