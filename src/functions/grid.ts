/**
 * Range-awareness, as Excel's own functions have it: every value argument is a grid (a single cell
 * arrives as 1 × 1); grids of one shape go element by element; a 1-row or 1-column grid broadcasts
 * along that dimension; positions an argument cannot cover get #N/A, as in Excel.
 *
 * @packageDocumentation
 */
import { isProblem, type CellInput, type Problem } from '../core';
import { excelError } from './excelError';

/** A rectangular block of cell values. */
export type Grid = readonly (readonly CellInput[])[];

/** What one element of a result can be. */
export type Out = string | number | CustomFunctions.Error;

/** A value argument as a grid: a range stays as it is; a scalar (or a missing optional) is 1 × 1. */
export function toGrid(x: unknown): Grid {
  if (Array.isArray(x)) {
    if (x.length === 0) return [[null]];
    return (x as unknown[]).map((row) => (Array.isArray(row) ? (row as CellInput[]) : [row as CellInput]));
  }
  return [[(x ?? null) as CellInput]];
}

function width(g: Grid): number {
  return g[0]?.length ?? 0;
}

const notCovered = (): CustomFunctions.Error =>
  new CustomFunctions.Error('#N/A' as CustomFunctions.ErrorCode.notAvailable, '区域大小不一致 (ranges differ in size)');

/** Fills `cells` with each grid's value at (r, c) under broadcasting; false where a grid cannot cover it. */
function gather(grids: readonly Grid[], r: number, c: number, cells: CellInput[]): boolean {
  for (let i = 0; i < grids.length; i++) {
    const g = grids[i] as Grid;
    const row = g[g.length === 1 ? 0 : r];
    const cc = width(g) === 1 ? 0 : c;
    if (row === undefined || cc >= row.length) return false;
    cells[i] = row[cc] ?? null;
  }
  return true;
}

/**
 * Applies `fn` to every position of the broadcast shape of `grids`, each element on its own: a
 * problem becomes that element's Excel error and the others still compute.
 */
export function elementwise(grids: readonly Grid[], fn: (cells: CellInput[]) => Out | Problem): Out[][] {
  const rows = Math.max(...grids.map((g) => g.length));
  const cols = Math.max(...grids.map(width));
  const cells: CellInput[] = new Array<CellInput>(grids.length);
  const out: Out[][] = [];
  for (let r = 0; r < rows; r++) {
    const line: Out[] = [];
    for (let c = 0; c < cols; c++) {
      if (!gather(grids, r, c, cells)) {
        line.push(notCovered());
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
 * `widthOut` columns; a problem fills its whole row with its error.
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
    if (!gather(grids, r, 0, cells)) {
      out.push(Array.from({ length: widthOut }, notCovered));
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

/** All the non-blank values of a grid, row by row (for aggregate arguments such as WEIGHTEDRATIO). */
export function flatten(g: Grid): CellInput[] {
  return g.flat();
}
