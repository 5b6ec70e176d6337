/**
 * Where a checkout's `parity` CLI entry is, so a benchmark can run the CLI of any version: the
 * layout since the package move (1897135: packages/parity/src/cli/main.ts, preloaded by
 * scripts/register-typescript.cjs) or the one before it (tools/cli/main.ts, preloaded by
 * tools/cli/register-typescript.cjs).
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A checkout's CLI entry: the TypeScript preload and the entry module, both absolute. */
export interface CliEntry {
  /** Which layout it was found in. */
  readonly layout: 'package' | 'tools';
  /** The `--require` preload that runs TypeScript through tsx. */
  readonly preload: string;
  /** The CLI entry module (runs the CLI when it is the main module). */
  readonly main: string;
}

/** The layouts, newest first; paths relative to the checkout. */
const LAYOUTS: readonly { layout: CliEntry['layout']; preload: string; main: string }[] = [
  { layout: 'package', preload: 'scripts/register-typescript.cjs', main: 'packages/parity/src/cli/main.ts' },
  { layout: 'tools', preload: 'tools/cli/register-typescript.cjs', main: 'tools/cli/main.ts' },
];

/** The layout the hostile-input runner (test/hostile/support/run-cli.ts) spawns in a checkout. */
export const CURRENT_LAYOUT = LAYOUTS[0]!;

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

/** The checkout's CLI entry, newest layout first; an Error naming what was looked for otherwise. */
export function locateCliEntry(checkout: string): CliEntry {
  if (!existsSync(checkout) || !statSync(checkout).isDirectory())
    throw new Error(
      `expected CHECKOUT to be a directory holding a checkout, found ${existsSync(checkout) ? 'a file' : 'nothing'} at ${checkout}. ` +
        'Fix: give the directory a commit of this repository is unpacked into.',
    );
  for (const { layout, preload, main } of LAYOUTS)
    if (isFile(join(checkout, main)) && isFile(join(checkout, preload)))
      return { layout, preload: join(checkout, preload), main: join(checkout, main) };
  const looked = LAYOUTS.map((l) => `${l.main} with ${l.preload}`).join(', or ');
  throw new Error(
    `expected a parity checkout with ${looked}, found neither in ${checkout}. ` +
      'Fix: unpack a commit of this repository there (`git archive COMMIT | tar -x -C DIR`) and link node_modules into it.',
  );
}

/**
 * A directory that looks like a checkout of the current layout and runs `entry`'s CLI: every
 * top-level entry of the checkout linked in, plus links at the current layout's preload and main
 * paths to the old ones. Node resolves the links to the real files, so the old CLI loads its own
 * modules and its own node_modules; the cwd still has its config/ and everything else. For runners
 * that only take a checkout (runCli's `repo`). Remove it with `rmSync(dir, { recursive: true })`.
 */
export function currentLayoutView(checkout: string, entry: CliEntry): string {
  const view = mkdtempSync(join(tmpdir(), 'parity-checkout-view-'));
  // Readable by uid 65534, which the permission cases run as.
  chmodSync(view, 0o755);
  try {
    const linked = (dir: string, from: string, skip: readonly string[]) => {
      for (const name of readdirSync(from)) if (!skip.includes(name)) symlinkSync(join(from, name), join(dir, name));
    };
    const top = [CURRENT_LAYOUT.preload, CURRENT_LAYOUT.main].map((p) => p.split('/')[0]!);
    linked(view, checkout, top);
    for (const [path, target] of [
      [CURRENT_LAYOUT.preload, entry.preload],
      [CURRENT_LAYOUT.main, entry.main],
    ] as const) {
      const parts = path.split('/');
      // The first directory keeps the checkout's other entries (packages/parity-cli, say).
      const first = join(view, parts[0]!);
      if (!existsSync(first)) {
        mkdirSync(first);
        if (existsSync(join(checkout, parts[0]!))) linked(first, join(checkout, parts[0]!), [parts[1]!]);
      }
      mkdirSync(join(view, ...parts.slice(0, -1)), { recursive: true });
      symlinkSync(target, join(view, path));
    }
    return view;
  } catch (error) {
    rmSync(view, { recursive: true, force: true });
    throw error;
  }
}
