/** The markdown comment stays under GitHub's limit; the text matrix is plain off a terminal. */
import { join } from 'node:path';
import { checkParityOf } from '../../packages/parity/src/parity/check-parity';
import type { CheckReport } from '../../packages/parity/src/parity/check-report';
import { renderMarkdown, renderText } from '../../packages/parity/src/parity/render/render-report';
import { applyWaivers } from '../../packages/parity/src/parity/apply-waivers';
import { environmentModelFromTerraformJson } from '../../packages/parity/src/parity/load-terraform-json';
import { checkParity } from '../../packages/parity/src/parity/parity-engine';
import { GITHUB_COMMENT_LIMIT } from '../../packages/parity/src/shared/report/markdown-budget';

const ORDERS_HCL = join(__dirname, '..', 'fixtures', 'hcl', 'orders-terraform');

function generatedReport(resources: number): CheckReport {
  const doc = (env: string, version: string) => ({
    resource: {
      aws_db_instance: Object.fromEntries(
        Array.from({ length: resources }, (_, i) => [
          `db_${i}`,
          { identifier: `orders-${env}-${i}`, engine_version: version, parameter_group_name: `pg-${i}` },
        ]),
      ),
    },
  });
  const models = [
    environmentModelFromTerraformJson(doc('staging', '16.4'), 'staging', 's'),
    environmentModelFromTerraformJson(doc('prod', '16.8'), 'prod', 'p'),
  ];
  const result = checkParity(models, { groups: [{ name: 'production', environments: ['staging', 'prod'] }], scaleKnobs: [], topology: [] });
  const { groups } = applyWaivers(result.groups, [], new Date());
  return {
    schemaVersion: 1,
    source: 'generated',
    policy: { from: 'test', defaultsApplied: false, defaultsUsed: [] },
    groups,
    expiredWaivers: [],
    unusedWaivers: [],
    warnings: [],
    status: 'fail',
  };
}

describe('markdown', () => {
  test('a report of 3,000 differences stays under the comment limit and says what was cut', () => {
    const markdown = renderMarkdown(generatedReport(3000));
    expect(markdown.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(
      markdown.startsWith(
        '## Parity check: ❌ parity broken\n\n3000 differences, 0 resources in some environments only, 0 waived, 0 allowed. Policy: test.',
      ),
    ).toBe(true);
    expect(markdown).toContain("> **Cut to fit GitHub's 65,535-character comment limit:** production findings ");
    expect(markdown).toContain('| `aws_db_instance.db_0` | `engine_version` | `16.4` | **`16.8`** | invariant |');
  });

  test('a small report is whole: findings table, waived and allowed sections collapsed', async () => {
    const report = await checkParityOf({
      source: {
        kind: 'hcl',
        directories: new Map([
          ['staging', join(ORDERS_HCL, 'envs', 'staging')],
          ['prod', join(ORDERS_HCL, 'envs', 'prod')],
        ]),
      },
      policyFile: join(ORDERS_HCL, 'parity-policy.yaml'),
      now: new Date('2026-06-01T00:00:00Z'),
    });
    const markdown = renderMarkdown(report);
    expect(markdown).not.toContain('Cut to fit');
    expect(markdown).toContain('| Resource | Attribute | staging | prod | Rule |');
    expect(markdown).toContain('| `aws_s3_bucket.legacy_exports` | `(resource)` | `absent` | **`present`** | invariant |');
    // Waived findings are the shared section of every engine: one table with the environment and rule of each.
    expect(markdown).toContain('<details><summary>Waived (1)</summary>');
    expect(markdown).toContain(
      '| staging | `aws_db_instance.main` | `password` | invariant | platform-team | 2099-12-31 | ' +
        'The master password is injected by CI through TF_VAR_db_password and never in code. |',
    );
    expect(markdown).toContain('<details><summary>why: <code>invariant</code></summary>');
    expect(markdown).toContain('<details><summary>Allowed differences in production (4), and why</summary>');
    expect(markdown).toContain('- Default scale knobs used: `aws_db_instance.*.instance_class`, `module.*.cidr_block`');
  });
});

describe('text', () => {
  test('colour only when asked: marked cells in red, verdict in red', () => {
    const report = generatedReport(2);
    const coloured = renderText(report, { colour: true });
    expect(coloured).toContain('\u001b[31mFAIL\u001b[0m');
    expect(coloured).toContain('\u001b[31m16.8*');
    expect(renderText(report, { colour: false })).not.toContain('\u001b[');
  });
});
