/** What a migration is, whatever tool wrote it: the adapters turn files into these. */

/** One script (up or down) of a migration. */
export interface MigrationScript {
  /** Path of the file it was read from, relative to the working directory. */
  readonly path: string;
  /** The SQL text. */
  readonly sql: string;
  /** Lines before this script in its file (node-pg-migrate keeps up and down in one file). */
  readonly lineOffset: number;
}

/** `-- parity:allow RULE reason: WHY` in a migration: an explicit, reasoned exception to a rule. */
export interface AllowAnnotation {
  /** The rule id it allows, e.g. `destructive-change`. */
  readonly rule: string;
  /** Why it is safe; required. */
  readonly reason: string;
}

export interface Migration {
  /** Identifier the runner records as applied (file name without extension). */
  readonly id: string;
  /** File name inside the migrations directory. */
  readonly file: string;
  /** The up script. */
  readonly up: MigrationScript;
  /** The down script, when the migration has one. */
  readonly down?: MigrationScript;
  /** Whether the production runner wraps the up script in one transaction. */
  readonly transactional: boolean;
  /** Exceptions the migration declares. */
  readonly allows: readonly AllowAnnotation[];
}

/** A migration tool: how its files look and where it records applied migrations. */
export interface MigrationAdapter {
  /** The `--tool` name, e.g. `sql`. */
  readonly name: string;
  /** What its files look like, for messages. */
  readonly description: string;
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

const allowPattern = /(?:--|\/\/)\s*parity:allow\s+([a-z0-9-]+)\s+reason:\s*(.+)$/gim;

/** Reads `-- parity:allow RULE reason: WHY` annotations (`//` in JavaScript migrations). */
export function readAllowAnnotations(sql: string): AllowAnnotation[] {
  return [...sql.matchAll(allowPattern)].map((m) => ({ rule: m[1]!, reason: m[2]!.trim() }));
}
