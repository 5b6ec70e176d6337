/**
 * What the HCL parser sees in a string as `@cdktf/hcl2json` writes HCL expressions
 * (`"orders-${local.stage}"`, `"${var.count * 2}"`, a heredoc's text with `%{ if }` directives):
 * its top-level parts and every `var.*` / `local.*` traversal in it, with their offsets. The string
 * is handed to `getExpressionAst` (HashiCorp's parser, WebAssembly) as a heredoc, once per distinct
 * text (many per call); nothing here re-reads expression syntax by hand.
 */
import { expressionAst } from './hcl-runtime';
import { type AstNode, type InputReference, inputReferences } from './input-references';

export type { InputReference } from './input-references';

export type TemplatePart =
  /** Literal text, as hcl2json wrote it (`$${` and `%%{` escapes kept). */
  | { readonly text: string }
  /** The expression inside a `${...}` interpolation. */
  | { readonly expression: string }
  /** A whole `%{ if }...%{ endif }` or `%{ for }...%{ endfor }` directive. */
  | { readonly directive: string };

export interface ParsedTemplate {
  readonly parts: readonly TemplatePart[];
  /** Every input traversal, in source order, with character offsets into the string. */
  readonly references: readonly InputReference[];
  /** The string is one interpolation of one input (`${var.zones}`): it takes that input's value and type. */
  readonly single?: InputReference;
}

/** A string the parser refused: resolution reports it as unknown, never as text that compares equal. */
export class UnparsableTemplate {
  constructor(readonly message: string) {}
}

/**
 * Whether a string can hold an input reference at all: an interpolation or directive, and the
 * identifiers `var` or `local` somewhere in it. Strings that cannot are never sent to the parser.
 */
export function mayReferenceInputs(source: string): boolean {
  return (source.includes('${') || source.includes('%{')) && (source.includes('var') || source.includes('local'));
}

/** UTF-8 byte offset in `text` → UTF-16 offset (the parser counts bytes). */
function byteOffsets(text: string): (byte: number) => number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range (U+0000 to U+007F) on purpose: ASCII text needs no mapping
  if (/^[\x00-\x7f]*$/.test(text)) return (byte) => byte;
  const offsets: number[] = [];
  let index = 0;
  for (const ch of text) {
    const bytes = Buffer.byteLength(ch);
    for (let i = 0; i < bytes; i++) offsets.push(index);
    index += ch.length;
  }
  offsets.push(index);
  return (byte) => offsets[Math.min(Math.max(byte, 0), offsets.length - 1)]!;
}

/**
 * A plain heredoc holding the text: it needs no quoting (hcl2json's literal text is unescaped,
 * except `$${` and `%%{`, which a heredoc reads the same way) and keeps every newline and indent.
 * Its marker occurs nowhere in the text (a marker line inside would close the heredoc early).
 */
function heredoc(source: string, tag: string): { readonly text: string; readonly header: string } {
  let marker = `PARITY_EOT_${tag}`;
  for (let n = 1; source.includes(marker); n++) marker = `PARITY_EOT_${tag}_${n}`;
  const header = `<<${marker}\n`;
  return { text: `${header}${source}\n${marker}\n`, header };
}

const parserMessage = (error: unknown): string =>
  (error as Error).message
    .replace(/^getExpressionAst errors on input string '[\s\S]*?': (?:expression\.tf:[\d,-]+: )?/, '')
    .split('\n')[0]!
    .trim();

/** The parts and references of one template node whose text starts at byte `contentStart` of the parsed input. */
function analyse(ast: AstNode, source: string, contentStart: number): ParsedTemplate {
  const charAt = byteOffsets(source);
  const sourceBytes = Buffer.byteLength(source);
  const offset = (byte: number) => charAt(Math.min(byte - contentStart, sourceBytes));
  const references = inputReferences(ast, new Set(), offset);
  const parts: TemplatePart[] = [];
  const children = ast.type === 'template' ? ast.children : [ast];
  for (const child of children) {
    if (child.type === 'literalValue') {
      const text = source.slice(offset(child.range.start.byte), offset(child.range.end.byte));
      if (text) parts.push({ text });
    } else {
      const value = child.meta?.value ?? '';
      parts.push(value.startsWith('%{') ? { directive: value } : { expression: value });
    }
  }
  // Interpolations that are one reference and nothing else: their value replaces the whole `${...}`.
  for (const reference of references) {
    if (!children.some((child) => child.type === 'scopeTraversal' && offset(child.range.start.byte) === reference.start)) continue;
    let before = reference.start;
    while (before > 0 && /\s/.test(source[before - 1]!)) before--;
    let after = reference.end;
    while (after < source.length && /\s/.test(source[after]!)) after++;
    if (source.slice(before - 2, before) === '${' && source[after] === '}') reference.interpolation = { start: before - 2, end: after + 1 };
  }
  const [first] = references;
  const single =
    parts.length === 1 && references.length === 1 && first?.interpolation?.start === 0 && first.interpolation.end === source.length
      ? first
      : undefined;
  return single ? { parts, references, single } : { parts, references };
}

async function parseOne(source: string): Promise<ParsedTemplate | UnparsableTemplate> {
  const { text, header } = heredoc(source, '0');
  let ast: AstNode | null;
  try {
    ast = (await expressionAst('expression.tf', text)) as AstNode | null;
  } catch (error) {
    return new UnparsableTemplate(parserMessage(error));
  }
  if (!ast) return new UnparsableTemplate('the HCL parser returned no expression');
  return analyse(ast, source, Buffer.byteLength(header));
}

/**
 * Many strings in one parser call, as a tuple of heredocs: the WebAssembly bridge costs less per
 * string that way (bench/check-hcl.sh). When the batch fails (one string does not parse), each
 * string is parsed alone, so the failure stays with its own string.
 */
async function parseBatch(sources: readonly string[]): Promise<(ParsedTemplate | UnparsableTemplate)[]> {
  if (sources.length === 1) return [await parseOne(sources[0]!)];
  let input = '[\n';
  let bytes = Buffer.byteLength(input);
  const starts: number[] = [];
  for (const [i, source] of sources.entries()) {
    const { text, header } = heredoc(source, String(i));
    starts.push(bytes + Buffer.byteLength(header));
    const element = `${text},\n`;
    input += element;
    bytes += Buffer.byteLength(element);
  }
  input += ']';
  let tuple: AstNode | null = null;
  try {
    tuple = (await expressionAst('expression.tf', input)) as AstNode | null;
  } catch {
    // Below: one at a time.
  }
  if (tuple?.type !== 'tuple' || tuple.children.length !== sources.length) {
    const results: (ParsedTemplate | UnparsableTemplate)[] = [];
    for (const source of sources) results.push(await parseOne(source));
    return results;
  }
  return sources.map((source, i) => analyse(tuple.children[i]!, source, starts[i]!));
}

/** Parsed templates by text: directories of one check share most of their expressions. */
const parsed = new Map<string, Promise<ParsedTemplate | UnparsableTemplate>>();

/** Strings per parser call: large enough to amortize the bridge, small enough to bound one call's JSON. */
const BATCH = 200;

/** Parses every string not parsed yet in this process, in batches; `parseTemplate` then answers from the cache. */
export async function parseTemplates(sources: Iterable<string>): Promise<void> {
  const pending = [...new Set(sources)].filter((source) => !parsed.has(source) && mayReferenceInputs(source));
  for (let i = 0; i < pending.length; i += BATCH) {
    const chunk = pending.slice(i, i + BATCH);
    const results = parseBatch(chunk);
    chunk.forEach((source, j) => {
      parsed.set(
        source,
        results.then((all) => all[j]!),
      );
    });
    await results;
  }
}

/** Parses a string once per process; the same text always gives the same result. */
export function parseTemplate(source: string): Promise<ParsedTemplate | UnparsableTemplate> {
  let result = parsed.get(source);
  if (!result) {
    result = parseOne(source);
    parsed.set(source, result);
  }
  return result;
}

/** The top-level parts of a string as the HCL parser splits it. */
export async function templateParts(source: string): Promise<readonly TemplatePart[]> {
  const result = await parseTemplate(source);
  if (result instanceof UnparsableTemplate) throw new Error(result.message);
  return result.parts;
}

/** How many distinct strings went to the parser in this process (for benchmarks). */
export function parsedTemplateCount(): number {
  return parsed.size;
}
