/**
 * Conformance over the shared corpus of public multi-environment HCL layouts (../shared/corpus/hcl
 * beside the repository; skipped when absent, run in CI). Each environment directory checked
 * against itself may differ only where a value cannot be known (a variable with no value is
 * unknown on both sides, never equal); a known value that differs from itself, or a resource seen
 * on one side only, is a misread expression.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkParityOf } from '../../packages/parity/src/parity/check-parity';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'hcl');
const present = existsSync(CORPUS);
const environments = present
  ? readdirSync(CORPUS).flatMap((layout) => readdirSync(join(CORPUS, layout)).map((env) => join(layout, env)))
  : [];

(present ? describe : describe.skip)('shared HCL corpus', () => {
  test('holds the layouts SOURCES.md lists', () => {
    expect(environments.length).toBeGreaterThanOrEqual(4);
  });

  test.each(environments)('%s against itself: only unknowns, on both sides', async (relative) => {
    const directory = join(CORPUS, relative);
    const report = await checkParityOf({
      source: {
        kind: 'hcl',
        directories: new Map([
          ['left', directory],
          ['right', directory],
        ]),
      },
      now: new Date('2026-06-01T00:00:00Z'),
    });
    const [group] = report.groups;
    expect(group!.onlyIn).toEqual([]);
    for (const difference of group!.differences)
      expect([difference.address, difference.path, difference.unknownIn]).toEqual([difference.address, difference.path, ['left', 'right']]);
  });
});
