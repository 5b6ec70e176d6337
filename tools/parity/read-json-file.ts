/** Reads a JSON file; malformed JSON is bad input naming the file, line and column. */
import { readFileSync } from 'node:fs';
import { badInput } from '../cli/exit-error';

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

export function parseJsonFile(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const where = position ? (({ line, column }) => `line ${line}, column ${column}`)(lineAndColumn(text, Number(position[1]))) : 'the end of the file';
    throw badInput(`valid JSON in ${file}`, `malformed JSON at ${where} (${message.replace(/ in JSON at position \d+.*$/, '')})`, `Fix the file (if cdktf wrote it, synthesize again: \`npx cdktf synth\`).`);
  }
}
