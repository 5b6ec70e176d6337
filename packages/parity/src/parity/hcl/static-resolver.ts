/**
 * Resolves what can be resolved statically in an HCL configuration: `var.*` from variable defaults
 * and `*.tfvars`, `local.*` from `locals` blocks. A reference to an input with no value, or a
 * cycle, becomes an UnknownValue (reported as unknown, never as equal). Expressions the resolver
 * does not evaluate (functions, arithmetic, conditionals, directives) keep their text with the
 * inputs substituted, so two environments compare equal only when the same expression has the same
 * inputs. References are found by the HCL parser (template-parts.ts), not by reading the text.
 */
import { UnknownValue } from '../environment-model';
import { type InputReference, UnparsableTemplate, mayReferenceInputs, parseTemplate, parseTemplates } from './template-parts';

export type Resolved = unknown;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof UnknownValue);
}

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, into);
  else if (isObject(value)) for (const child of Object.values(value)) collectStrings(child, into);
}

/** The first unknown inside a value: text with an unknown substituted would compare equal to itself. */
function unknownIn(value: Resolved): UnknownValue | undefined {
  if (value instanceof UnknownValue) return value;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = unknownIn(item);
      if (found) return found;
    }
  } else if (isObject(value)) {
    for (const child of Object.values(value)) {
      const found = unknownIn(child);
      if (found) return found;
    }
  }
  return undefined;
}

const printedStep = (step: InputReference['steps'][number]): string =>
  typeof step === 'number' ? `[${step}]` : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;

const printed = (reference: InputReference): string => `${reference.kind}.${reference.name}${reference.steps.map(printedStep).join('')}`;

export class StaticResolver {
  private readonly resolvedLocals = new Map<string, Resolved>();
  private readonly resolving = new Set<string>();

  constructor(
    /** Variable name → value (default, overridden by tfvars), or UnknownValue when it has none. */
    private readonly variables: ReadonlyMap<string, Resolved>,
    /** Local name → its expression as hcl2json wrote it. */
    private readonly locals: Readonly<Record<string, unknown>>,
  ) {}

  /** Resolves every string inside a JSON value; its strings and the locals' go to the parser in batches first. */
  async resolve(value: unknown): Promise<Resolved> {
    const strings: string[] = [];
    collectStrings(value, strings);
    collectStrings(this.locals, strings);
    await parseTemplates(strings);
    return this.resolveValue(value);
  }

  private async resolveValue(value: unknown): Promise<Resolved> {
    if (typeof value === 'string') return this.resolveString(value);
    if (Array.isArray(value)) {
      const out: Resolved[] = [];
      for (const item of value) out.push(await this.resolveValue(item));
      return out;
    }
    if (isObject(value)) {
      // Null prototype: a block or key named `__proto__` or `constructor` is data, not JavaScript.
      const out: Record<string, Resolved> = Object.create(null) as Record<string, Resolved>;
      for (const [key, child] of Object.entries(value)) out[key] = await this.resolveValue(child);
      return out;
    }
    return value;
  }

  private async local(name: string): Promise<Resolved> {
    if (this.resolvedLocals.has(name)) return this.resolvedLocals.get(name);
    if (!Object.hasOwn(this.locals, name)) return new UnknownValue(`local.${name} is not declared`);
    if (this.resolving.has(name)) return new UnknownValue(`local.${name} refers to itself`);
    // Sequential on purpose: the `resolving` set detects cycles only when one local resolves at a time.
    this.resolving.add(name);
    const value = await this.resolveValue(this.locals[name]);
    this.resolving.delete(name);
    this.resolvedLocals.set(name, value);
    return value;
  }

  private async reference(reference: InputReference): Promise<Resolved> {
    const { kind, name, steps } = reference;
    let value: Resolved;
    if (kind === 'local') value = await this.local(name);
    else if (this.variables.has(name)) value = this.variables.get(name);
    else return new UnknownValue(`var.${name} is not declared`);
    for (const step of steps) {
      if (value instanceof UnknownValue) return value;
      const next: unknown =
        Array.isArray(value) && typeof step === 'number'
          ? value[step]
          : isObject(value) && Object.hasOwn(value, String(step))
            ? value[String(step)]
            : undefined;
      if (next === undefined) return new UnknownValue(`${printed(reference)} has no element ${JSON.stringify(step)}`);
      value = next;
    }
    return value;
  }

  private async resolveString(source: string): Promise<Resolved> {
    if (!mayReferenceInputs(source)) return source;
    const template = await parseTemplate(source);
    if (template instanceof UnparsableTemplate)
      return new UnknownValue(`the expression ${JSON.stringify(source)} does not parse: ${template.message}`);
    const values: Resolved[] = [];
    for (const reference of template.references) {
      const value = await this.reference(reference);
      if (value instanceof UnknownValue) return value;
      values.push(value);
    }
    if (template.single) return values[0];
    for (const value of values) {
      const unknown = unknownIn(value);
      if (unknown) return unknown;
    }
    // Splice from the end so earlier offsets stay valid; references never overlap.
    let out = source;
    for (let i = template.references.length - 1; i >= 0; i--) {
      const reference = template.references[i]!;
      const value = values[i];
      out = reference.interpolation
        ? out.slice(0, reference.interpolation.start) +
          (typeof value === 'string' ? value : JSON.stringify(value)) +
          out.slice(reference.interpolation.end)
        : out.slice(0, reference.start) + JSON.stringify(value) + out.slice(reference.end);
    }
    return out;
  }
}
