/**
 * What the migration gate takes: the contract between the gate, its callers (the CLI builds it from
 * flags and the project's configuration) and the judge, which reads the budgets. A module of its
 * own so that the judge depends on the options, not on the gate that calls it.
 */
import type { GateProgress } from './report/progress';
import type { RehearsalSettings } from './rehearsal/gate-rehearsal';
import type { SquawkOptions } from './squawk';
import type { Selection } from './source/select-new';

export interface GateOptions {
  /** Migrations directory. */
  readonly dir: string;
  /** Migration tool (`--tool`: `sql`, `goose`, `flyway`...); detected from the directory when undefined. */
  readonly tool?: string;
  /** Data profile file; default `<dir>/profile.json` when present. */
  readonly profileFile?: string;
  /** A disposable server to use instead of the embedded one. */
  readonly databaseUrl?: string;
  /** Accept a `--database-url` database that holds tables. */
  readonly allowNonEmpty: boolean;
  /** Which migrations are new. */
  readonly selection: Selection;
  /** Fraction of prod's rows to seed (before the cap). */
  readonly scale: number;
  /** Cap on seeded rows per table. */
  readonly maxRows: number;
  /** Lock budget, ms (write-blocking lock at prod volume). */
  readonly lockBudgetMs: number;
  /** Total budget per migration, ms. */
  readonly totalBudgetMs: number;
  /** squawk settings (the version is prod's). */
  readonly squawk: Omit<SquawkOptions, 'pgVersion'>;
  /**
   * Prod's PostgreSQL version (`16` or `16.8`): the gate runs on this major and squawk lints for it.
   * The CLI takes it from `--pg-version`, or from the project's configuration inside a project.
   */
  readonly declaredVersion: string;
  /** Where progress goes (the CLI passes a terminal reporter); default none. */
  readonly progress?: GateProgress;
  /** Rehearsal under production load (the CLI turns it on unless `--no-rehearsal`); default off. */
  readonly rehearsal?: RehearsalSettings;
}
