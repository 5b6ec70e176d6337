/** The byte-level JSON walker, masking of sensitive and unknown values, and changed paths. */
import { maskValue } from '../../packages/parity/src/plan-review/attribute-values';
import { changedPaths, formatPath } from '../../packages/parity/src/plan-review/changed-paths';
import { JsonSyntaxError, arrayElements, objectMembers } from '../../packages/parity/src/shared/plan/json-scanner';
import { validatedEnd } from '../../packages/parity/src/shared/plan/json-validate';

function span(text: string) {
  return { buf: Buffer.from(text), span: { start: 0, end: Buffer.byteLength(text) } };
}

describe('json scanner', () => {
  test('walks members of an object with escaped quotes and multi-byte text in strings', () => {
    const { buf, span: s } = span('{"a\\"b": "x\\\\", "ü": [1, {"n": "}"}], "c": null}');
    expect([...objectMembers(buf, s)].map((m) => [m.key, buf.toString('utf8', m.start, m.end)])).toEqual([
      ['a"b', '"x\\\\"'],
      ['ü', '[1, {"n": "}"}]'],
      ['c', 'null'],
    ]);
  });

  test('walks elements of an array', () => {
    const { buf, span: s } = span('[ {"x":1} , 2,"three" ]');
    expect([...arrayElements(buf, s)].map((e) => buf.toString('utf8', e.start, e.end))).toEqual(['{"x":1}', '2', '"three"']);
  });

  test.each(['{"a":{"b":[1,-2.5e+3,0,{"g":"h\\"i\\u00e9\\n"}],"c":true,"d":false,"e":null,"f":{}}}', '[]', '"\\\\"', '-0.5E7'])(
    'the grammar check finds the end of %s',
    (text) => {
      expect(validatedEnd(Buffer.from(`${text}  ,`), 0, text.length + 3)).toBe(Buffer.byteLength(text));
      expect(() => JSON.parse(text)).not.toThrow();
    },
  );

  test.each([
    ['{"a":1,}', 'invalid', 'a trailing comma before the closing bracket'],
    ['{"a":1 "b":2}', 'invalid', 'expected `,` or `}`, found `"`'],
    ['{"a" 1}', 'invalid', 'expected `:`, found `1`'],
    ['{"a":[1,2', 'truncated', 'the text ends where `,` or `]` was expected'],
    ['{"a":"\\x"}', 'invalid', 'an unknown escape `\\x`'],
    ['{"a":01}', 'invalid', 'expected `,` or `}`, found `1`'],
    ['{"a":tru}', 'invalid', 'expected a value, found `t`'],
    ['{"a":"abc', 'truncated', 'the text ends inside a string'],
  ])('%s is %s: %s', (text, kind, message) => {
    const buf = Buffer.from(text);
    let error: unknown;
    try {
      validatedEnd(buf, 0, buf.length);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JsonSyntaxError);
    expect({ kind: (error as JsonSyntaxError).kind, message: (error as JsonSyntaxError).message }).toEqual({ kind, message });
  });
});

describe('masking', () => {
  test('sensitive marks hide values at any depth, unknown marks show known after apply', () => {
    const value = {
      name: 'db',
      password: 'hunter22',
      users: [
        { login: 'a', secret: 's1' },
        { login: 'b', secret: 's2' },
      ],
      tags: { a: '1' },
    };
    expect(maskValue(value, { password: true, users: [{ secret: true }, { secret: true }] }, { endpoint: true, tags: true })).toEqual({
      name: 'db',
      password: '(sensitive value)',
      users: [
        { login: 'a', secret: '(sensitive value)' },
        { login: 'b', secret: '(sensitive value)' },
      ],
      tags: '(known after apply)',
      endpoint: '(known after apply)',
    });
  });

  test('a whole sensitive block is one masked value', () => {
    expect(maskValue({ auth: [{ token: 't', user: 'u' }] }, { auth: true })).toEqual({ auth: '(sensitive value)' });
  });
});

describe('changed paths', () => {
  test.each([
    [['a', 0, 'b'], 'a[0].b'],
    [['tags', 'kubernetes.io/role'], 'tags["kubernetes.io/role"]'],
    [['root_block_device', 0, 'volume_type'], 'root_block_device[0].volume_type'],
  ])('%j is written %s', (steps, text) => {
    expect(formatPath(steps as (string | number)[])).toBe(text);
  });

  test('nested changes, list length changes, sensitive and unknown values', () => {
    const paths = changedPaths({
      actions: ['update'],
      before: { size: 10, tags: { env: 'prod', team: 'a' }, cidrs: ['10.0.0.0/8'], token: 'old-secret', same_secret: 'x1' },
      after: {
        size: 20,
        tags: { env: 'prod', team: 'b', new: 'y' },
        cidrs: ['10.0.0.0/8', '0.0.0.0/0'],
        token: 'new-secret',
        same_secret: 'x1',
        arn: null,
      },
      before_sensitive: { token: true, same_secret: true },
      after_sensitive: { token: true, same_secret: true },
      after_unknown: { arn: true },
    });
    expect(paths).toEqual([
      { path: 'arn', before: null, after: '(known after apply)' },
      { path: 'cidrs', before: ['10.0.0.0/8'], after: ['10.0.0.0/8', '0.0.0.0/0'] },
      { path: 'size', before: 10, after: 20 },
      { path: 'tags.new', before: null, after: 'y' },
      { path: 'tags.team', before: 'a', after: 'b' },
      { path: 'token', before: '(sensitive value)', after: '(sensitive value)' },
    ]);
  });
});
