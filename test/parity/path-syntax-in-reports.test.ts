/**
 * `parity check` reports attribute paths as Terraform writes them (`ingress[0].cidr_blocks`,
 * `tags["k8s.io/role"]`), policy patterns and waiver paths are matched in that syntax, and the old
 * dotted form of a policy file still matches with a deprecation warning.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkParityOf } from '../../packages/parity/src/parity/check-parity';
import { parseAttributePath, printAttributePath } from '../../packages/parity/src/shared/attribute-path';

let root: string;
const hcl = (cidr: string, role: string) => `resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["${cidr}"]
  }
  tags = {
    "k8s.io/role" = "${role}"
    Team          = "orders"
  }
}
`;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'path-syntax-'));
  for (const [env, cidr, role] of [
    ['staging', '10.1.0.0/16', 'web'],
    ['prod', '10.2.0.0/16', 'edge'],
  ] as const) {
    mkdirSync(join(root, env));
    writeFileSync(join(root, env, 'main.tf'), hcl(cidr, role));
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const source = () => ({
  kind: 'hcl' as const,
  directories: new Map([
    ['staging', join(root, 'staging')],
    ['prod', join(root, 'prod')],
  ]),
});
const policy = (text: string) => {
  const file = join(root, `policy-${text.length}.yaml`);
  writeFileSync(file, `groups:\n  production: [staging, prod]\ndefaults: false\n${text}`);
  return file;
};

test('differences are reported at paths in the one syntax', async () => {
  const report = await checkParityOf({ source: source(), policyFile: policy('') });
  const paths = report.groups.flatMap((g) => g.differences.map((d) => d.path));
  expect(paths).toEqual(['ingress[0].cidr_blocks', 'tags["k8s.io/role"]']);
  for (const path of paths) expect(printAttributePath(parseAttributePath(path))).toBe(path);
});

test('patterns and waiver paths in the syntax allow and waive them, with no warning', async () => {
  const report = await checkParityOf({
    source: source(),
    policyFile: policy(
      'scaleKnobs:\n  - aws_security_group.*.ingress[*].cidr_blocks\nwaivers:\n  - address: ' +
        'aws_security_group.web\n    path: tags["k8s.io/role"]\n    reason: the role label differs ' +
        'until the edge cut-over\n    owner: platform\n    expires: "2099-01-01"\n',
    ),
    now: new Date('2026-12-01T00:00:00Z'),
  });
  expect(report.groups.flatMap((g) => g.differences)).toEqual([]);
  expect(report.groups.flatMap((g) => g.allowed.map((a) => [a.path, a.allowedBy.pattern]))).toEqual([
    ['ingress[0].cidr_blocks', 'aws_security_group.*.ingress[*].cidr_blocks'],
  ]);
  expect(report.groups.flatMap((g) => g.waived.map((w) => w.waiver.path))).toEqual(['tags["k8s.io/role"]']);
  expect(report.warnings).toEqual([]);
  expect(report.status).toBe('pass');
});

test('the old dotted form still matches, and the report says how to write it now', async () => {
  const report = await checkParityOf({
    source: source(),
    policyFile: policy(
      'scaleKnobs:\n  - aws_security_group.*.ingress.0.cidr_blocks\nwaivers:\n  - address: ' +
        'aws_security_group.web\n    path: tags.*\n    reason: labels differ until the edge ' +
        'cut-over\n    owner: platform\n    expires: "2099-01-01"\n',
    ),
    now: new Date('2026-12-01T00:00:00Z'),
  });
  expect(report.status).toBe('pass');
  expect(report.warnings).toEqual([
    '`aws_security_group.*.ingress.0.cidr_blocks` is in the old dotted form: write ' +
      '`aws_security_group.*.ingress[0].cidr_blocks` (list indexes as `[0]`, keys that are not ' +
      'plain names as `["key"]`)',
  ]);
});
