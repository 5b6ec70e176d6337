/**
 * The layers, as the import graph of the toolkit (packages/parity/src) and the infra project
 * (config/, constructs/, stacks/, main.ts, parity-project.ts): no cycles, the package imports
 * nothing outside itself but packages, and the infra project uses it through the names its
 * package.json exports, like any other consumer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importCycles, importEdges, type ImportEdge } from './support/import-graph';

const root = join(__dirname, '..', '..');
const PACKAGE = 'packages/parity';
/** As tsconfig.json's `paths` and jest's moduleNameMapper map the package's name in this repository. */
const aliases = { '@env-parity/parity/project': `${PACKAGE}/src/cli/project`, '@env-parity/parity': `${PACKAGE}/src` };

let edges: ImportEdge[];

beforeAll(() => {
  edges = importEdges(root, [`${PACKAGE}/src`, 'config', 'constructs', 'stacks', 'main.ts', 'parity-project.ts'], aliases);
});

/** Edges out of the package: none (the engines take their configuration as arguments). Exact, so a new one fails. */
const KNOWN_EDGES_OUT: readonly string[] = [];

/** Subpaths the infra project imports that the package does not export: none. */
const KNOWN_UNEXPORTED: readonly string[] = [];

test('the graph is read: every file of each layer, resolved', () => {
  const from = (prefix: string) => edges.filter((e) => e.from.startsWith(prefix)).length;
  expect([from(`${PACKAGE}/src/`), from('config/'), from('constructs/'), from('stacks/')].every((n) => n > 5)).toBe(true);
  // The parser sees requires and type imports too, not only `import` statements.
  expect(edges).toContainEqual({
    from: `${PACKAGE}/src/parity/check-parity.ts`,
    specifier: './hcl/load-hcl-directory',
    to: `${PACKAGE}/src/parity/hcl/load-hcl-directory.ts`,
  });
  expect(edges).toContainEqual({ from: 'parity-project.ts', specifier: './stacks/app', to: 'stacks/app.ts' });
});

test('no import cycles, type imports and lazy requires included', () => {
  expect(importCycles(edges)).toEqual([]);
});

test('the package imports nothing outside itself but packages (node_modules and builtins)', () => {
  // Unique: a file that imports a module twice (a type and a lazy require) is one edge here.
  const out = [
    ...new Set(
      edges
        .filter((e) => e.from.startsWith(`${PACKAGE}/`) && e.to !== undefined && !e.to.startsWith(`${PACKAGE}/`))
        .map((e) => `${e.from} -> ${e.specifier}`),
    ),
  ].sort();
  expect(out).toEqual([...KNOWN_EDGES_OUT].sort());
});

test('the engines read no project: only src/cli knows that a project exists', () => {
  // src/index.ts is the public surface (it re-exports the project contract's types), not an engine.
  const isEngine = (file: string) =>
    file.startsWith(`${PACKAGE}/src/`) && file !== `${PACKAGE}/src/index.ts` && !file.startsWith(`${PACKAGE}/src/cli/`);
  const engines = edges.filter((e) => isEngine(e.from) && !/\/src\/(drift|promote)\//.test(e.from));
  expect(engines.filter((e) => e.to?.startsWith(`${PACKAGE}/src/cli/`)).map((e) => `${e.from} -> ${e.specifier}`)).toEqual([]);
  expect(engines.filter((e) => e.to !== undefined && !e.to.startsWith(`${PACKAGE}/`))).toEqual([]);
});

test('the infra project imports the package by the names its package.json exports, never by relative path', () => {
  const manifest = JSON.parse(readFileSync(join(root, PACKAGE, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const exported = new Set(Object.keys(manifest.exports).map((k) => `@env-parity/parity${k.slice(1)}`));
  const infra = edges.filter((e) => !e.from.startsWith(`${PACKAGE}/`));
  expect(infra.filter((e) => e.to?.startsWith(`${PACKAGE}/`) && !e.specifier.startsWith('@env-parity/parity'))).toEqual([]);
  const used = [...new Set(infra.filter((e) => e.specifier.startsWith('@env-parity/parity')).map((e) => e.specifier))].sort();
  expect(used.filter((s) => !exported.has(s))).toEqual([...KNOWN_UNEXPORTED].sort());
});
