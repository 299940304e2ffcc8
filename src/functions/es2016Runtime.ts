/**
 * The few library functions newer than ECMAScript 2016 that the functions bundle calls, installed
 * only where the engine lacks them: the JavaScript-only custom-functions runtime of perpetual Office
 * reads ES2016 (docs/functions-runtime.md). The build lowers syntax; library functions it cannot
 * lower are defined here, non-enumerable, with the standard's behaviour for the uses the code has.
 * Imported first by the bundle's entry; everywhere else (Node, the pane, newer Excel) it does nothing.
 *
 * @packageDocumentation
 */

/** Defines `name` on `target` as a built-in would be, unless the engine already has it. */
function define(target: object, name: string, value: unknown): void {
  if (Object.prototype.hasOwnProperty.call(target, name)) return;
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
}

type AnyRecord = Record<string, unknown>;

define(Object, 'values', (o: AnyRecord): unknown[] => Object.keys(o).map((k) => o[k]));
define(Object, 'entries', (o: AnyRecord): [string, unknown][] => Object.keys(o).map((k) => [k, o[k]]));
define(Object, 'fromEntries', (entries: Iterable<readonly [PropertyKey, unknown]>): AnyRecord => {
  const out: AnyRecord = {};
  for (const [k, v] of entries) out[String(k)] = v;
  return out;
});

function flatten(source: readonly unknown[], depth: number, out: unknown[]): unknown[] {
  for (let i = 0; i < source.length; i++) {
    if (!(i in source)) continue;
    const v = source[i];
    if (depth > 0 && Array.isArray(v)) flatten(v, depth - 1, out);
    else out.push(v);
  }
  return out;
}

define(Array.prototype, 'flat', function flat(this: unknown[], depth?: number): unknown[] {
  return flatten(this, depth === undefined ? 1 : Math.floor(Number(depth)) || 0, []);
});
define(
  Array.prototype,
  'flatMap',
  function flatMap(this: unknown[], fn: (v: unknown, i: number, a: unknown[]) => unknown, thisArg?: unknown) {
    return flatten(this.map(fn, thisArg), 1, []);
  },
);

function pad(text: string, length: number, filler: string | undefined, atStart: boolean): string {
  const fill = filler === undefined ? ' ' : String(filler);
  const missing = Math.floor(Number(length)) - text.length;
  if (missing <= 0 || fill === '') return text;
  let padding = '';
  while (padding.length < missing) padding += fill;
  padding = padding.slice(0, missing);
  return atStart ? padding + text : text + padding;
}

define(String.prototype, 'padStart', function padStart(this: string, length: number, filler?: string) {
  return pad(String(this), length, filler, true);
});
define(String.prototype, 'padEnd', function padEnd(this: string, length: number, filler?: string) {
  return pad(String(this), length, filler, false);
});
define(String.prototype, 'trimStart', function trimStart(this: string) {
  return String(this).replace(/^[\s\uFEFF\xA0]+/, '');
});
define(String.prototype, 'trimEnd', function trimEnd(this: string) {
  return String(this).replace(/[\s\uFEFF\xA0]+$/, '');
});
