/** One thing wrong with the configuration, with what was expected, what was found and how to fix it. */
export interface ConfigProblem {
  /** The environment the problem is in; absent for platform-wide problems. */
  readonly environment?: string;
  /** The field, as a dotted path (`scale.database.instanceClass`). */
  readonly field: string;
  readonly expected: string;
  readonly found: string;
  readonly fix: string;
}

export function formatProblem(p: ConfigProblem): string {
  const where = p.environment ? `environment \`${p.environment}\`, ` : '';
  return `${where}\`${p.field}\`: expected ${p.expected}, found ${p.found}. Fix: ${p.fix}`;
}

/** Thrown when the configuration is invalid; it carries every problem, never only the first. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(
      `config/ has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Renders a value for a message: strings quoted, objects as compact JSON, absence as `nothing`. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `\`${value}\``;
  return `\`${JSON.stringify(value)}\``;
}
