import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/*
 * The house's shape, checked on every run: folders are capabilities, the edges are thin.
 * Imports are read with the TypeScript parser; `import type` (erased at runtime) does not count.
 */

const SRC = resolve(__dirname, '../../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** The top-level folder (or root file) a path belongs to: `delivery`, `herald`… */
const roomOf = (path: string): string => (relative(SRC, path).split('/')[0] ?? '').replace(/\.ts$/, '');

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) return node.isTypeOnly;
  const clause = node.importClause;
  if (!clause) return false; // a bare `import './x'` runs x
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/** Runtime imports between folders: `from` → the folders it loads. */
function runtimeGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
      const specifier = statement.moduleSpecifier;
      if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.') || isTypeOnly(statement)) continue;
      const [from, to] = [roomOf(file), roomOf(resolve(dirname(file), specifier.text))];
      if (from !== to) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

function cycles(graph: Map<string, Set<string>>): string[] {
  const found: string[] = [];
  const done = new Set<string>();
  const visit = (node: string, path: string[]): void => {
    if (path.includes(node)) return void found.push([...path.slice(path.indexOf(node)), node].join(' → '));
    if (done.has(node)) return;
    for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    done.add(node);
  };
  for (const node of graph.keys()) visit(node, []);
  return found;
}

describe('the import graph of src/', () => {
  const graph = runtimeGraph();

  test('when folders import each other at runtime, then no import cycle runs between them', () => {
    expect(graph.get('delivery')?.size).toBeGreaterThan(0); // the graph was read
    expect(cycles(graph)).toEqual([]);
  });

  test('when domain code is loaded, then it loads no adapter and no HTTP (ports and the composition root connect them)', () => {
    const domain = ['delivery', 'events', 'event-types', 'directory', 'templates', 'senders', 'jobs'];
    const edges = ['store', 'queue', 'http', 'herald', 'main'];
    const wrong = domain.flatMap((from) => [...(graph.get(from) ?? [])].filter((to) => edges.includes(to)).map((to) => `${from} → ${to}`));
    expect(wrong).toEqual([]);
  });

  test('when a cycle is planted, then the check finds it (the check can fail)', () => {
    const planted = new Map([...graph].map(([k, v]) => [k, new Set(v)]));
    planted.set('shared', new Set([...(planted.get('shared') ?? []), 'delivery']));
    expect(cycles(planted).length).toBeGreaterThan(0);
  });
});
