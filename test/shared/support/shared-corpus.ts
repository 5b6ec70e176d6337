/**
 * Where `../shared/corpus/<part>` is: `PARITY_SHARED_DIR`, or `shared/` beside the clone (CI), or
 * beside the main checkout's folder (a git worktree under it). Undefined when absent: conformance
 * tests over it are then skipped, saying so.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

export function sharedCorpusDir(part: string): string | undefined {
  const candidates = [process.env.PARITY_SHARED_DIR, join(ROOT, '..', 'shared'), join(ROOT, '..', '..', 'shared')].filter(
    (d): d is string => Boolean(d),
  );
  return candidates.map((d) => join(d, 'corpus', part)).find((d) => existsSync(d));
}

/** The message of a skipped conformance suite. */
export function absentCorpusNote(part: string): string {
  return `../shared/corpus/${part} is absent (set PARITY_SHARED_DIR to the shared folder): conformance over it is skipped`;
}
