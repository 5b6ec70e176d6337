/**
 * The toolkit's name and version, read from its package.json at run time: src/ and dist/ sit at the same
 * depth below it, so the same relative path serves the sources in this repository and the installed build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly bugs?: string | { readonly url?: string };
  readonly repository?: string | { readonly url?: string };
}

let cached: Manifest | undefined;

function manifest(): Manifest {
  cached ??= JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as Manifest;
  return cached;
}

export function toolIdentity(): { readonly name: string; readonly version: string } {
  const { name, version } = manifest();
  return { name, version };
}

export function toolVersion(): string {
  return toolIdentity().version;
}

/**
 * Where to report a bug: package.json's `bugs` (its url), else its GitHub `repository` + `/issues`;
 * undefined when the manifest names neither.
 */
export function issueTracker(): string | undefined {
  const { bugs, repository } = manifest();
  const bugsUrl = typeof bugs === 'string' ? bugs : bugs?.url;
  if (bugsUrl) return bugsUrl;
  const repo = (typeof repository === 'string' ? repository : repository?.url)?.replace(/^git\+/, '').replace(/\.git$/, '');
  if (!repo) return undefined;
  if (/^github:/.test(repo) || /^[\w.-]+\/[\w.-]+$/.test(repo)) return `https://github.com/${repo.replace(/^github:/, '')}/issues`;
  return /^https:\/\/github\.com\//.test(repo) ? `${repo}/issues` : undefined;
}
