/**
 * Optional conformance run over the shared corpus of real-world migrations
 * (/work/shared/corpus/migrations, read-only; skipped when absent): every file through the gate's
 * parser (libpg-query), statement facts and squawk. Prints counts and the files that fail.
 *
 *   node --import tsx bench/migrations-corpus.ts [DIR]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { squawkFindings } from '../packages/parity/src/migrations/squawk';
import { statementFacts } from '../packages/parity/src/migrations/source/statement-facts';
import { splitStatements } from '../packages/parity/src/migrations/source/statements';

async function main(): Promise<void> {
  const dir = process.argv[2] ?? '/work/shared/corpus/migrations';
  if (!existsSync(dir)) {
    console.log(`skipped: ${dir} does not exist`);
    return;
  }
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const started = performance.now();
  let statements = 0;
  let concurrent = 0;
  let drops = 0;
  let lint = 0;
  const failures: string[] = [];
  for (const file of files) {
    const script = {
      path: join(dir, file),
      sql: readFileSync(join(dir, file), 'utf8'),
      lineOffset: 0,
      transaction: 'wrap' as const,
      transactionReason: 'plain SQL',
    };
    try {
      const parsed = await splitStatements(script);
      statements += parsed.length;
      for (const s of parsed) {
        const facts = statementFacts(s);
        if (facts.concurrent) concurrent++;
        drops += facts.droppedColumns.length + facts.droppedTables.length;
      }
      lint += squawkFindings(script, { exclude: [], block: [], pgVersion: '16.8' }, true).length;
    } catch (error) {
      failures.push(`${file}: ${(error as Error).message}`);
    }
  }
  console.log(
    JSON.stringify(
      { files: files.length, statements, concurrent, drops, squawkFindings: lint, failures, ms: Math.round(performance.now() - started) },
      null,
      2,
    ),
  );
}

void main();
