/** Helpers the adapters share: cutting a file into its up and down sections, keeping line numbers. */
import { MIGRATION_FILE, readInputText } from '../../shared/input-files';
import { join } from 'node:path';
import type { MigrationScript, TransactionMode } from './migration';

/** A line of a file that matched a marker, with its 0-based index. */
export interface MarkerLine {
  readonly index: number;
  readonly match: RegExpMatchArray;
}

/** Lines matching `pattern` (tested line by line). */
export function markerLines(content: string, pattern: RegExp): MarkerLine[] {
  const found: MarkerLine[] = [];
  content.split('\n').forEach((line, index) => {
    const match = line.match(pattern);
    if (match) found.push({ index, match });
  });
  return found;
}

/**
 * The text from the line after `startLine` up to (not including) `endLine`, as a script whose
 * lines keep their numbers in the file (the lines before are counted in `lineOffset`).
 */
export function sectionScript(
  path: string,
  content: string,
  startLine: number,
  endLine: number | undefined,
  transaction: TransactionMode,
  transactionReason: string,
): MigrationScript {
  const lines = content.split('\n');
  return { path, sql: lines.slice(startLine + 1, endLine).join('\n'), lineOffset: startLine + 1, transaction, transactionReason };
}

/** Whether any `.sql` file of `dir` contains `pattern`. */
export function anySqlFileContains(dir: string, files: readonly string[], pattern: RegExp): boolean {
  return files.some((f) => f.endsWith('.sql') && pattern.test(readInputText(join(dir, f), MIGRATION_FILE)));
}

/** A version prefix as the runners store it (`00012` → `12`). */
export function numericVersion(prefix: string): string {
  return BigInt(prefix).toString();
}
