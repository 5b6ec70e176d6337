/** runPack: the one rule loop, its levels, and how each result becomes findings. */
import {
  failWith,
  notApplicable,
  pass,
  passWithWarnings,
  unknown,
  type RuleModule,
  type RuleResult,
} from '../../packages/parity/src/shared/rules/rule-module';
import { ruleById, runPack, type RulePack } from '../../packages/parity/src/shared/rules/run-pack';

interface Box {
  readonly name: string;
  readonly size: number;
}

const rule = (
  id: string,
  check: (box: Box, limit: number) => RuleResult,
  defaultLevel: 'block' | 'warn' | 'info' = 'block',
  docsUrl?: string,
): RuleModule<Box, number> => ({
  meta: { id, description: `checks ${id}`, why: `because ${id}`, defaultLevel, ...(docsUrl ? { docsUrl } : {}) },
  check,
});

const tooBig = rule(
  'too-big',
  (box, limit) => (box.size > limit ? failWith(`${box.name} is ${box.size}`) : pass),
  'block',
  'docs/x.md#boxes',
);
const nearLimit = rule(
  'near-limit',
  (box, limit) => (box.size > limit / 2 && box.size <= limit ? passWithWarnings(`${box.name} may outgrow ${limit}`) : pass),
  'warn',
);
const unreadable = rule(
  'unreadable',
  (box) => (box.size < 0 ? unknown({ message: 'size unreadable', path: 'size' }, 'weight unreadable') : notApplicable),
  'block',
);
const located = rule(
  'located',
  (box) => (box.name === 'b' ? failWith({ message: 'moved', address: 'elsewhere', expected: 'here', found: 'there' }) : pass),
  'info',
);

const boxes: Box[] = [
  { name: 'a', size: 12 },
  { name: 'b', size: 7 },
  { name: 'c', size: -1 },
];
const locate = (box: Box) => ({ address: `box.${box.name}`, environment: 'staging' });

describe('runPack', () => {
  const pack: RulePack<Box, number> = [{ rule: tooBig }, { rule: nearLimit, level: 'block' }, { rule: unreadable }, { rule: located }];
  const run = runPack(pack, boxes, 10, { engine: 'check', locate });

  test('a failure is a finding at the level the pack gives, located at its subject, with the why and docs of the rule', () => {
    expect(run.findings[0]).toEqual({
      engine: 'check',
      rule: 'too-big',
      level: 'block',
      why: 'because too-big',
      docsUrl: 'docs/x.md#boxes',
      address: 'box.a',
      environment: 'staging',
      message: 'a is 12',
    });
  });

  test("a failure's own location wins over its subject's", () => {
    expect(run.findings.find((f) => f.rule === 'located')).toEqual({
      engine: 'check',
      rule: 'located',
      level: 'info',
      why: 'because located',
      address: 'elsewhere',
      environment: 'staging',
      expected: 'here',
      found: 'there',
      message: 'moved',
    });
  });

  test("a pass's warnings are reported at warn even when the pack blocks the rule", () => {
    expect(run.findings.filter((f) => f.rule === 'near-limit')).toEqual([
      {
        engine: 'check',
        rule: 'near-limit',
        level: 'warn',
        why: 'because near-limit',
        address: 'box.b',
        environment: 'staging',
        message: 'b may outgrow 10',
      },
    ]);
  });

  test('an unknown is a finding at the rule level, one per place, marked unknown: never a pass', () => {
    expect(run.findings.filter((f) => f.rule === 'unreadable')).toEqual([
      {
        engine: 'check',
        rule: 'unreadable',
        level: 'block',
        why: 'because unreadable',
        address: 'box.c',
        environment: 'staging',
        path: 'size',
        message: 'size unreadable',
        unknown: true,
      },
      {
        engine: 'check',
        rule: 'unreadable',
        level: 'block',
        why: 'because unreadable',
        address: 'box.c',
        environment: 'staging',
        message: 'weight unreadable',
        unknown: true,
      },
    ]);
  });

  test('findings come subject by subject, in pack order; outcomes keep every decision', () => {
    expect(run.findings.map((f) => `${f.address} ${f.rule}`)).toEqual([
      'box.a too-big',
      'box.b near-limit',
      'elsewhere located',
      'box.c unreadable',
      'box.c unreadable',
    ]);
    expect(run.outcomes.map((o) => `${o.subject.name} ${o.ruleId} ${o.level} ${o.status}`)).toEqual([
      'a too-big block fail',
      'a near-limit block pass',
      'a unreadable block not-applicable',
      'a located info pass',
      'b too-big block pass',
      'b near-limit block pass',
      'b unreadable block not-applicable',
      'b located info fail',
      'c too-big block pass',
      'c near-limit block pass',
      'c unreadable block unknown',
      'c located info pass',
    ]);
  });

  test('levels: an override by id beats the pack, the pack beats the default; off does not run the rule', () => {
    const checked: string[] = [];
    const spy = rule('spy', (box) => (checked.push(box.name), failWith('seen')));
    const levels = runPack(
      [
        { rule: tooBig, level: 'warn' },
        { rule: spy, level: 'off' },
        { rule: nearLimit, level: 'info' },
      ],
      boxes,
      10,
      { engine: 'check', levels: { 'too-big': 'info' } },
    );
    expect(checked).toEqual([]);
    expect(levels.findings.map((f) => `${f.rule} ${f.level}`)).toEqual(['too-big info', 'near-limit info']);
    expect(runPack([{ rule: spy }], [boxes[0]!], 10, { engine: 'check', levels: { spy: 'off' } }).findings).toEqual([]);
  });

  test('a fail without failures, or an unknown with an empty list of places, still reports: never a silent pass', () => {
    const silent = rule('silent', () => ({ status: 'fail', failures: [] }));
    const vague = rule('vague', () => ({ status: 'unknown', reason: 'no idea', unknowns: [] }));
    expect(runPack([{ rule: silent }, { rule: vague }], [boxes[0]!], 10, { engine: 'check' }).findings).toEqual([
      {
        engine: 'check',
        rule: 'silent',
        level: 'block',
        why: 'because silent',
        message: '`silent` failed without saying why (a bug in the rule).',
      },
      { engine: 'check', rule: 'vague', level: 'block', why: 'because vague', message: 'no idea', unknown: true },
    ]);
  });

  test('ruleById finds the module of a pack by its id', () => {
    expect(ruleById(pack, 'near-limit')).toBe(nearLimit);
    expect(ruleById(pack, 'nope')).toBeUndefined();
  });

  test('without locate, findings carry only what the rule says', () => {
    expect(runPack([{ rule: tooBig }], [boxes[0]!], 10, { engine: 'check' }).findings).toEqual([
      { engine: 'check', rule: 'too-big', level: 'block', why: 'because too-big', docsUrl: 'docs/x.md#boxes', message: 'a is 12' },
    ]);
  });
});

describe('result helpers', () => {
  test('failWith with no problems is a pass; passWithWarnings with none is a plain pass', () => {
    expect(failWith()).toEqual({ status: 'pass' });
    expect(passWithWarnings()).toEqual({ status: 'pass' });
  });
  test('unknown with one plain reason carries only the reason; with several or a location, each place', () => {
    expect(unknown('x')).toEqual({ status: 'unknown', reason: 'x' });
    expect(unknown('x', 'y')).toEqual({ status: 'unknown', reason: 'x', unknowns: [{ message: 'x' }, { message: 'y' }] });
    expect(unknown({ message: 'x', path: 'p' })).toEqual({ status: 'unknown', reason: 'x', unknowns: [{ message: 'x', path: 'p' }] });
  });
});
