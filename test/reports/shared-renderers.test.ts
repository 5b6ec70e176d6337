/** The shared renderers on a hand-made envelope: order, why once per rule, waivers, budget, escaping, JSON. */
import type { Finding, WaiverReference } from '../../packages/parity/src/shared/findings/finding';
import { buildEnvelope, groupFindings, statusOf } from '../../packages/parity/src/shared/report/envelope';
import { GITHUB_COMMENT_LIMIT } from '../../packages/parity/src/shared/report/markdown-budget';
import { renderEnvelopeHtml } from '../../packages/parity/src/shared/report/render-html';
import { renderEnvelopeJson } from '../../packages/parity/src/shared/report/render-json';
import { renderEnvelopeMarkdown } from '../../packages/parity/src/shared/report/render-markdown';
import { renderEnvelopeText } from '../../packages/parity/src/shared/report/render-text';
import { ENVELOPE_FIELDS } from './support/envelope-fields';

const rule = (id: string, level: Finding['level'], fields: Partial<Finding> = {}): Finding => ({
  engine: 'plan-review',
  rule: id,
  level,
  message: `${id} found something`,
  why: `why ${id} exists`,
  ...fields,
});

const findings: Finding[] = [
  rule('minor', 'warn', { environment: 'staging', address: 'aws_db_instance.a' }),
  rule('replaced', 'block', { environment: 'prod', address: 'aws_db_instance.a', path: 'engine', expected: '16.8', found: '17.2' }),
  rule('replaced', 'block', { environment: 'staging', address: 'aws_db_instance.b' }),
  rule('open', 'block', { environment: 'prod', address: 'aws_security_group.x', unknown: true, message: 'cidr is known only after apply' }),
];
const waiver: WaiverReference = {
  rule: 'deleted',
  address: 'aws_s3_bucket.e',
  reason: 'emptied first',
  owner: 'data',
  expires: '2099-12-31',
  source: 'waivers.yml',
};
const expired: WaiverReference = {
  address: 'aws_s3_bucket.old',
  reason: 'for the window',
  owner: 'data',
  expires: '2020-01-31',
  source: 'waivers.yml',
};
const unused: WaiverReference = {
  address: 'aws_s3_bucket.gone',
  environment: 'prod',
  reason: 'removed',
  owner: 'web',
  expires: '2099-01-31',
  source: 'waivers.yml',
};
const envelope = buildEnvelope('plan-review', {
  findings,
  waived: [{ finding: rule('deleted', 'block', { environment: 'prod', address: 'aws_s3_bucket.e' }), waiver }],
  expiredWaivers: [expired],
  unusedWaivers: [unused],
});

describe('the envelope', () => {
  test('the toolkit version, and absent fields dropped', () => {
    expect(envelope).toMatchObject({ schemaVersion: 2, tool: { name: '@env-parity/parity' }, engine: 'plan-review', status: 'fail' });
    expect(Object.keys(buildEnvelope('drift', { findings: [rule('x', 'info', { address: undefined })] }).findings[0]!)).not.toContain(
      'address',
    );
  });

  test('status: an expired waiver or a decided blocking finding fails; an undecided one alone is unknown', () => {
    expect(statusOf([rule('a', 'warn')])).toBe('pass');
    expect(statusOf([rule('a', 'warn')], [expired])).toBe('fail');
    expect(statusOf([rule('a', 'block', { unknown: true })])).toBe('unknown');
    expect(statusOf([rule('a', 'block', { unknown: true }), rule('b', 'block')])).toBe('fail');
  });

  test('grouped by level, then by environment (first seen first) and address', () => {
    const groups = groupFindings(findings).map((g) => [g.level, g.places.map((p) => `${p.environment} ${p.address}`)]);
    expect(groups).toEqual([
      ['block', ['prod aws_db_instance.a', 'prod aws_security_group.x', 'staging aws_db_instance.b']],
      ['warn', ['staging aws_db_instance.a']],
    ]);
  });
});

describe('text', () => {
  const text = renderEnvelopeText(envelope, { headline: () => 'plan review: FAIL', after: () => [['the end']] }, false);
  const lines = text.split('\n');

  test('status line, findings by level and place, the why under the first finding of each rule', () => {
    expect(lines.slice(0, 16)).toEqual([
      'plan review: FAIL',
      '',
      'Findings (3 blocking, 1 warnings, 0 info)',
      '  BLOCK [prod] aws_db_instance.a',
      '    replaced: replaced found something',
      '      at engine; expected 16.8; found 17.2',
      '      why: why replaced exists',
      '  BLOCK [prod] aws_security_group.x',
      '    open: unknown: cidr is known only after apply',
      '      why: why open exists',
      '  BLOCK [staging] aws_db_instance.b',
      '    replaced: replaced found something',
      '  warn [staging] aws_db_instance.a',
      '    minor: minor found something',
      '      why: why minor exists',
      '',
    ]);
  });

  test('waived with owner, expiry and source; expired and unused waivers; the engine section last', () => {
    expect(lines.slice(16)).toEqual([
      'Waived (1)',
      '  waived block [prod] aws_s3_bucket.e deleted: deleted found something',
      '    waived by data until 2099-12-31 (waivers.yml): emptied first',
      'expired waiver: aws_s3_bucket.old (owner data) expired 2020-01-31: renew it with a new date or fix the difference',
      'unused waiver: aws_s3_bucket.gone (in prod) (owner web, waivers.yml) matches nothing: remove it',
      '',
      'the end',
    ]);
  });

  test('a long list stops at its limit and says how many more', () => {
    const many = buildEnvelope('drift', {
      findings: Array.from({ length: 250 }, (_, i) => rule('key', 'block', { environment: 'prod', address: `K${i}` })),
    });
    const out = renderEnvelopeText(many, { headline: () => 'drift', maxListed: 200 }, false).split('\n');
    expect(out.filter((l) => l.startsWith('  BLOCK'))).toHaveLength(200);
    expect(out.at(-1)).toBe('  ... and 50 more (--format json lists all)');
  });

  test('colour only when asked', () => {
    expect(renderEnvelopeText(envelope, { headline: () => 'x' }, true)).toContain('\u001b[31mBLOCK\u001b[0m');
    expect(text).not.toContain('\u001b[');
  });
});

describe('markdown', () => {
  const markdown = renderEnvelopeMarkdown(envelope, { head: { name: 'summary', body: '## Plan review' } });

  test("a table per level, rows by place, each rule's why collapsed once", () => {
    expect(markdown).toContain(
      [
        '### Findings',
        '',
        '#### Blocking (3)',
        '',
        '| environment | address | rule | what |',
        '|---|---|---|---|',
        '| prod | `aws_db_instance.a` | `replaced` | replaced found something (at `engine`, expected `16.8`, found `17.2`) |',
        '| prod | `aws_security_group.x` | `open` | **unknown:** cidr is known only after apply |',
        '| staging | `aws_db_instance.b` | `replaced` | replaced found something |',
        '',
        '<details><summary>why: <code>replaced</code></summary>\n\nwhy replaced exists\n\n</details>',
      ].join('\n'),
    );
    expect(markdown.match(/summary>why: <code>replaced<\/code>/g)).toHaveLength(1);
    expect(markdown).toContain('#### Warnings (1)');
  });

  test('waived collapsed with owner and expiry; expired and unused waivers in a table', () => {
    expect(markdown).toContain('<details><summary>Waived (1)</summary>');
    expect(markdown).toContain('| prod | `aws_s3_bucket.e` | `` | deleted | data | 2099-12-31 | emptied first |');
    expect(markdown).toContain('| aws_s3_bucket.old | data | 2020-01-31 | ❌ expired | waivers.yml | for the window |');
    expect(markdown).toContain('| aws_s3_bucket.gone (in prod) | web | 2099-01-31 | ⚠️ matches nothing | waivers.yml | removed |');
  });

  test('5,000 findings: 150 listed, the rest counted, under the comment limit with the cut named', () => {
    const many = buildEnvelope('drift', {
      findings: Array.from({ length: 5000 }, (_, i) =>
        rule('key', 'block', { environment: 'prod', address: `K${i}`, message: 'x'.repeat(600) }),
      ),
    });
    const out = renderEnvelopeMarkdown(many, { head: { name: 'summary', body: '## drift' } });
    expect(out.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(out.startsWith('## drift')).toBe(true);
    expect(out).toMatch(/> \*\*Cut to fit GitHub's 65,535-character comment limit:\*\* block findings 81-150/);
    const few = renderEnvelopeMarkdown(many, { head: { name: 'summary', body: '## drift' }, findings: { maxListed: 10 } });
    expect(few).toContain('_and 4990 more: run with `--format json` for all of them._');
  });
});

describe('html', () => {
  const hostile = buildEnvelope('check', {
    findings: [rule('x', 'block', { address: '<script>alert(1)</script>', why: 'a "quoted" <b>why</b>' })],
  });
  const html = renderEnvelopeHtml(hostile, { title: 'Parity check', verdict: { status: 'fail', text: 'parity broken' } });

  test('everything escaped; the why in a collapsed details', () => {
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<details class="why"><summary>why: x</summary><p>a &quot;quoted&quot; &lt;b&gt;why&lt;/b&gt;</p></details>');
  });

  test('one waivers table: applied, expired, matches nothing', () => {
    const page = renderEnvelopeHtml(envelope, { title: 'Plan review', verdict: { status: 'fail', text: 'blocked' } });
    expect(page.match(/<td>(applied|expired|matches nothing)<\/td>|<td class="expired">expired<\/td>/g)).toEqual([
      '<td>applied</td>',
      '<td class="expired">expired</td>',
      '<td>matches nothing</td>',
    ]);
  });

  test('without the filter there is no script at all', () => {
    expect(renderEnvelopeHtml(envelope, { title: 'data', verdict: { status: 'fail', text: 'x' }, filter: false })).not.toMatch(
      /<script|id="filter"/,
    );
  });
});

describe('json', () => {
  test("the envelope first, then the engine's own fields", () => {
    expect(Object.keys(JSON.parse(renderEnvelopeJson(envelope, { schemaVersion: 1, environments: {} })))).toEqual([
      ...ENVELOPE_FIELDS,
      'environments',
    ]);
  });

  test('an engine field named like an envelope field is refused, never overwritten', () => {
    expect(() => renderEnvelopeJson(envelope, { tool: 'goose' })).toThrow(
      "report fields tool clash with the envelope: rename them in the engine's adapter",
    );
  });
});
