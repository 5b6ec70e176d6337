/**
 * What the HCL parser sees in a string as `@cdktf/hcl2json` writes HCL expressions
 * (`"orders-${local.stage}"`, `"${var.count * 2}"`, a heredoc's text with `%{ if }` directives):
 * its top-level parts and every `var.*` / `local.*` traversal in it, with their offsets. The string
 * is handed to `getExpressionAst` (HashiCorp's parser, WebAssembly) as a heredoc, once per distinct
 * text; nothing here re-reads expression syntax by hand.
 */
import { getExpressionAst } from '@cdktf/hcl2json';
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

/** UTF-8 byte offset → UTF-16 offset in `text` (the parser counts bytes). */
function byteOffsets(text: string): (byte: number) => number {
  // eslint-disable-next-line no-control-regex
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

/** A heredoc marker that occurs nowhere in the text (a marker line inside it would close the heredoc early). */
function heredocMarker(text: string): string {
  let marker = 'PARITY_EOT';
  for (let n = 1; text.includes(marker); n++) marker = `PARITY_EOT_${n}`;
  return marker;
}

async function parse(source: string): Promise<ParsedTemplate | UnparsableTemplate> {
  // A plain heredoc: its text needs no quoting (hcl2json's literal text is unescaped, except `$${`
  // and `%%{`, which a heredoc reads the same way), and it keeps every newline and indent as is.
  const marker = heredocMarker(source);
  const header = `<<${marker}\n`;
  let ast: AstNode | null;
  try {
    ast = (await getExpressionAst('expression.tf', `${header}${source}\n${marker}\n`)) as AstNode | null;
  } catch (error) {
    const message = (error as Error).message.replace(/^getExpressionAst errors on input string '[\s\S]*?': (?:expression\.tf:[\d,-]+: )?/, '').trim();
    return new UnparsableTemplate(message.split('\n')[0]!.trim());
  }
  if (!ast) return new UnparsableTemplate('the HCL parser returned no expression');
  const charAt = byteOffsets(`${header}${source}`);
  const start = header.length;
  const offset = (byte: number) => Math.min(charAt(byte) - start, source.length);
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
  const single = parts.length === 1 && references.length === 1 && first?.interpolation?.start === 0 && first.interpolation.end === source.length ? first : undefined;
  return single ? { parts, references, single } : { parts, references };
}

/** Parsed templates by text: directories of one check share most of their expressions. */
const parsed = new Map<string, Promise<ParsedTemplate | UnparsableTemplate>>();

/** Parses a string once per process; the same text always gives the same result. */
export function parseTemplate(source: string): Promise<ParsedTemplate | UnparsableTemplate> {
  let result = parsed.get(source);
  if (!result) {
    result = parse(source);
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
