/**
 * Every rules/ folder of the toolkit (plan review's, the gate's, and any engine's that adds one) and the
 * configuration's cross-field rules (config/rules/) hold only rule modules: each ' +
   'file's default export has `meta` (id = file name, a description, a why, a
 * default level, docs that exist) beside its `check`, and the engine's pack (`<engine>/rule-pack.ts`)
 * runs every one of them. Folders are discovered, so a new engine's rules are checked without editing this.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { RuleModule } from '../../packages/parity/src/shared/rules/rule-module';
import type { PackEntry } from '../../packages/parity/src/shared/rules/run-pack';

const ROOT = join(__dirname, '../..');
const SRC = join(ROOT, 'packages/parity/src');
// The contract's own folder: rule-module.ts and run-pack.ts, not rules.
const CONTRACT = join(SRC, 'shared/rules');

function rulesFolders(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) return [];
    return [...(name === 'rules' && path !== CONTRACT ? [path] : []), ...rulesFolders(path)];
  });
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes. */
function anchors(markdown: string): Set<string> {
  const headings = markdown
    .split('\n')
    .filter((l) => /^#{1,6} /.test(l))
    .map((l) => l.replace(/^#+ /, ''));
  return new Set(
    headings.map((h) =>
      h
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    ),
  );
}

// Every engine's rules folder, and the project configuration's cross-field rules (config/rules/).
const folders = [...rulesFolders(SRC), join(ROOT, 'config/rules')];

test('the rules folders of plan review, the migration gate and the configuration are found', () => {
  const found = folders.map((f) => relative(ROOT, f));
  expect(found).toEqual(
    expect.arrayContaining(['packages/parity/src/plan-review/rules', 'packages/parity/src/migrations/rules', 'config/rules']),
  );
});

describe.each(folders.map((f) => [relative(ROOT, f), f]))('%s', (_name, folder) => {
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.ts'))
    .sort();
  const modules = files.map(
    (file) => [basename(file, '.ts'), (require(join(folder, file)) as { default?: RuleModule<unknown, unknown> }).default] as const,
  );

  test('holds rules', () => expect(files.length).toBeGreaterThan(0));

  test.each(modules)('%s is a rule module whose id is its file name, with a description, a why and a default level', (id, rule) => {
    expect(rule).toBeDefined();
    expect(typeof rule!.check).toBe('function');
    expect(rule!.meta.id).toBe(id);
    expect(rule!.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(rule!.meta.description.trim().length).toBeGreaterThan(10);
    expect(rule!.meta.why.trim().length).toBeGreaterThan(20);
    expect(['block', 'warn', 'info']).toContain(rule!.meta.defaultLevel);
  });

  test.each(modules.filter(([, rule]) => rule?.meta.docsUrl && !/^https?:/.test(rule.meta.docsUrl)))(
    '%s documents itself in a page and a heading that exist',
    (_id, rule) => {
      const [page, anchor] = rule!.meta.docsUrl!.split('#');
      expect(existsSync(join(ROOT, page!))).toBe(true);
      if (anchor) expect([...anchors(readFileSync(join(ROOT, page!), 'utf8'))]).toContain(anchor);
    },
  );

  const packFile = join(folder, '../rule-pack.ts');
  (existsSync(packFile) ? test : test.skip)("the engine's pack runs every rule of the folder, each once", () => {
    const exported = Object.values(require(packFile) as Record<string, unknown>);
    const pack = exported.find(
      (v): v is PackEntry<unknown, unknown>[] => Array.isArray(v) && v.every((e) => typeof e?.rule?.meta?.id === 'string'),
    );
    expect(pack).toBeDefined();
    expect(pack!.map((e) => e.rule.meta.id).sort()).toEqual(modules.map(([id]) => id).sort());
    for (const [, rule] of modules) expect(pack!.filter((e) => e.rule === rule)).toHaveLength(1);
  });
});
