/**
 * `npm run docs:rules`: writes the rule tables of README.md and docs/*.md from each rule's `meta` and the
 * level its engine's pack gives it, between marker comments:
 *
 *   <!-- rules:plan-review:start -->
 *   (generated table)
 *   <!-- rules:plan-review:end -->
 *
 * `--check`: writes nothing; exits 1 naming each stale file, so a rule whose meta or level changed
 * without regenerating the docs fails the tests (test/rules/rule-docs.test.ts) and CI.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configRulePack } from '../config/rule-pack';
import { migrationRulePack } from '../packages/parity/src/migrations/rule-pack';
import { planReviewPack } from '../packages/parity/src/plan-review/rule-pack';
import { levelOf, type PackEntry } from '../packages/parity/src/shared/rules/run-pack';

const ROOT = join(__dirname, '..');

/** The packs whose tables the docs show, by marker name (`<!-- rules:NAME:start -->`). */
const PACKS: Readonly<Record<string, readonly PackEntry<never, never>[]>> = {
  'plan-review': planReviewPack as readonly PackEntry<never, never>[],
  migrations: migrationRulePack as readonly PackEntry<never, never>[],
  config: configRulePack as readonly PackEntry<never, never>[],
};

/** The files that carry rule tables, and the tables each must carry (a marker removed by mistake is stale too). */
export const RULE_DOC_FILES: readonly { readonly path: string; readonly tables: readonly string[] }[] = [
  { path: 'README.md', tables: ['config', 'plan-review', 'migrations'] },
  { path: 'docs/plan-review.md', tables: ['plan-review'] },
  { path: 'docs/migration-gate.md', tables: ['migrations'] },
];

function cell(text: string): string {
  return text
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/** The markdown table of one pack: rule (linked to its docs when it has them), level, what it checks, why. */
export function ruleTable(pack: readonly PackEntry<never, never>[]): string {
  const rows = pack.map((entry) => {
    const { id, description, why } = entry.rule.meta;
    return `| \`${id}\` | ${levelOf(entry)} | ${cell(description)} | ${cell(why)} |`;
  });
  return ['| rule | level | fires when | why |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

const MARKER = /<!-- rules:([a-z0-9-]+):(start|end) -->/g;

/**
 * `text` with every marked table replaced by `tables[name]`. Throws, naming the file and the marker, on
 * a marker without its pair, an unknown table name, or a table `expected` that the file does not carry.
 */
export function withRuleTables(
  text: string,
  file: string,
  tables: Readonly<Record<string, string>>,
  expected: readonly string[] = [],
): string {
  const found: string[] = [];
  let out = '';
  let from = 0;
  let open: { name: string; end: number } | undefined;
  for (const m of text.matchAll(MARKER)) {
    const [marker, name, side] = m as unknown as [string, string, 'start' | 'end'];
    if (side === 'start') {
      if (open)
        throw new Error(
          `${file}: expected \`<!-- rules:${open.name}:end -->\` before another start marker, found \`${marker}\`. Fix: close each ` +
            `table's markers.`,
        );
      if (tables[name] === undefined)
        throw new Error(
          `${file}: expected a rule table name (${Object.keys(tables).join(', ')}), found \`${marker}\`. Fix: use one of those names or ` +
            `add its pack to scripts/rule-docs.ts.`,
        );
      open = { name, end: m.index + marker.length };
      continue;
    }
    if (!open || open.name !== name)
      throw new Error(
        `${file}: expected \`<!-- rules:${open?.name ?? name}:${open ? 'end' : 'start'} -->\` first, found \`${marker}\`. Fix: pair each ` +
          `table's start and end markers.`,
      );
    out += `${text.slice(from, open.end)}\n${tables[name]}\n`;
    from = m.index;
    found.push(name);
    open = undefined;
  }
  if (open)
    throw new Error(`${file}: expected \`<!-- rules:${open.name}:end -->\`, found the end of the file. Fix: close the table's markers.`);
  const missing = expected.filter((name) => !found.includes(name));
  if (missing.length > 0)
    throw new Error(
      `${file}: expected the rule table${missing.length > 1 ? 's' : ''} ` +
        `${missing.map((n) => `\`<!-- rules:${n}:start -->\` … \`<!-- rules:${n}:end -->\``).join(', ')}, found none. Fix: put the ` +
        `markers back where the table belongs and run \`npm run docs:rules\`.`,
    );
  return out + text.slice(from);
}

/** Each doc file as it is and as it should be. */
export function ruleDocs(root = ROOT): { path: string; current: string; expected: string }[] {
  const tables = Object.fromEntries(Object.entries(PACKS).map(([name, pack]) => [name, ruleTable(pack)]));
  return RULE_DOC_FILES.map(({ path, tables: expectedTables }) => {
    const current = readFileSync(join(root, path), 'utf8');
    return { path, current, expected: withRuleTables(current, path, tables, expectedTables) };
  });
}

export interface RuleDocsIo {
  readonly root?: string;
  readonly stdout?: (text: string) => void;
  readonly stderr?: (text: string) => void;
}

export function main(argv: readonly string[], io: RuleDocsIo = {}): number {
  const stdout = io.stdout ?? ((t: string) => process.stdout.write(t));
  const stderr = io.stderr ?? ((t: string) => process.stderr.write(t));
  const check = argv.includes('--check');
  const unknown = argv.filter((a) => a !== '--check');
  if (unknown.length > 0) {
    stderr(
      `rule-docs: expected no argument or \`--check\`, found \`${unknown.join(' ')}\`. Fix: run \`npm run docs:rules\` or \`npm run ` +
        `docs:rules -- --check\`.\n`,
    );
    return 2;
  }
  let docs: ReturnType<typeof ruleDocs>;
  try {
    docs = ruleDocs(io.root);
  } catch (error) {
    stderr(`rule-docs: ${(error as Error).message}\n`);
    return 2;
  }
  let stale = 0;
  for (const { path, current, expected } of docs) {
    if (current === expected) continue;
    if (check) {
      stderr(
        `${path} is stale: expected the rule tables generated from the rules' meta, found different tables. Fix: run \`npm run ` +
          `docs:rules\` and commit it.\n`,
      );
      stale++;
    } else {
      writeFileSync(join(io.root ?? ROOT, path), expected);
      stdout(`wrote ${path}\n`);
    }
  }
  return stale > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
