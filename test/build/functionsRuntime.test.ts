/*
 * The functions bundle as the JavaScript-only custom-functions runtime of perpetual Office loads it
 * (issue 23 point 1): built with the real webpack configuration, `functions.js` must parse as
 * ECMAScript 2016 (acorn, a parser nobody here wrote) and run in a `vm` context that holds the
 * ECMAScript 2016 built-ins and a `CustomFunctions` stub — nothing newer (no BigInt, no
 * Object.values, no padStart …) and none of the web platform (no TextEncoder, no fetch). There every
 * function of functions.json must register, and the help page's examples must compute what the
 * help page says, through the very functions the bundle registered.
 */
import { parse } from 'acorn';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import webpack from 'webpack';
import { StubCustomFunctionsError } from '../support/customFunctionsStub';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack.config.js is CommonJS
const config = require('../../webpack.config.js') as (
  env: unknown,
  options: { mode: string },
) => Promise<webpack.Configuration & { entry: Record<string, string> }>;

/** Builds the functions entry alone, with the production configuration, into `path`. */
async function buildFunctions(path: string): Promise<webpack.Stats> {
  const c = await config({}, { mode: 'production' });
  const only: webpack.Configuration = {
    ...c,
    entry: { functions: c.entry['functions'] ?? '' },
    output: { ...c.output, path },
  };
  return new Promise<webpack.Stats>((resolve, reject) => {
    webpack(only, (err?: Error | null, s?: webpack.Stats) =>
      err || !s ? reject(err ?? new Error('no stats')) : resolve(s),
    );
  });
}

/**
 * What the engine of an ES2016 runtime does not have: later editions' globals and library functions,
 * and what Node adds to the language (a new `vm` context has none of Node's or the web's globals).
 */
const NEWER_THAN_ES2016 = `
  for (const g of ['BigInt', 'BigInt64Array', 'BigUint64Array', 'SharedArrayBuffer', 'Atomics', 'WeakRef',
    'FinalizationRegistry', 'AggregateError', 'globalThis', 'TextEncoder', 'TextDecoder', 'fetch',
    'XMLHttpRequest', 'setTimeout', 'queueMicrotask', 'structuredClone', 'console', 'WebAssembly', 'Iterator'])
    delete this[g];
  const drop = (o, names) => names.forEach((n) => delete o[n]);
  drop(Object, ['values', 'entries', 'getOwnPropertyDescriptors', 'fromEntries', 'hasOwn', 'groupBy']);
  drop(String.prototype, ['padStart', 'padEnd', 'trimStart', 'trimEnd', 'matchAll', 'replaceAll', 'at',
    'isWellFormed', 'toWellFormed']);
  drop(Array.prototype, ['flat', 'flatMap', 'at', 'findLast', 'findLastIndex', 'toSorted', 'toReversed',
    'toSpliced', 'with']);
  drop(Array, ['fromAsync']);
  drop(Promise.prototype, ['finally']);
  drop(Promise, ['allSettled', 'any', 'withResolvers']);
  drop(Map, ['groupBy']);
`;

interface Metadata {
  functions: { id: string; name: string }[];
}

type Fn = (...args: unknown[]) => unknown;

const out = mkdtempSync(join(tmpdir(), 'qd-functions-runtime-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

let bundle = '';
let metadata: Metadata = { functions: [] };
const registered = new Map<string, Fn>();
let loadError: unknown = null;

beforeAll(async () => {
  // Only the functions entry: the pane's bundle is not what this runtime loads.
  const stats = await buildFunctions(out);
  expect(stats.toJson({ errors: true }).errors).toEqual([]);
  bundle = readFileSync(join(out, 'functions.js'), 'utf8');
  metadata = JSON.parse(readFileSync(join(out, 'functions.json'), 'utf8')) as Metadata;

  const context = createContext({});
  runInContext(NEWER_THAN_ES2016, context);
  (context as { CustomFunctions: unknown }).CustomFunctions = {
    Error: StubCustomFunctionsError,
    ErrorCode: {
      invalidValue: '#VALUE!',
      notAvailable: '#N/A',
      divisionByZero: '#DIV/0!',
      invalidNumber: '#NUM!',
      nullReference: '#NULL!',
    },
    associate: (id: string, fn: Fn) => {
      registered.set(id, fn);
    },
  };
  try {
    runInContext(bundle, context, { filename: 'functions.js' });
  } catch (e) {
    loadError = e;
  }
}, 180_000);

describe('the functions bundle in the JavaScript-only runtime (ECMAScript 2016, no web platform)', () => {
  it('parses as ECMAScript 2016', () => {
    let error = 'parses';
    try {
      parse(bundle, { ecmaVersion: 2016, sourceType: 'script' });
    } catch (e) {
      const pos = (e as { pos?: number }).pos ?? 0;
      error = `${String(e)} near: ${bundle.slice(Math.max(0, pos - 60), pos + 40)}`;
    }
    expect(error).toBe('parses');
  });

  it('loads in a context holding only ES2016 built-ins and CustomFunctions, without an error', () => {
    expect(loadError === null ? 'loaded' : (loadError as Error).message).toBe('loaded');
  });

  it('registers every function functions.json declares, and nothing else', () => {
    expect([...registered.keys()].sort()).toEqual(metadata.functions.map((f) => f.id).sort());
    expect(registered.size).toBeGreaterThanOrEqual(35);
  });

  it('uses no BigInt and no TextEncoder anywhere in the bundle', () => {
    expect(bundle).not.toMatch(/\bBigInt(64Array)?\b|\bTextEncoder\b/);
  });

  it('computes every help-page example through the functions it registered', async () => {
    expect(registered.size).toBeGreaterThan(0);
    const { evaluateExamples } = await import('./runtimeExamples');
    const results = await evaluateExamples(registered);
    for (const r of results) expect({ id: r.id, result: r.got }).toEqual({ id: r.id, result: r.expected });
    expect(results.length).toBe(metadata.functions.length);
  });
});
