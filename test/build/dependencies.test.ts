/**
 * The source tree's dependencies point one way (developers' guide: core ← grading ← hosts, pane, cli)
 * and have no cycles, checked on the import statements of every file under `src/`.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(__dirname, '../../src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this candidate: try the next spelling of the module
    }
  }
  return null;
}

const files = filesUnder(SRC);
const graph = new Map<string, string[]>(
  files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'";]*?from\s+['"]([^'"]+)['"]/g)].map(
      (m) => m[1] ?? '',
    );
    return [file, specs.map((s) => resolveImport(file, s)).filter((f): f is string => f !== null)];
  }),
);

const layer = (file: string): string => relative(SRC, file).split('/')[0] ?? '';
const name = (file: string): string => relative(SRC, file);

/** Which top-level folders each folder may import (besides itself). */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  core: [],
  grading: ['core'],
  functions: ['core'],
  hosts: ['core', 'grading'],
  taskpane: ['core', 'grading', 'sql'],
  sql: ['core'],
  cli: ['core', 'grading', 'hosts', 'sql'],
  // A build's entry points plug a host into the pane and the functions (the WPS add-in's pages).
  entries: ['core', 'grading', 'functions', 'hosts', 'taskpane'],
};

describe('the source tree', () => {
  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'open');
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].map(name).join(' → '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('points one way: core ← grading ← hosts, pane and command line', () => {
    const wrong: string[] = [];
    for (const [file, imports] of graph) {
      const from = layer(file);
      // The pane's entry point is where the Excel host is plugged in; nothing else in the pane knows a host.
      if (name(file) === 'taskpane/index.tsx') continue;
      const allowed = ALLOWED[from];
      if (allowed === undefined) continue;
      for (const target of imports) {
        const to = layer(target);
        if (to !== from && !allowed.includes(to)) wrong.push(`${name(file)} → ${name(target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps Office calls in the Excel host: no host imports the pane', () => {
    const intoPane = [...graph]
      .filter(([file]) => layer(file) === 'hosts')
      .flatMap(([file, imports]) =>
        imports.filter((t) => layer(t) === 'taskpane').map((t) => `${name(file)} → ${name(t)}`),
      );
    expect(intoPane).toEqual([]);
  });
});
