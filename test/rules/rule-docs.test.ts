/** The rule tables of README.md and docs/ are generated from the rules' meta: stale docs fail here. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, RULE_DOC_FILES, withRuleTables } from '../../scripts/rule-docs';

const ROOT = join(__dirname, '../..');

test('`npm run docs:rules -- --check` passes on the checked-in docs', () => {
  expect(
    execFileSync('node', ['--require', './scripts/register-typescript.cjs', 'scripts/rule-docs.ts', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    }),
  ).toBe('');
});

describe('on a copy of the docs', () => {
  let root: string;
  const out: string[] = [];
  const err: string[] = [];
  const io = () => ({ root, stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) });
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'rule-docs-'));
    for (const { path } of RULE_DOC_FILES) cpSync(join(ROOT, path), join(root, path));
    out.length = 0;
    err.length = 0;
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('a table edited by hand is stale: --check names the file and writes nothing; without --check it is regenerated', () => {
    const file = join(root, 'docs/plan-review.md');
    const edited = readFileSync(file, 'utf8').replace('| `ssm-key-deleted` | warn |', '| `ssm-key-deleted` | block |');
    writeFileSync(file, edited);
    expect(main(['--check'], io())).toBe(1);
    expect(err).toEqual([
      "docs/plan-review.md is stale: expected the rule tables generated from the rules' meta, found different tables. Fix: run `npm run " +
        'docs:rules` and commit it.\n',
    ]);
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(main([], io())).toBe(0);
    expect(out).toEqual(['wrote docs/plan-review.md\n']);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(ROOT, 'docs/plan-review.md'), 'utf8'));
    expect(main(['--check'], io())).toBe(0);
  });

  test('a table whose markers were removed is an error, not a pass', () => {
    const file = join(root, 'docs/migration-gate.md');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('<!-- rules:migrations:start -->', '').replace('<!-- rules:migrations:end -->', ''),
    );
    expect(main(['--check'], io())).toBe(2);
    expect(err).toEqual([
      'rule-docs: docs/migration-gate.md: expected the rule table `<!-- rules:migrations:start -->` … `<!-- rules:migrations:end -->`, ' +
        'found none. Fix: put the markers back where the table belongs and run `npm run docs:rules`.\n',
    ]);
  });

  test('an unknown argument is refused', () => {
    expect(main(['--fix'], io())).toBe(2);
    expect(err).toEqual([
      'rule-docs: expected no argument or `--check`, found `--fix`. Fix: run `npm run docs:rules` or `npm run docs:rules -- --check`.\n',
    ]);
  });
});

describe('withRuleTables', () => {
  const tables = { a: '| t |' };
  test('replaces what is between the markers and keeps everything else', () => {
    expect(withRuleTables('x\n<!-- rules:a:start -->\nold\n<!-- rules:a:end -->\ny\n', 'f.md', tables)).toBe(
      'x\n<!-- rules:a:start -->\n| t |\n<!-- rules:a:end -->\ny\n',
    );
  });
  test.each([
    ['<!-- rules:a:start -->\n', "f.md: expected `<!-- rules:a:end -->`, found the end of the file. Fix: close the table's markers."],
    [
      '<!-- rules:b:start --><!-- rules:b:end -->',
      'f.md: expected a rule table name (a), found `<!-- rules:b:start -->`. Fix: use one of those names or add its pack to ' +
        'scripts/rule-docs.ts.',
    ],
    [
      '<!-- rules:a:end -->',
      "f.md: expected `<!-- rules:a:start -->` first, found `<!-- rules:a:end -->`. Fix: pair each table's start and end markers.",
    ],
    [
      '<!-- rules:a:start --><!-- rules:a:start -->',
      "f.md: expected `<!-- rules:a:end -->` before another start marker, found `<!-- rules:a:start -->`. Fix: close each table's markers.",
    ],
  ])('refuses %j', (text, message) => expect(() => withRuleTables(text, 'f.md', tables)).toThrow(message));
});
