/**
 * The one attribute path syntax (packages/parity/src/shared/attribute-path.ts and its patterns):
 * Terraform's own forms, exact errors, and round trips over generated paths whose keys hold dots,
 * quotes, brackets, backslashes, control characters and non-ASCII text.
 */
import { AttributePathError, parseAttributePath, printAttributePath, type PathStep } from '../../packages/parity/src/shared/attribute-path';
import { parsePathPattern, pathMatches } from '../../packages/parity/src/shared/attribute-path-pattern';
import { waiverMatches, type Waiver } from '../../packages/parity/src/shared/waivers/waiver';

describe('as Terraform writes paths', () => {
  test.each<[string, PathStep[]]>([
    ['engine_version', [{ key: 'engine_version' }]],
    ['ingress[0].cidr_blocks', [{ key: 'ingress' }, { index: 0 }, { key: 'cidr_blocks' }]],
    ['tags["k8s.io/role"]', [{ key: 'tags' }, { key: 'k8s.io/role' }]],
    ['metric_query[2].return_data', [{ key: 'metric_query' }, { index: 2 }, { key: 'return_data' }]],
    ['tags["kubernetes.io/cluster/main"]', [{ key: 'tags' }, { key: 'kubernetes.io/cluster/main' }]],
    ['default_tags[0].tags.parity-group', [{ key: 'default_tags' }, { index: 0 }, { key: 'tags' }, { key: 'parity-group' }]],
    ['tags["0"]', [{ key: 'tags' }, { key: '0' }]],
    ['tags["a\\"b"]', [{ key: 'tags' }, { key: 'a"b' }]],
    ['tags[""]', [{ key: 'tags' }, { key: '' }]],
    ['[0].name', [{ index: 0 }, { key: 'name' }]],
    ['["Name with space"]', [{ key: 'Name with space' }]],
    ['', []],
  ])('%s', (text, steps) => {
    expect(parseAttributePath(text)).toEqual(steps);
    expect(printAttributePath(steps)).toBe(text);
  });

  test('keys print bare exactly when they are identifiers: [A-Za-z_][A-Za-z0-9_-]*', () => {
    const print = (key: string) => printAttributePath([{ key: 't' }, { key }]);
    expect(['a', '_x', 'A-b_9', 'x-'].map(print)).toEqual(['t.a', 't._x', 't.A-b_9', 't.x-']);
    expect(['9a', '-x', 'a.b', 'a b', 'é', '{env}_owner', '*'].map(print)).toEqual([
      't["9a"]',
      't["-x"]',
      't["a.b"]',
      't["a b"]',
      't["é"]',
      't["{env}_owner"]',
      't["*"]',
    ]);
  });

  test('keys that need quotes use JSON string escaping', () => {
    expect(printAttributePath([{ key: 'a\\b"c\nd\u0001' }])).toBe('["a\\\\b\\"c\\nd\\u0001"]');
  });
});

describe('what is not a path', () => {
  test.each([
    [
      'a..b',
      'expected an attribute name (a letter or `_`, then letters, digits, `_` or `-`), or ' +
        '`["..."]` for any other key at offset 2 of the attribute path `a..b`',
    ],
    [
      'a.',
      'expected an attribute name (a letter or `_`, then letters, digits, `_` or `-`), or ' +
        '`["..."]` for any other key at offset 2 of the attribute path `a.`',
    ],
    [
      '.a',
      'expected an attribute name (a letter or `_`, then letters, digits, `_` or `-`), or ' +
        '`["..."]` for any other key at offset 0 of the attribute path `.a`',
    ],
    [
      'ingress.0.x',
      'expected an attribute name (a letter or `_`, then letters, digits, `_` or `-`), or ' +
        '`["..."]` for any other key at offset 8 of the attribute path `ingress.0.x`',
    ],
    ['a[01]', 'expected a list index (`[0]`) or a quoted key (`["k8s.io/role"]`) at offset 2 of the attribute path `a[01]`'],
    ['a[-1]', 'expected a list index (`[0]`) or a quoted key (`["k8s.io/role"]`) at offset 2 of the attribute path `a[-1]`'],
    ['a[', 'expected a list index (`[0]`) or a quoted key (`["k8s.io/role"]`) at offset 2 of the attribute path `a[`'],
    ['a["x"', 'expected `]` at offset 5 of the attribute path `a["x"`'],
    ['a["x', 'expected a closing `"` at offset 4 of the attribute path `a["x`'],
    ['a["\\q"]', 'expected a JSON string (escapes such as `\\"`, `\\\\`, `\\u00e9`) at offset 2 of the attribute path `a["\\q"]`'],
    ['a[0]b', 'expected `.`, `[` or the end of the path at offset 4 of the attribute path `a[0]b`'],
    ['a b', 'expected `.`, `[` or the end of the path at offset 1 of the attribute path `a b`'],
  ])('%s', (text, message) => {
    expect(() => parseAttributePath(text)).toThrow(AttributePathError);
    expect(() => parseAttributePath(text)).toThrow(message);
  });
});

/** mulberry32: a small seeded generator, so every run checks the same paths. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'a',
  'Z',
  '_',
  '-',
  '0',
  '9',
  '.',
  '"',
  '[',
  ']',
  '\\',
  '/',
  ' ',
  '*',
  '\n',
  '\t',
  '\u0000',
  '\u001f',
  'é',
  '日本',
  '😀',
  '\u2028',
  '\ud800',
  'ingress',
  'k8s.io/role',
  '["x"]',
  '\\"',
];

function generatedSteps(next: () => number): PathStep[] {
  const steps: PathStep[] = [];
  const length = Math.floor(next() * 6);
  for (let i = 0; i < length; i++) {
    if (next() < 0.3) {
      steps.push({ index: next() < 0.1 ? Number.MAX_SAFE_INTEGER : Math.floor(next() * 20) });
    } else {
      let key = '';
      const parts = Math.floor(next() * 5);
      for (let j = 0; j < parts; j++) key += PIECES[Math.floor(next() * PIECES.length)]!;
      steps.push({ key });
    }
  }
  return steps;
}

describe('round trips (5,000 generated paths, fixed seed)', () => {
  const next = random(20261201);
  const cases = Array.from({ length: 5000 }, () => generatedSteps(next));

  test('parse(print(steps)) equals steps', () => {
    const broken = cases.filter((steps) => JSON.stringify(parseAttributePath(printAttributePath(steps))) !== JSON.stringify(steps));
    expect(broken).toEqual([]);
  });

  test('print(parse(text)) is text, for every printed path', () => {
    const texts = cases.map(printAttributePath);
    expect(texts.filter((text) => printAttributePath(parseAttributePath(text)) !== text)).toEqual([]);
  });

  test('the generated keys did hold dots, quotes, brackets and non-ASCII text', () => {
    const keys = cases.flat().flatMap((s) => ('key' in s ? [s.key] : []));
    for (const piece of ['.', '"', '[', ']', '\\', 'é', '😀', '\n']) expect(keys.some((k) => k.includes(piece))).toBe(true);
  });
});

describe('patterns in the same syntax', () => {
  const matches = (pattern: string, path: string) => pathMatches(parsePathPattern(pattern), parseAttributePath(path));
  test.each([
    ['tags.*', 'tags.Owner', true],
    ['tags.*', 'tags["k8s.io/role"]', true],
    ['tags.*', 'tags', false],
    ['tags.*', 'tags.a.b', false],
    ['ingress[*].cidr_blocks', 'ingress[3].cidr_blocks', true],
    ['ingress.*.cidr_blocks', 'ingress[3].cidr_blocks', true],
    ['ingress[0].cidr_blocks', 'ingress[1].cidr_blocks', false],
    ['assume_role.**', 'assume_role[0].role_arn', true],
    ['assume_role.**', 'assume_role', true],
    ['**', 'a[0].b["c.d"]', true],
    ['tags["k8s.io/role"]', 'tags["k8s.io/role"]', true],
    ['tags["*"]', 'tags.anything', false],
    ['tags["*"]', 'tags["*"]', true],
    ['tags.team-*', 'tags.team-orders', true],
    ['tags.team-*', 'tags.owner', false],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(matches(pattern, path)).toBe(expected);
  });

  test('the old dotted form still matches, with a note saying how to write it now', () => {
    expect(matches('ingress.0.cidr_blocks', 'ingress[0].cidr_blocks')).toBe(true);
    expect(matches('tags.0', 'tags["0"]')).toBe(true);
    expect(matches('tags.{env}_owner', 'tags["{env}_owner"]')).toBe(true);
    expect(matches('tags.Name with space', 'tags["Name with space"]')).toBe(true);
    expect(parsePathPattern('ingress.0.cidr_blocks').deprecation).toBe(
      '`ingress.0.cidr_blocks` is in the old dotted form: write `ingress[0].cidr_blocks` (list ' +
        'indexes as `[0]`, keys that are not plain names as `["key"]`)',
    );
    expect(parsePathPattern('tags.{env}_owner').deprecation).toBe(
      '`tags.{env}_owner` is in the old dotted form: write `tags["{env}_owner"]` (list indexes ' +
        'as `[0]`, keys that are not plain names as `["key"]`)',
    );
    expect(parsePathPattern('ingress[*].cidr_blocks').deprecation).toBeUndefined();
  });
});

describe('waiver paths', () => {
  const waiver = (path: string): Waiver => ({
    address: 'aws_security_group.*',
    path,
    reason: 'a reason long enough',
    owner: 'platform',
    expires: '2099-01-01',
  });
  const target = (path: string) => ({ address: 'aws_security_group.web', path });
  test.each([
    ['ingress[*].cidr_blocks', 'ingress[2].cidr_blocks', true],
    ['ingress.**', 'ingress[2].cidr_blocks', true],
    ['ingress.*', 'ingress[2].cidr_blocks', false],
    ['tags["k8s.io/role"]', 'tags["k8s.io/role"]', true],
    ['tags.*', 'tags["k8s.io/role"]', true],
    ['ingress.0.cidr_blocks', 'ingress[0].cidr_blocks', true],
    ['engine_version', 'engine_version', true],
    ['engine_version', 'engine_version_actual', false],
    ['tags["unclosed', 'tags.x', false],
  ])('%s covers %s: %s', (path, at, expected) => {
    expect(waiverMatches(waiver(path), target(at))).toBe(expected);
  });
});
