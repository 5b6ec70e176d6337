/**
 * Splits a migration script into statements with the real PostgreSQL parser (libpg-query, wasm,
 * offline), keeping each statement's parse tree and line. SQL that does not parse is bad input:
 * file, line, column and the parser's message.
 */
import { parse } from 'libpg-query';
import { badInput } from '../../shared/exit-error';
import type { MigrationScript } from './migration';

/** A parse-tree node as libpg-query returns it: `{ NodeType: { ...fields } }`. */
export type ParseNode = Record<string, unknown>;

export interface Statement {
  /** The statement's text, without leading comments or whitespace. */
  readonly sql: string;
  /** 1-based line in its file where the statement starts. */
  readonly line: number;
  /** Parse-tree node type, e.g. `IndexStmt`. */
  readonly kind: string;
  /** The node's fields. */
  readonly tree: Record<string, unknown>;
}

const leadingNoise = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/;

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Parses a script; throws exit 2 with position and message when it does not parse. */
export async function splitStatements(script: MigrationScript): Promise<Statement[]> {
  const bytes = Buffer.from(script.sql, 'utf8');
  let result: { stmts?: { stmt: ParseNode; stmt_location?: number; stmt_len?: number }[] };
  try {
    result = (await parse(script.sql)) as typeof result;
  } catch (error) {
    const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    const position = details?.cursorPosition ?? 0;
    const before = bytes.subarray(0, position).toString('utf8');
    const line = lineAt(before, before.length) + script.lineOffset;
    const column = before.length - before.lastIndexOf('\n');
    throw badInput(
      `SQL that PostgreSQL parses in ${script.path}`,
      `\`${(error as Error).message}\` at ${script.path}:${line}:${column}`,
      `Fix the SQL at that line, then run the check again.`,
    );
  }
  return (result.stmts ?? []).map((entry) => {
    const start = entry.stmt_location ?? 0;
    const raw = entry.stmt_len ? bytes.subarray(start, start + entry.stmt_len).toString('utf8') : bytes.subarray(start).toString('utf8');
    const noise = leadingNoise.exec(raw)?.[0].length ?? 0;
    const prefix = bytes.subarray(0, start).toString('utf8') + raw.slice(0, noise);
    const kind = Object.keys(entry.stmt)[0]!;
    return {
      sql: raw.slice(noise).replace(/;\s*$/, '').trim(),
      line: lineAt(prefix, prefix.length) + script.lineOffset,
      kind,
      tree: entry.stmt[kind] as Record<string, unknown>,
    };
  });
}
