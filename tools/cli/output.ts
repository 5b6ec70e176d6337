/** Writes a rendered report to `--output FILE` or to standard output. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function writeOutput(text: string, outputFile?: string): void {
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (outputFile) {
    mkdirSync(dirname(outputFile), { recursive: true });
    writeFileSync(outputFile, body);
  } else {
    process.stdout.write(body);
  }
}

/** True when colour may be used: standard output is a terminal and NO_COLOR is not set. */
export function useColour(outputFile?: string): boolean {
  return !outputFile && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
}
