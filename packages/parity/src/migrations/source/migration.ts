/** What a migration is, whatever tool wrote it: the adapters turn files into these. */
import { type InlineWaiver, readInlineWaivers } from '../../shared/waivers/inline-annotation';

/** One script (up or down) of a migration. */
export interface MigrationScript {
  /** Path of the file it was read from, relative to the working directory. */
  readonly path: string;
  /** The SQL text. */
  readonly sql: string;
  /** Lines before this script in its file (node-pg-migrate keeps up and down in one file). */
  readonly lineOffset: number;
  /** How the runner sends it: see {@link TransactionMode}. */
  readonly transaction: TransactionMode;
  /** Why, in words, for the report: e.g. "goose: `-- +goose NO TRANSACTION`". */
  readonly transactionReason: string;
}

/**
 * How a runner sends a script to PostgreSQL:
 * - `wrap`: it opens one transaction around the whole script (plain SQL, node-pg-migrate, knex, goose, dbmate);
 * - `none`: every statement runs on its own, autocommitted (`-- parity:no-transaction`, `-- +goose NO TRANSACTION`);
 * - `implicit`: the file is sent as one multi-statement query, which PostgreSQL runs as one implicit
 *   transaction unless it is a single statement (golang-migrate, dbmate `transaction:false`);
 * - `auto`: one transaction unless every statement must run outside one (Flyway); mixing both is refused.
 */
export type TransactionMode = 'wrap' | 'none' | 'implicit' | 'auto';

/**
 * `-- parity:allow RULE reason="WHY" owner=TEAM expires=YYYY-MM-DD` in a migration: an inline waiver of
 * the rule for this migration (src/shared/waivers/inline-annotation.ts). The old `reason: WHY` form is one
 * that never expires, reported as deprecated.
 */
export type AllowAnnotation = InlineWaiver;

export interface Migration {
  /** Identifier the runner records as applied (file name without extension). */
  readonly id: string;
  /** File name inside the migrations directory. */
  readonly file: string;
  /** The up script. */
  readonly up: MigrationScript;
  /** The down script, when the migration has one. */
  readonly down?: MigrationScript;
  /** The runner (`--tool` name) that reads and applies it. */
  readonly format: string;
  /** Exceptions the migration declares. */
  readonly allows: readonly AllowAnnotation[];
}

/** A migration tool: how its files look and where it records applied migrations. */
export interface MigrationAdapter {
  /** The `--tool` name, e.g. `sql`. */
  readonly name: string;
  /** What its files look like, for messages. */
  readonly description: string;
  /** True when `files` (a directory's names) and their content look like this tool's; for detection. */
  detect?(dir: string, files: readonly string[]): boolean;
  /** The table the tool records applied migrations in. */
  readonly historyTable: string;
  /** Reads the migrations of `dir`, in the order they apply. */
  load(dir: string, files: readonly string[]): Migration[] | Promise<Migration[]>;
  /** SQL creating the history table if missing. */
  readonly createHistorySql: string;
  /** SQL recording one applied migration; `$1` is the id. */
  readonly recordAppliedSql: string;
  /** SQL listing applied ids, in the column `id`. */
  readonly listAppliedSql: string;
}

/** Where a migration's annotations are: its path (for `path:line`), its file name (the findings' address). */
export interface AnnotationPlace {
  readonly path: string;
  readonly file: string;
  /** Lines of the file before the text read. @default 0 */
  readonly lineOffset?: number;
}

/** Reads the `-- parity:allow` annotations of a migration's text (`//` in JavaScript migrations); exit 2 on a bad one. */
export function readAllowAnnotations(text: string, at?: AnnotationPlace): AllowAnnotation[] {
  return readInlineWaivers(text, at ? { file: at.path, address: at.file, lineOffset: at.lineOffset } : {});
}
