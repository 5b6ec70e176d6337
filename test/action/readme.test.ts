/** README's "Use it in any repository: the GitHub Action": its example is a valid workflow that uses every input it names correctly. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(
  readme.indexOf('## Use it in any repository: the GitHub Action'),
  readme.indexOf('## Terraform without network'),
);
const example = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };

test('the section and its example are there', () => {
  expect(section.length).toBeGreaterThan(500);
  expect(example).toContain('command: plan review');
});

test('the example is a valid workflow with concurrency, fork-safe, its third-party actions pinned by SHA', () => {
  expect(validateWorkflow(example).errors).toEqual([]);
  const workflow = parse(example) as {
    concurrency: unknown;
    jobs: Record<string, { if: string; steps: { uses?: string; with?: Record<string, string> }[] }>;
  };
  expect(workflow.concurrency).toBeDefined();
  const job = Object.values(workflow.jobs)[0]!;
  expect(job.if).toBe('github.event.pull_request.head.repo.full_name == github.repository');
  for (const line of example.split('\n').filter((l) => /uses: (actions|hashicorp|aws-actions)\//.test(l)))
    expect(line).toMatch(/@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  const step = job.steps.find((s) => s.uses?.includes('/env-parity@'))!;
  for (const input of Object.keys(step.with!)) expect(action.inputs).toHaveProperty([input]);
});

test('every input of action.yml is documented in the section', () => {
  for (const input of Object.keys(action.inputs)) expect(section).toContain(`\`${input}\``);
});
