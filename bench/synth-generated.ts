/**
 * Synthesizes N generated environments through the app (`buildApp`), into a temporary directory.
 * Usage: tsx bench/synth-generated.ts N [OUTDIR]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeApp } from '../stacks/app';
import { generatedEnvironments } from './generated-environments';

const count = Number(process.argv[2] ?? 3);
const keep = process.argv[3];
const outdir = keep ?? mkdtempSync(join(tmpdir(), 'env-parity-synth-'));
const started = performance.now();
const result = synthesizeApp({ outdir, environments: generatedEnvironments(count) });
process.stderr.write(`synthesized ${result.stacks.length} stacks in ${(performance.now() - started).toFixed(0)} ms (in-process)\n`);
if (!keep) rmSync(outdir, { recursive: true, force: true });
