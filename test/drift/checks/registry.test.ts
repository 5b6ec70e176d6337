/**
 * The drift check registry: every file of src/drift/checks/ is one check, listed once, whose id
 * is its file name and whose meta is complete; the report sections come from the registry.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DRIFT_CHECKS } from '../../../packages/parity/src/drift/checks';

const DIR = join(__dirname, '..', '..', '..', 'packages', 'parity', 'src', 'drift', 'checks');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

test('every check file is in the registry, once, and nothing else is', () => {
  expect(DRIFT_CHECKS.map((c) => c.meta.id).sort()).toEqual(files);
});

test.each(files)('%s: id = file name, complete meta, a service of its own', (file) => {
  const check = (require(join(DIR, file)) as { default: (typeof DRIFT_CHECKS)[number] }).default;
  expect(check.meta.id).toBe(file);
  expect(check.meta.description.length).toBeGreaterThan(20);
  expect(check.meta.why.length).toBeGreaterThan(20);
  expect(check.meta.docsUrl).toBe('docs/drift.md');
  expect(['block', 'warn', 'info']).toContain(check.meta.defaultLevel);
  expect(['ssm', 'rds', 'elasticache', 'opensearch']).toContain(check.meta.service);
  expect(typeof check.read).toBe('function');
  expect(typeof check.compare).toBe('function');
});

test('every service has a check (its status comes from them)', () => {
  expect([...new Set(DRIFT_CHECKS.map((c) => c.meta.service))].sort()).toEqual(['elasticache', 'opensearch', 'rds', 'ssm']);
});
