/** A very large review still fits one GitHub comment, keeps the summary and says what was cut. */
import { GITHUB_COMMENT_LIMIT } from '../../packages/parity/src/shared/report/markdown-budget';
import { renderMarkdown } from '../../packages/parity/src/plan-review/render-review';
import type { PlanChange, PlanReview } from '../../packages/parity/src/plan-review/review-model';

function bigReview(changes: number): PlanReview {
  const list: PlanChange[] = Array.from({ length: changes }, (_, i) => ({
    address: `aws_ssm_parameter.key_${String(i).padStart(5, '0')}`,
    type: 'aws_ssm_parameter',
    actions: ['update'],
    kind: 'update',
    replacePaths: [],
    changedPaths: [{ path: 'description', before: `old description number ${i}`, after: `new description number ${i}` }],
  }));
  const summary = { create: 0, update: changes, replace: 0, delete: 0, read: 0, noop: 0, other: 0 };
  return {
    schemaVersion: 1,
    environments: {
      staging: { formatVersion: '1.2', summary, changes: list, drift: [], outputs: [], complete: true },
      prod: { formatVersion: '1.2', summary, changes: list, drift: [], outputs: [], complete: true },
    },
    findings: list.slice(0, 400).map((c) => ({
      rule: 'ssm-key-deleted',
      level: 'warn',
      environment: 'prod',
      address: c.address,
      message: `SSM key ${c.address} is deleted`,
      result: 'non-compliant',
    })),
    asymmetric: [],
  };
}

test('5,000 changes per environment: under the limit, summary and dangerous changes kept, the cut named', () => {
  const markdown = renderMarkdown(bigReview(5000));
  expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
  expect(markdown.startsWith('<!-- parity-plan-review -->\n## Terraform plan review')).toBe(true);
  expect(markdown).toContain('| staging | 0 | 5000 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
  expect(markdown).toContain('### Dangerous changes');
  expect(markdown).toContain('_and 250 more: run with `--format json` for all of them._');
  expect(markdown).toMatch(/> \*\*Cut to fit GitHub's 65,535-character comment limit:\*\* changes in staging part \d+, /);
});

test('a small review is not cut', () => {
  const markdown = renderMarkdown(bigReview(3));
  expect(markdown).not.toContain('Cut to fit');
  expect(markdown).toContain('<details><summary>Changes in prod (3)</summary>');
});
