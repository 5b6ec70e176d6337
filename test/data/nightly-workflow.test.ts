/** The nightly drift workflow runs `data check` of prod and staging too, with TLS verified, and its exit code reaches the drift issue. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';

const source = readFileSync(join(__dirname, '..', '..', '.github', 'workflows', 'nightly-drift.yml'), 'utf8');
const steps = (
  parse(source) as {
    jobs: {
      drift: { steps: { name?: string; uses?: string; run?: string; with?: Record<string, string>; env?: Record<string, string> }[] };
    };
  }
).jobs.drift.steps;
const named = (name: string) => steps.find((s) => s.name === name);

test('passes the action validator', () => {
  expect(validateWorkflow(source).errors).toEqual([]);
});

// Moved into the action (`uses: ./`): `timeout 600` is its `timeout`, `--format markdown --output
// data.md` its `report`, the step summary its own, and `0|1|3)` its `allowed-exit-codes`.
test('data check of prod and staging, bounded, markdown into the step summary, exit code kept', () => {
  const step = named('parity data check');
  expect(step?.uses).toBe('./');
  expect(step?.with).toMatchObject({
    command: 'data check',
    arguments: '--db prod --db staging',
    report: 'data.md',
    timeout: '600',
    'allowed-exit-codes': '0 1 3',
    comment: 'false',
  });
  expect(step?.with?.summary ?? 'true').toBe('true');
  expect(step?.env).toEqual({ PGSSLROOTCERT: '${{ runner.temp }}/rds-ca.pem' });
  expect(steps.indexOf(named('RDS CA bundle (TLS verification of the databases)')!)).toBeLessThan(steps.indexOf(step!));
});

test('the issue stays open while either check fails, and carries both reports', () => {
  const issue = named('Open, update or close the drift issue');
  expect(issue?.env?.DATA_CODE).toBe('${{ steps.data.outputs.exit-code }}');
  expect(issue?.run).toContain('if [ "$CODE" = 0 ] && [ "$DATA_CODE" = 0 ]; then');
  expect(issue?.run).toContain("{ cat drift.md; printf '\\n\\n'; cat data.md;");
});
