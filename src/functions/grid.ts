/**
 * Range-awareness, as Excel's own functions have it: every value argument is a grid (a single cell
 * arrives as 1 × 1); grids of one shape go element by element; a 1-row or 1-column grid broadcasts
 * along that dimension; positions an argument cannot cover get #N/A, as in Excel.
 *
 * Each cell is first read as Excel hands it (RULES.md §11): an error value (a `#N/A` from a lookup)
 * is passed on to that element's result; a data-type value (a formatted number, an entity) gives its
 * basic value, or is refused for that element with a message; the other elements still compute.
 *
 * @packageDocumentation
 */
import { isProblem, type Problem } from '../core/problem';
import type { CellInput } from '../core/readNumber';
import { PassedOn, excelError, passedOnError } from './excelError';

/**
 * A cell that cannot be read as a value: an error value passed in, or a data type without a usable
 * basic value. Whatever reads it returns `error` for its element instead of computing.
 */
export class Blocked {
  constructor(readonly error: CustomFunctions.Error) {}
}

/** One cell of an argument, read. */
export type Arg = CellInput | Blocked;

/** A rectangular block of cell values. */
export type Grid = readonly (readonly Arg[])[];

/** What one element of a result can be. */
export type Out = string | number | CustomFunctions.Error;

const ERROR_TYPES: Readonly<Record<string, string>> = {
  Div0: '#DIV/0!',
  NotAvailable: '#N/A',
  Name: '#NAME?',
  Null: '#NULL!',
  Num: '#NUM!',
  Ref: '#REF!',
  Value: '#VALUE!',
  Spill: '#SPILL!',
  Calc: '#CALC!',
  GettingData: '#GETTING_DATA',
  Busy: '#BUSY!',
  Field: '#FIELD!',
  Connect: '#CONNECT!',
  Blocked: '#BLOCKED!',
};

/** The error text of an error value as Excel may hand it (CustomFunctions.Error, or an ErrorCellValue), else null. */
function errorCodeOf(x: object): { code: string; message: string | undefined } | null {
  const o = x as { code?: unknown; message?: unknown; type?: unknown; basicValue?: unknown; errorType?: unknown };
  const message = typeof o.message === 'string' && o.message !== '' ? o.message : undefined;
  if (typeof CustomFunctions !== 'undefined' && x instanceof CustomFunctions.Error)
    return { code: String(o.code), message };
  if (typeof o.code === 'string' && o.code.startsWith('#')) return { code: o.code, message };
  if (o.type === 'Error') {
    const code =
      typeof o.basicValue === 'string' && o.basicValue.startsWith('#')
        ? o.basicValue
        : (ERROR_TYPES[String(o.errorType)] ?? '#VALUE!');
    return { code, message };
  }
  return null;
}

/** A refusal of a data-type value that has no single number, text or logical value. */
function refuseDataType(x: { type?: unknown; text?: unknown }): Blocked {
  const kind = typeof x.type === 'string' ? x.type : '?';
  const text = typeof x.text === 'string' && x.text !== '' ? `“${x.text}”` : '';
  return new Blocked(
    new CustomFunctions.Error(
      '#VALUE!' as CustomFunctions.ErrorCode.invalidValue,
      `单元格是 ${kind} 数据类型${text}，没有可用的数值或文本，请引用它的某个字段 (the cell holds a ${kind} data type ${text} with no single value: refer to one of its fields)`,
    ),
  );
}

/**
 * One cell as Excel hands it to a custom function, read: numbers, text, logicals and blanks as they
 * are; an error value blocked with its error passed on; a data type by its basic value.
 */
export function readCell(x: unknown): Arg {
  if (typeof x !== 'object' || x === null || x instanceof Date) return x as CellInput;
  if (x instanceof Blocked) return x;
  const error = errorCodeOf(x);
  if (error) return new Blocked(passedOnError(error.code, error.message));
  const d = x as { type?: unknown; basicValue?: unknown; basicType?: unknown; text?: unknown };
  if (d.type === 'Empty') return null;
  const basic = d.basicValue;
  if (typeof basic === 'number' || typeof basic === 'boolean') return basic;
  if (typeof basic === 'string' && !(d.basicType === 'Error' || /^#[A-Z/0!?_]+$/.test(basic))) return basic;
  return refuseDataType(d);
}

function readRow(row: readonly unknown[]): readonly Arg[] {
  // Plain rows (the common case) are used as they are: no copy of a 100,000-row column.
  for (const v of row) if (typeof v === 'object' && v !== null) return row.map(readCell);
  return row as readonly Arg[];
}

/** A value argument as a grid: a range stays as it is; a scalar (or a missing optional) is 1 × 1. */
export function toGrid(x: unknown): Grid {
  if (Array.isArray(x)) {
    if (x.length === 0) return [[null]];
    return (x as unknown[]).map((row) => (Array.isArray(row) ? readRow(row as unknown[]) : [readCell(row)]));
  }
  return [[readCell(x ?? null)]];
}

/** The plain values of a grid read as a whole; a blocked cell is thrown as `PassedOn`. */
export function plainGrid(g: Grid): readonly (readonly CellInput[])[] {
  for (const row of g) for (const v of row) if (v instanceof Blocked) throw new PassedOn(v.error);
  return g as readonly (readonly CellInput[])[];
}

function width(g: Grid): number {
  return g[0]?.length ?? 0;
}

const notCovered = (): CustomFunctions.Error =>
  new CustomFunctions.Error('#N/A' as CustomFunctions.ErrorCode.notAvailable, '区域大小不一致 (ranges differ in size)');

/**
 * Fills `cells` with each grid's value at (r, c) under broadcasting; false where a grid cannot cover
 * it; the first blocked cell (in argument order) where one is.
 */
function gather(grids: readonly Grid[], r: number, c: number, cells: CellInput[]): boolean | Blocked {
  let blocked: Blocked | null = null;
  for (let i = 0; i < grids.length; i++) {
    const g = grids[i] as Grid;
    const row = g[g.length === 1 ? 0 : r];
    const cc = width(g) === 1 ? 0 : c;
    if (row === undefined || cc >= row.length) return false;
    const v = row[cc] ?? null;
    if (v instanceof Blocked) {
      blocked ??= v;
      cells[i] = null;
    } else cells[i] = v;
  }
  return blocked ?? true;
}

/**
 * Applies `fn` to every position of the broadcast shape of `grids`, each element on its own: a
 * problem becomes that element's Excel error, an error value passed in is passed on, and the others
 * still compute.
 */
export function elementwise(grids: readonly Grid[], fn: (cells: CellInput[]) => Out | Problem): Out[][] {
  const rows = Math.max(...grids.map((g) => g.length));
  const cols = Math.max(...grids.map(width));
  const cells: CellInput[] = new Array<CellInput>(grids.length);
  const out: Out[][] = [];
  for (let r = 0; r < rows; r++) {
    const line: Out[] = [];
    for (let c = 0; c < cols; c++) {
      const got = gather(grids, r, c, cells);
      if (got === false) {
        line.push(notCovered());
        continue;
      }
      if (got instanceof Blocked) {
        line.push(got.error);
        continue;
      }
      const v = fn(cells);
      line.push(isProblem(v) ? excelError(v) : v);
    }
    out.push(line);
  }
  return out;
}

/**
 * For a function whose each element is itself a row (RESOURCES: 11 outcomes; WINDOW: start and
 * end): the inputs' rows broadcast as in `elementwise` (first column only) and each expands into
 * `widthOut` columns; a problem (or an error passed in) fills its whole row with its error.
 */
export function rowwise(
  grids: readonly Grid[],
  widthOut: number,
  fn: (cells: CellInput[]) => Out[] | Problem,
): Out[][] {
  const rows = Math.max(...grids.map((g) => g.length));
  const cells: CellInput[] = new Array<CellInput>(grids.length);
  const out: Out[][] = [];
  for (let r = 0; r < rows; r++) {
    const got = gather(grids, r, 0, cells);
    if (got === false) {
      out.push(Array.from({ length: widthOut }, notCovered));
      continue;
    }
    if (got instanceof Blocked) {
      out.push(Array.from({ length: widthOut }, () => got.error));
      continue;
    }
    const v = fn(cells);
    if (isProblem(v)) {
      const e = excelError(v);
      out.push(Array.from({ length: widthOut }, () => e));
    } else out.push(v);
  }
  return out;
}

/**
 * All the values of a grid, row by row, for an argument read as one list (WEIGHTEDRATIO's ratios,
 * STARS' allPoints): an error value in it is passed on as the whole result's error (`PassedOn`).
 */
export function flatten(g: Grid): CellInput[] {
  return plainGrid(g).flat();
}

/** Whether a cell is blank as either Excel hands it: null on the web, 0 or "" on desktop. */
export function blankOrZero(v: Arg): boolean {
  return v === null || v === undefined || v === '' || v === 0;
}
