/**
 * The import graph of this repository's TypeScript: every `import`/`export ... from`, `require()`,
 * `import()` and `typeof import()` specifier, read with swc's parser (already the test transform,
 * so no new dependency, and exact where a regular expression would trip over strings, comments and
 * template literals). Type-only imports count: a cycle of types is still a cycle of layers.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseSync } from '@swc/core';

export interface ImportEdge {
  /** Importing file, relative to the root. */
  readonly from: string;
  /** The specifier as written. */
  readonly specifier: string;
  /** The file it resolves to, relative to the root; undefined for a package (node_modules) or a builtin. */
  readonly to?: string;
}

/** Every `.ts` file under `dir` (no declarations, no node_modules). */
export function typescriptFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  if (statSync(dir).isFile()) return dir.endsWith('.ts') ? [dir] : [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name === 'dist') return [];
    const path = join(dir, e.name);
    if (e.isDirectory()) return typescriptFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Specifiers of one file's imports, requires and dynamic imports. */
export function importSpecifiers(file: string): string[] {
  const ast = parseSync(readFileSync(file, 'utf8'), { syntax: 'typescript', comments: false });
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, any>;
    if (
      (n.type === 'ImportDeclaration' || n.type === 'ExportAllDeclaration' || n.type === 'ExportNamedDeclaration') &&
      n.source?.value !== undefined
    )
      found.push(n.source.value);
    if (n.type === 'TsImportEqualsDeclaration' && n.moduleRef?.type === 'TsExternalModuleReference')
      found.push(n.moduleRef.expression.value);
    if (n.type === 'TsImportType' && n.argument?.value !== undefined) found.push(n.argument.value);
    if (n.type === 'CallExpression') {
      const callee = n.callee;
      const first = n.arguments?.[0]?.expression;
      const isRequire = callee?.type === 'Identifier' && callee.value === 'require';
      const isResolve =
        callee?.type === 'MemberExpression' &&
        callee.object?.type === 'Identifier' &&
        callee.object.value === 'require' &&
        callee.property?.value === 'resolve';
      if ((callee?.type === 'Import' || isRequire || isResolve) && first?.type === 'StringLiteral') found.push(first.value);
    }
    for (const key of Object.keys(n)) if (key !== 'span') visit(n[key]);
  };
  visit(ast.body);
  return found;
}

const EXTENSIONS = ['.ts', '.tsx', '.js', '.cjs', '.json', '/index.ts', '/index.js'];

/** Resolves a relative specifier (or one of the package's own name, mapped as tsconfig maps it) to a file. */
export function resolveSpecifier(
  root: string,
  fromFile: string,
  specifier: string,
  aliases: Readonly<Record<string, string>>,
): string | undefined {
  let base: string | undefined;
  if (specifier.startsWith('.')) base = resolve(dirname(fromFile), specifier);
  else {
    const alias = Object.entries(aliases).find(([prefix]) => specifier === prefix || specifier.startsWith(`${prefix}/`));
    if (!alias) return undefined;
    base = join(root, alias[1], specifier.slice(alias[0].length));
  }
  for (const ext of ['', ...EXTENSIONS]) {
    const candidate = base + ext;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${relative(root, fromFile)}: cannot resolve \`${specifier}\``);
}

/** Every edge from the files under `dirs` (relative to `root`). */
export function importEdges(root: string, dirs: readonly string[], aliases: Readonly<Record<string, string>>): ImportEdge[] {
  return dirs
    .flatMap((d) => typescriptFiles(join(root, d)))
    .flatMap((file) =>
      importSpecifiers(file).map((specifier) => {
        const to = resolveSpecifier(root, file, specifier, aliases);
        return { from: relative(root, file), specifier, ...(to ? { to: relative(root, to) } : {}) };
      }),
    );
}

/** Every elementary cycle's representative: one per strongly connected component of more than one file (or a file importing itself). */
export function importCycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) if (e.to) next.set(e.from, (next.get(e.from) ?? new Set()).add(e.to));
  // Tarjan's strongly connected components.
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (v: string): void => {
    indexOf.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!indexOf.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || next.get(v)?.has(v)) components.push(component.sort());
    }
  };
  for (const v of [...next.keys()].sort()) if (!indexOf.has(v)) connect(v);
  return components.sort((a, b) => a[0]!.localeCompare(b[0]!));
}
