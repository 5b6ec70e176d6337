/**
 * `parity check --hcl` helpers for bench/check-hcl.sh (Node timers):
 *
 *   tsx bench/check-hcl.ts write DIR RESOURCES   two byte-identical generated directories DIR/blue, DIR/green
 *   tsx bench/check-hcl.ts profile DIR...        load each directory in turn, in one process: time per
 *                                                directory, strings sent to the HCL parser (cold, then cached)
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateLayout, writeLayout } from '../test/parity/hcl-layout-generator';
import { loadHclDirectory } from '../packages/parity/src/parity/hcl/load-hcl-directory';
import { parsedTemplateCount } from '../packages/parity/src/parity/hcl/template-parts';

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'write') {
    const [dir, resources] = args;
    const layout = generateLayout(20261201, { resources: Number(resources), locals: 60 });
    for (const env of ['blue', 'green']) writeLayout(join(dir!, env), layout.files);
    const bytes = Object.values(layout.files).reduce((n, text) => n + Buffer.byteLength(text), 0);
    console.log(`wrote ${dir}/{blue,green}: ${layout.resources} resources, ${(bytes / 1024).toFixed(0)} KiB per directory`);
    return;
  }
  if (command === 'profile') {
    for (const dir of args) {
      const bytes = readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
      const before = parsedTemplateCount();
      const start = performance.now();
      const model = await loadHclDirectory('env', dir);
      const ms = performance.now() - start;
      console.log(
        `${dir}: ${(bytes / 1024).toFixed(0)} KiB, ${model.resources.size} addresses, ` +
          `${ms.toFixed(0)} ms, ${parsedTemplateCount() - before} strings parsed ` +
          `(${parsedTemplateCount()} cached)`,
      );
    }
    return;
  }
  throw new Error('usage: check-hcl.ts write DIR RESOURCES | profile DIR...');
}

void main();
