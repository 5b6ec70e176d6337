/**
 * Which migrations are new (not yet applied on the base): by default the files added since
 * `origin/main`; `--all` for all, `--new N` for the last N, `--base REF` for another base.
 */
import { execFileSync } from 'node:child_process';
import { basename } from 'node:path';
import { badInput } from '../../shared/exit-error';
import type { ParsedMigration } from '../run/apply';

export type Selection =
  | { readonly kind: 'since'; readonly base: string }
  | { readonly kind: 'all' }
  | { readonly kind: 'last'; readonly count: number };

/** Describes a selection for the report. */
export function describeSelection(selection: Selection): string {
  if (selection.kind === 'all') return 'all migrations (--all)';
  if (selection.kind === 'last') return `the last ${selection.count} (--new ${selection.count})`;
  return `added since ${selection.base}`;
}

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Splits migrations into merged (already on the base) and new ones. */
export function selectNew(
  migrations: readonly ParsedMigration[],
  dir: string,
  selection: Selection,
): { merged: ParsedMigration[]; fresh: ParsedMigration[] } {
  if (selection.kind === 'all') return { merged: [], fresh: [...migrations] };
  if (selection.kind === 'last') {
    if (selection.count > migrations.length)
      throw badInput(
        `\`--new\` at most the ${migrations.length} migrations in \`${dir}\``,
        `\`--new ${selection.count}\``,
        `Run again with \`--new ${migrations.length}\` or \`--all\`.`,
      );
    const cut = migrations.length - selection.count;
    return { merged: migrations.slice(0, cut), fresh: migrations.slice(cut) };
  }
  try {
    git(['rev-parse', '--verify', '--quiet', `${selection.base}^{commit}`], dir);
  } catch {
    throw badInput(
      `the git ref \`${selection.base}\` to compare with (new migrations are the files added since it)`,
      'no such ref in this clone (a fresh CI clone may only have `main`)',
      `Fetch it (\`git fetch origin main\`, or \`fetch-depth: 0\` in actions/checkout), pass \`--base REF\`, ` +
        `or choose the migrations with \`--all\` or \`--new N\`.`,
    );
  }
  const added = new Set(
    git(['diff', '--name-only', '--diff-filter=A', selection.base, '--', '.'], dir)
      .split('\n')
      .filter(Boolean)
      .map((f) => basename(f)),
  );
  const isNew = (m: ParsedMigration) => added.has(m.migration.file);
  return { merged: migrations.filter((m) => !isNew(m)), fresh: migrations.filter(isNew) };
}
