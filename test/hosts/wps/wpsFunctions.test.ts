/*
 * The QD.* functions through WPS's registration path: registered with a stand-in for
 * `wps.AddCustomFunction`, called as WPS calls a function — a single cell as its value, a range as
 * rows of values, a blank or an omitted argument as undefined, an error cell as its error — and
 * answering as WPS takes it (rows of values, an error element as its literal).
 */
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { join } from 'node:path';
import * as fn from '../../../src/functions/functions';
import functionSources from '../../../src/functions/sources.json';
import examples from '../../../src/functions/examples.json';
import { installCustomFunctionsShim } from '../../../src/hosts/wps/customFunctionsShim';
import { registerWpsFunctions } from '../../../src/hosts/wps/wpsFunctions';

// WPS has no custom-functions runtime: the functions see the add-in's shim, not Jest's Excel stub.
delete (globalThis as { CustomFunctions?: unknown }).CustomFunctions;
installCustomFunctionsShim();

type Callback = (...args: unknown[]) => unknown;
const registered = new Map<string, Callback>();
let excelIds: string[] = [];

beforeAll(async () => {
  const generated = await generateCustomFunctionsMetadata(
    functionSources.map((f) => join(__dirname, '../../..', f)),
    true,
  );
  excelIds = (JSON.parse(generated.metadataJson) as { functions: { id: string }[] }).functions.map((f) => f.id);
  const impl = fn as unknown as Record<string, (...args: never[]) => unknown>;
  const pairs = generated.associate.map((a) => [a.id, impl[a.functionName] as (...args: never[]) => unknown] as const);
  registerWpsFunctions(
    { AddCustomFunction: (namespace, name, callback) => void registered.set(`${namespace}.${name}`, callback) },
    pairs,
  );
}, 60_000);

/** Calls a registered function as a WPS formula would. */
function call(name: string, ...args: unknown[]): unknown {
  const f = registered.get(name);
  if (!f) throw new Error(`${name} is not registered`);
  return f(...args);
}

/** Excel's serial number of a date (1900 system), as WPS hands DATE(…). */
function serial(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/** The literal arguments of an example formula, as WPS hands them (omitted: undefined). */
function argsOf(formula: string): { name: string; args: unknown[] } {
  const m = /^=(QD\.[A-Z]+)\((.*)\)$/.exec(formula);
  if (!m) throw new Error(`cannot read ${formula}`);
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let cur = '';
  for (const ch of m[2] ?? '') {
    if (ch === '"') quoted = !quoted;
    if (!quoted && (ch === '(' || ch === '{')) depth++;
    if (!quoted && (ch === ')' || ch === '}')) depth--;
    if (!quoted && depth === 0 && ch === ',') {
      parts.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim() !== '' || parts.length > 0) parts.push(cur.trim());
  const scalar = (s: string): unknown => {
    if (s === '') return undefined;
    if (s.startsWith('"')) return s.slice(1, -1);
    const date = /^DATE\((\d+),(\d+),(\d+)\)$/.exec(s.replace(/\s/g, ''));
    if (date) return serial(Number(date[1]), Number(date[2]), Number(date[3]));
    if (s.endsWith('%')) return Number(s.slice(0, -1)) / 100;
    return Number(s);
  };
  const arg = (s: string): unknown =>
    s.startsWith('{')
      ? s
          .slice(1, -1)
          .split(';')
          .map((row) => row.split(',').map((x) => scalar(x.trim())))
      : scalar(s);
  return { name: m[1] ?? '', args: parts.map(arg) };
}

/** The result as rows, cut to the window an example shows. */
function windowOf(result: unknown, like: unknown[][]): unknown[][] {
  const rows = Array.isArray(result) ? (result as unknown[][]) : [[result]];
  return like.map((row, r) => row.map((_, c) => rows[r]?.[c]));
}

describe('QD functions registered with WPS', () => {
  it('registers every function in namespace QD under the same names as in Excel', () => {
    expect([...registered.keys()].sort()).toEqual(excelIds.map((id) => `QD.${id}`).sort());
    expect(registered.size).toBe(35);
  });

  it.each(Object.entries(examples as Record<string, { formula: string; result: unknown[][] }>))(
    'gives the documented result of the help example for %s, called as WPS calls it',
    (_id, example) => {
      const { name, args } = argsOf(example.formula);
      const got = windowOf(call(name, ...args), example.result);
      expect(got).toEqual(example.result);
    },
  );

  describe('errors and blanks, element by element (RULES.md §11)', () => {
    it('passes on an error cell (as a literal or an error object) for its row, says #VALUE! for text, and computes the others', () => {
      const loss = [[0.5], ['#N/A'], [new Error('#DIV/0!')], ['abc'], [0.6]];
      expect(call('QD.COSTRATE', loss, 0.2, 0.1)).toEqual([[0.8], ['#N/A'], ['#DIV/0!'], ['#VALUE!'], [0.9]]);
    });

    it('reads a range handed as an ET Range object by its Value2, a single cell’s Value2 being the value', () => {
      expect(call('QD.COSTRATE', { Value2: [[0.5], [0.6]] }, { Value2: 0.2 }, 0.1)).toEqual([[0.8], [0.9]]);
    });

    it('takes a blank cell (undefined) as blank, where a blank required input is #VALUE!', () => {
      expect(call('QD.COSTRATE', [[undefined], [0.5]], [[0.2], [0.2]], 0.1)).toEqual([['#VALUE!'], [0.8]]);
    });

    it('takes an omitted optional argument as omitted: default rules and Chinese labels', () => {
      expect(call('QD.CHANNELCLASS', 0.92, 5_000_000, 0.2, undefined, undefined)).toEqual([['蓝-B-Ⅱ']]);
      expect(call('QD.CHANNELCLASS', 0.92, 5_000_000, 0.2, undefined, 'en')).toEqual([['Blue-B-II']]);
    });

    it('classifies a column with an error and a blank in it, the other rows classified', () => {
      const got = call('QD.CHANNELCLASS', [[0.92], ['#N/A'], [0.85]], [[5_000_000], [5_000_000], [undefined]], 0.2);
      expect(got).toEqual([['蓝-B-Ⅱ'], ['#N/A'], ['#VALUE!']]);
    });

    it('passes an error in a list read as a whole on as the whole result', () => {
      expect(call('QD.WEIGHTEDRATIO', [[0.5], ['#N/A']], [[100], [300]])).toBe('#N/A');
    });

    it('gives each bad resource row its error and the good rows their tiers', () => {
      expect(call('QD.MGMTLEVEL', [['深红-A-Ⅰ'], ['no such class'], ['#REF!']])).toEqual([
        ['总公司'],
        ['#VALUE!'],
        ['#VALUE!'],
      ]);
    });

    it('says in QD.CHECK, as text, what an error element of a family means', () => {
      const said = call('QD.CHECK', 0.6, 'n/a', 0.1, 1_000_000, 365, 5_000_000) as unknown[][];
      expect(String(said[0]?.[0])).toContain('市场费用率“n/a”不是数字或百分比');
      expect(call('QD.ECONCHECK', 'AGENCYPRICE', 1000, 3)).toEqual([[expect.stringContaining('#NUM!') as unknown]]);
    });
  });

  it('registers nothing in a WPS without AddCustomFunction (older than 12.1.0.20540)', () => {
    expect(registerWpsFunctions({}, [['COSTRATE', fn.costRateFn]])).toEqual([]);
    expect(registerWpsFunctions(undefined, [['COSTRATE', fn.costRateFn]])).toEqual([]);
  });
});
