/**
 * JSONTestSuite (MIT, ../shared/corpus/json/test_parsing, used in place) through the plan JSON
 * validator (packages/parity/src/shared/plan/json-validate.ts): every `y_` file must be accepted and
 * every `n_` file rejected, as `JSON.parse` does. `i_` files are implementation-defined: what the
 * validator does with them is recorded, not asserted. Skipped, with a note, when ../shared is absent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateDocument } from '../../packages/parity/src/shared/plan/json-validate';
import { absentCorpusNote, sharedCorpusDir } from './support/shared-corpus';

const SUITE = sharedCorpusDir(join('json', 'test_parsing'));
const files = SUITE
  ? readdirSync(SUITE)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];

function accepts(file: string): boolean {
  try {
    validateDocument(readFileSync(join(SUITE!, file)));
    return true;
  } catch {
    return false;
  }
}

if (!SUITE) {
  test.skip(absentCorpusNote('json/test_parsing'), () => undefined);
} else {
  describe('JSONTestSuite through the plan JSON validator', () => {
    const y = files.filter((f) => f.startsWith('y_'));
    const n = files.filter((f) => f.startsWith('n_'));

    test('the suite is there in full (95 y_ files, 188 n_ files)', () => {
      expect([y.length, n.length]).toEqual([95, 188]);
    });

    test('every y_ file is accepted, as JSON.parse accepts it', () => {
      expect(y.filter((f) => !accepts(f))).toEqual([]);
    });

    test('every n_ file is rejected, as JSON.parse rejects it', () => {
      expect(n.filter((f) => accepts(f))).toEqual([]);
    });

    test('the validator agrees with JSON.parse on every y_ and n_ file', () => {
      const parses = (f: string) => {
        try {
          JSON.parse(readFileSync(join(SUITE, f), 'utf8'));
          return true;
        } catch {
          return false;
        }
      };
      expect([...y, ...n].filter((f) => accepts(f) !== parses(f))).toEqual([]);
    });
  });
}
