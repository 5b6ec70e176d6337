/**
 * Resolves what can be resolved statically in an HCL configuration: `var.*` from variable defaults
 * and `*.tfvars`, `local.*` from `locals` blocks. A reference to an input with no value, or a
 * cycle, becomes an UnknownValue (reported as unknown, never as equal). Expressions the resolver
 * does not evaluate (functions, arithmetic, conditionals) keep their text with the inputs
 * substituted, so two environments compare equal only when the same expression has the same inputs.
 */
import { UnknownValue } from '../environment-model';
import { INPUT_REFERENCE, templateParts, traversalSteps } from './template-parts';

export type Resolved = unknown;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof UnknownValue);
}

export class StaticResolver {
  private readonly resolvedLocals = new Map<string, Resolved>();
  private readonly resolving = new Set<string>();

  constructor(
    /** Variable name → value (default, overridden by tfvars), or UnknownValue when it has none. */
    private readonly variables: ReadonlyMap<string, Resolved>,
    /** Local name → its expression as hcl2json wrote it. */
    private readonly locals: Readonly<Record<string, unknown>>,
  ) {}

  /** Resolves every string inside a JSON value. */
  resolve(value: unknown): Resolved {
    if (typeof value === 'string') return this.resolveString(value);
    if (Array.isArray(value)) return value.map((item) => this.resolve(item));
    if (isObject(value)) {
      // Null prototype: a block or key named `__proto__` or `constructor` is data, not JavaScript.
      const out: Record<string, Resolved> = Object.create(null) as Record<string, Resolved>;
      for (const [key, child] of Object.entries(value)) out[key] = this.resolve(child);
      return out;
    }
    return value;
  }

  private local(name: string): Resolved {
    if (this.resolvedLocals.has(name)) return this.resolvedLocals.get(name);
    if (!Object.hasOwn(this.locals, name)) return new UnknownValue(`local.${name} is not declared`);
    if (this.resolving.has(name)) return new UnknownValue(`local.${name} refers to itself`);
    this.resolving.add(name);
    const value = this.resolve(this.locals[name]);
    this.resolving.delete(name);
    this.resolvedLocals.set(name, value);
    return value;
  }

  private reference(kind: string, name: string, steps: string): Resolved {
    let value: Resolved;
    if (kind === 'local') value = this.local(name);
    else if (this.variables.has(name)) value = this.variables.get(name);
    else return new UnknownValue(`var.${name} is not declared`);
    for (const step of traversalSteps(steps)) {
      if (value instanceof UnknownValue) return value;
      const next: unknown = Array.isArray(value) && typeof step === 'number' ? value[step] : isObject(value) && Object.hasOwn(value, String(step)) ? value[String(step)] : undefined;
      if (next === undefined) return new UnknownValue(`${kind}.${name}${steps} has no element ${JSON.stringify(step)}`);
      value = next;
    }
    return value;
  }

  /** `var.x` or `local.y...` spanning the whole expression, or undefined. */
  private wholeReference(expression: string): Resolved | undefined {
    INPUT_REFERENCE.lastIndex = 0;
    const match = INPUT_REFERENCE.exec(expression);
    if (!match || match.index !== 0 || match[0].length !== expression.length) return undefined;
    return this.reference(match[1]!, match[2]!, match[3] ?? '');
  }

  /** Substitutes the inputs of an expression the resolver does not evaluate. */
  private substituted(expression: string): string | UnknownValue {
    let unknown: UnknownValue | undefined;
    const text = expression.replace(INPUT_REFERENCE, (_all, kind: string, name: string, steps: string) => {
      const value = this.reference(kind, name, steps ?? '');
      if (value instanceof UnknownValue) unknown ??= value;
      return JSON.stringify(value);
    });
    return unknown ?? text;
  }

  private resolveString(source: string): Resolved {
    if (!source.includes('${')) return source;
    const parts = templateParts(source);
    const [only] = parts;
    if (parts.length === 1 && only && 'expression' in only) {
      const whole = this.wholeReference(only.expression);
      if (whole !== undefined) return whole;
    }
    let out = '';
    for (const part of parts) {
      if ('text' in part) {
        out += part.text;
        continue;
      }
      const whole = this.wholeReference(part.expression);
      if (whole instanceof UnknownValue) return whole;
      if (whole !== undefined) {
        out += typeof whole === 'string' ? whole : JSON.stringify(whole);
        continue;
      }
      const expression = this.substituted(part.expression);
      if (expression instanceof UnknownValue) return expression;
      out += `\${${expression}}`;
    }
    return out;
  }
}
