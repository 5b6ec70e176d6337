/**
 * The toolkit's name and version, read from its package.json at run time: src/ and dist/ sit at the same
 * depth below it, so the same relative path serves the sources in this repository and the installed build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let cached: { readonly name: string; readonly version: string } | undefined;

export function toolIdentity(): { readonly name: string; readonly version: string } {
  if (!cached) {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { name: string; version: string };
    cached = { name: manifest.name, version: manifest.version };
  }
  return cached;
}

export function toolVersion(): string {
  return toolIdentity().version;
}
