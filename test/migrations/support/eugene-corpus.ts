/**
 * Eugene's labelled examples (../shared/corpus/migrations/kaaveland_eugene_*), used in place: each
 * file split at its `-- N.sql` lines into numbered Flyway migrations (`VN__N.sql`, one transaction
 * per file unless every statement must run outside one), with a profile that gives every table the
 * file creates `rows` rows in prod.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedCorpusDir } from '../../shared/support/shared-corpus';

/** ../shared/corpus/migrations (test/shared/support/shared-corpus.ts finds it), when it holds Eugene's examples. */
export function eugeneCorpusDir(): string | undefined {
  const dir = sharedCorpusDir('migrations');
  return dir && readdirSync(dir).some((f) => f.startsWith('kaaveland_eugene_')) ? dir : undefined;
}

export interface EugeneExample {
  /** E.g. `E6_bad`. */
  readonly name: string;
  /** Its label: bad examples must block, good ones pass. */
  readonly label: 'bad' | 'good';
  /** A directory of `VN__N.sql` files and `profile.json`. */
  readonly dir: string;
  /** Tables the example creates. */
  readonly tables: readonly string[];
}

/** Splits every example into its own directory under a temporary one. */
export function splitEugeneExamples(corpus: string, rows: number): EugeneExample[] {
  const root = mkdtempSync(join(tmpdir(), 'parity-eugene-'));
  return readdirSync(corpus)
    .filter((f) => /^kaaveland_eugene_.+_(bad|good)\.sql$/.test(f))
    .sort()
    .map((file) => {
      const name = file.replace(/^kaaveland_eugene_/, '').replace(/\.sql$/, '');
      const dir = join(root, name);
      mkdirSync(dir);
      const parts = readFileSync(join(corpus, file), 'utf8').split(/^--\s*(\d+)\.sql\s*$/m);
      for (let i = 1; i < parts.length; i += 2) writeFileSync(join(dir, `V${parts[i]}__${parts[i]}.sql`), parts[i + 1]!.replace(/^\n/, ''));
      const tables = [...parts.join('\n').matchAll(/create table\s+(\w+)/gi)].map((m) => m[1]!.toLowerCase());
      writeFileSync(join(dir, 'profile.json'), JSON.stringify({ tables: Object.fromEntries(tables.map((t) => [t, { rows }])) }, null, 2));
      return { name, label: name.endsWith('_bad') ? 'bad' : 'good', dir, tables };
    });
}
