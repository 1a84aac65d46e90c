/**
 * The layering ARCHITECTURE.md states, checked on the imports of every file
 * in lib/: a file imports from its own folder, or from a folder in a lower
 * layer; folders in one layer do not import each other; there is no import
 * cycle; files stay small.
 */
import * as fs from 'fs';
import * as path from 'path';

const LIB = path.resolve(__dirname, '..', 'lib');

/** Folders of lib/ by layer, lowest first (ARCHITECTURE.md, "Layers"). */
const LAYERS: string[][] = [
  ['core'],
  ['plan'],
  ['base'],
  ['strategies', 'flagger', 'argo-rollouts'],
  ['gitops', 'validation'],
  ['gitops/flux', 'gitops/argocd'],
  ['layout'],
  ['review'],
  ['.'],
];
/** The longest file, in lines. */
const MAX_LINES = 400;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

const folderOf = (file: string) => path.relative(LIB, path.dirname(file)) || '.';
const layerOf = (folder: string) => LAYERS.findIndex(l => l.includes(folder));

/** The lib/ files a file imports (relative imports, type-only imports included). */
function importsOf(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  return [...source.matchAll(/^(?:import|export)\b[^;]*?from '(\.[^']+)';/gms)].map(m => `${path.resolve(path.dirname(file), m[1])}.ts`);
}

const all = files(LIB);
const graph = new Map(all.map(f => [f, importsOf(f)]));
const rel = (f: string) => path.relative(LIB, f);

test('every folder of lib/ has a layer', () => {
  expect([...new Set(all.map(folderOf))].filter(f => layerOf(f) < 0)).toEqual([]);
});

/** Imports that go to another folder in the same or a higher layer. */
function upwardImports(g: Map<string, string[]>): string[] {
  const wrong: string[] = [];
  for (const [file, imports] of g) {
    const from = folderOf(file);
    for (const target of imports) {
      const to = folderOf(target);
      if (to !== from && layerOf(to) >= layerOf(from)) wrong.push(`${rel(file)} -> ${rel(target)}`);
    }
  }
  return wrong;
}

/** The import cycles of a graph, each as a path that ends where it starts. */
function cyclesOf(g: Map<string, string[]>): string[] {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, trail: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      cycles.push([...trail.slice(trail.indexOf(file)), file].map(rel).join(' -> '));
      return;
    }
    state.set(file, 'open');
    for (const next of g.get(file) ?? []) visit(next, [...trail, file]);
    state.set(file, 'done');
  };
  [...g.keys()].forEach(f => visit(f, []));
  return cycles;
}

test('files import only from their own folder or from a lower layer', () => {
  expect(upwardImports(graph)).toEqual([]);
});

test('imports resolve to files of lib/', () => {
  const missing = [...graph].flatMap(([file, imports]) => imports.filter(t => !fs.existsSync(t)).map(t => `${rel(file)} -> ${rel(t)}`));
  expect(missing).toEqual([]);
});

test('there is no import cycle', () => {
  expect(cyclesOf(graph)).toEqual([]);
});

test(`no file in lib/ is longer than ${MAX_LINES} lines`, () => {
  const long = all.map(f => [rel(f), fs.readFileSync(f, 'utf8').split('\n').length] as const).filter(([, n]) => n > MAX_LINES);
  expect(long).toEqual([]);
});

test('the checks can fail: an upward import, a sideways import and a cycle are found', () => {
  const f = (name: string) => path.join(LIB, name);
  const fake = new Map<string, string[]>([
    [f('core/a.ts'), [f('layout/b.ts')]],
    [f('flagger/c.ts'), [f('strategies/d.ts')]],
    [f('layout/b.ts'), [f('core/a.ts')]],
  ]);
  expect(upwardImports(fake)).toEqual(['core/a.ts -> layout/b.ts', 'flagger/c.ts -> strategies/d.ts']);
  expect(cyclesOf(fake)).toEqual(['core/a.ts -> layout/b.ts -> core/a.ts']);
});
