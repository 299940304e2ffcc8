/**
 * The QD.* worksheet functions registered with WPS 表格 (WPS 12.1.0.20540 and later): the same
 * implementations as Excel's (src/functions), each registered in namespace QD with
 * `wps.AddCustomFunction(namespace, name, fn)` — as the wpsjs toolkit's generated code registers a
 * spreadsheet add-in's functions — and described to WPS by the add-in's functions.json (the manifest's
 * `<Functions><Uri>`). WPS calls a function synchronously, as Excel's JavaScript-only runtime does.
 *
 * Between WPS and the implementations, per element (RULES.md §11):
 * - in: a single cell arrives as its value, a range as rows of values (a lone row as one row; an ET
 *   Range object, should WPS hand one, by its `Value2`);
 *   a blank or an omitted optional argument (WPS's `undefined`) is null, as Excel on the web hands
 *   it; an error value — as an error object, or as its literal text (`#N/A`) — is that error, so it
 *   is passed on to its element and the other elements compute;
 * - out: a result grid goes back as rows; an element that is an error goes back as the error's
 *   literal (`#N/A`, `#VALUE!`, …), which WPS shows in the cell. Its message (Excel shows it on
 *   hover with #VALUE! and #N/A) is what `QD.CHECK` and the family checks give as text.
 *
 * @packageDocumentation
 */
import { WpsFunctionError } from './customFunctionsShim';

/** The namespace of the functions in formulas: `=QD.CHANNELCLASS(…)`. */
export const WPS_NAMESPACE = 'QD';

/** What registers a function: the global `wps` (its `AddCustomFunction`) in the add-in. */
export interface WpsFunctionRegistry {
  AddCustomFunction(namespace: string, name: string, callback: (...args: unknown[]) => unknown): void;
}

/** Excel's error literals, as a cell or a function may hold one. */
const ERROR_LITERALS = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#SPILL!',
  '#CALC!',
  '#GETTING_DATA',
]);

/** One cell as WPS hands it, as the implementations read cells (grid.ts `readCell`). */
export function fromWpsCell(x: unknown): unknown {
  if (x === undefined) return null;
  if (typeof x === 'string') return ERROR_LITERALS.has(x) ? new WpsFunctionError(x) : x;
  if (x instanceof Error) {
    // A thrown-style error object: its literal is the message (or its name), else #VALUE!.
    const code = [x.message, x.name].find((s) => ERROR_LITERALS.has(s)) ?? '#VALUE!';
    return new WpsFunctionError(code, x.message === code ? undefined : x.message);
  }
  return x;
}

/** An argument as WPS hands it, as the implementations take it: a value, or rows of values. */
export function fromWpsArg(arg: unknown): unknown {
  // Should WPS hand a range as an ET Range (as VBA does a UDF), its values are what count.
  const x = typeof arg === 'object' && arg !== null && 'Value2' in arg ? arg.Value2 : arg;
  if (!Array.isArray(x)) return fromWpsCell(x);
  const rows = x as unknown[];
  if (rows.length > 0 && !rows.some(Array.isArray)) return [rows.map(fromWpsCell)];
  return rows.map((row) => (Array.isArray(row) ? (row as unknown[]).map(fromWpsCell) : [fromWpsCell(row)]));
}

/** One element of a result as WPS takes it: an error as its literal, anything else as it is. */
export function toWpsCell(v: unknown): unknown {
  if (v instanceof WpsFunctionError) return v.code;
  if (v === undefined) return null;
  return v;
}

/** A result as WPS takes it: rows of elements, or one element. */
export function toWpsResult(v: unknown): unknown {
  if (!Array.isArray(v)) return toWpsCell(v);
  return (v as unknown[]).map((row) => (Array.isArray(row) ? (row as unknown[]).map(toWpsCell) : toWpsCell(row)));
}

/** An implementation wrapped for WPS: arguments in, result out, as above. */
export function forWps(fn: (...args: never[]) => unknown): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => toWpsResult((fn as (...a: unknown[]) => unknown)(...args.map(fromWpsArg)));
}

/**
 * Registers each function under its id in namespace QD; returns the ids registered. A WPS older than
 * 12.1.0.20540 has no `AddCustomFunction`: nothing is registered and the answer is empty (the pane
 * works without the functions).
 */
export function registerWpsFunctions(
  registry: Partial<WpsFunctionRegistry> | undefined,
  functions: Iterable<readonly [string, (...args: never[]) => unknown]>,
): string[] {
  if (typeof registry?.AddCustomFunction !== 'function') return [];
  const ids: string[] = [];
  for (const [id, fn] of functions) {
    registry.AddCustomFunction(WPS_NAMESPACE, id, forWps(fn));
    ids.push(id);
  }
  return ids;
}
