/**
 * Property: two byte-identical HCL directories have parity. Seeded directories with the expression
 * shapes that trip a reader of references (test/parity/hcl-layout-generator.ts) are written twice
 * and checked through the engine (and a few through the real CLI): zero differences, exit 0, and
 * not one unknown value in the model (every input has a value; the names that appear only inside
 * literals are declared nowhere, so misreading one as a reference would show up as an unknown).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { checkParityOf } from '../../packages/parity/src/parity/check-parity';
import { UnknownValue, type EnvironmentModel } from '../../packages/parity/src/parity/environment-model';
import { loadHclDirectory } from '../../packages/parity/src/parity/hcl/load-hcl-directory';
import { generateLayout, writeLayout } from './hcl-layout-generator';

const ROOT = join(__dirname, '..', '..');
const NOW = new Date('2026-06-01T00:00:00Z');
/** Environment names that appear nowhere in generated text (names are normalized out of values). */
const [LEFT, RIGHT] = ['blue', 'green'];
const SEEDS = Array.from({ length: 24 }, (_, i) => 1000 + i * 7919);
const CLI_SEEDS = SEEDS.slice(0, 3);

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'parity-hcl-pairs-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writePair(seed: number): { left: string; right: string; layout: ReturnType<typeof generateLayout> } {
  const layout = generateLayout(seed);
  const left = join(root, String(seed), LEFT);
  const right = join(root, String(seed), RIGHT);
  writeLayout(left, layout.files);
  writeLayout(right, layout.files);
  return { left, right, layout };
}

function unknownLeaves(model: EnvironmentModel): string[] {
  const found: string[] = [];
  for (const [address, attributes] of model.resources) {
    for (const [path, value] of attributes) {
      const leaves = Array.isArray(value) ? value : [value];
      if (leaves.some((leaf) => leaf instanceof UnknownValue))
        found.push(`${address} ${path}: ${(leaves.find((leaf) => leaf instanceof UnknownValue) as UnknownValue).reason}`);
    }
  }
  return found;
}

describe('byte-identical HCL directories (seeded)', () => {
  test('the generator is deterministic and covers every shape', () => {
    expect(generateLayout(42)).toEqual(generateLayout(42));
    const text = SEEDS.map((seed) => Object.values(generateLayout(seed).files).join('\n')).join('\n');
    for (const shape of [
      'aws_s3_bucket.local.id',
      '"var.region"',
      '${"$"}{var.nope}',
      '$${var.nope}',
      '"local.nope"',
      '<<EOT',
      '<<-EOT',
      '%{ if var.enabled }',
      '%{ for n in var.names',
      '[for s in var.names',
      '{ for k, v in var.sizes',
      ' if s != ',
      'format("%s-%s", upper(',
      'var.enabled ? ',
      '[*]',
      'var.sizes[var.size_key]',
      'local.l0',
      'resource "aws_s3_bucket" "var"',
    ]) {
      expect(text).toContain(shape);
    }
  });

  test.each(SEEDS)('seed %i: zero differences through the engine, no unknown value, literals kept', async (seed) => {
    const { left, right, layout } = writePair(seed);
    const report = await checkParityOf({
      source: {
        kind: 'hcl',
        directories: new Map([
          [LEFT, left],
          [RIGHT, right],
        ]),
      },
      now: NOW,
    });
    const findings = report.groups.flatMap((g) => [...g.differences, ...g.onlyIn]);
    expect(findings).toEqual([]);
    expect(report.status).toBe('pass');
    const model = await loadHclDirectory(LEFT, left);
    expect(unknownLeaves(model)).toEqual([]);
    expect(model.resources.size).toBeGreaterThanOrEqual(layout.resources);
    for (const { address, path, value } of layout.expectations)
      expect([address, path, model.resources.get(address)?.get(path)]).toEqual([address, path, value]);
  });

  test.each(CLI_SEEDS)('seed %i: the real CLI exits 0 with zero differences', async (seed) => {
    const { left, right } = writePair(seed);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        join(ROOT, 'packages', 'parity', 'bin', 'parity.cjs'),
        'check',
        '--hcl',
        `${LEFT}=${left}`,
        '--hcl',
        `${RIGHT}=${right}`,
        '--format',
        'json',
      ],
      { cwd: ROOT },
    );
    const report = JSON.parse(stdout) as { status: string; groups: { differences: unknown[]; onlyIn: unknown[] }[] };
    expect(report.status).toBe('pass');
    expect(report.groups.flatMap((g) => [...g.differences, ...g.onlyIn])).toEqual([]);
  });
});
