/**
 * Raw control characters inside strings, at every alignment of the validator's four-bytes-at-a-time
 * check, in buffers that start at any byte offset of their memory (pooled, sliced, decoded UTF-16).
 */
import type { JsonSyntaxError } from '../../packages/parity/src/shared/plan/json-scanner';
import { validateDocument } from '../../packages/parity/src/shared/plan/json-validate';

function rejection(buf: Buffer): JsonSyntaxError | undefined {
  try {
    validateDocument(buf);
    return undefined;
  } catch (error) {
    return error as JsonSyntaxError;
  }
}

describe('control characters inside strings', () => {
  const text = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH';
  test.each([0x00, 0x01, 0x09, 0x0a, 0x0d, 0x1f])(
    'control character %d is rejected at every position of a long string, at every buffer offset',
    (code) => {
      for (let shift = 0; shift < 4; shift++) {
        for (let at = 0; at < text.length; at++) {
          const json = `{"k":"${text.slice(0, at)}${String.fromCharCode(code)}${text.slice(at)}"}`;
          const buf = Buffer.from(`${' '.repeat(shift)}${json}`).subarray(shift);
          const error = rejection(buf);
          expect(error?.offset).toBe(6 + at);
          expect(error?.message).toBe(
            `a raw control character (U+${code.toString(16).toUpperCase().padStart(4, '0')}) inside a ` +
              `string: write it escaped, e.g. \\n or \\u0009`,
          );
        }
      }
    },
  );

  test('escaped control characters, DEL, non-ASCII and whitespace between tokens are accepted', () => {
    for (let shift = 0; shift < 4; shift++) {
      const json = `{\n\t"k" : "${'\\n\\t\\u0001\x7f é 😀 \u2028 '.repeat(5)}",\r\n "l": [ "\\u001f", "${' '.repeat(33)}" ]\n}\n`;
      const buf = Buffer.from(`${'x'.repeat(shift)}${json}`).subarray(shift);
      expect(rejection(buf)).toBeUndefined();
      expect(() => JSON.parse(buf.toString('utf8'))).not.toThrow();
    }
  });
});
