/**
 * An optional capability of a workbook host: telling which cells hold a formula with no calculated
 * value (a file saved by a program that does not calculate, such as openpyxl). Such a cell reads as
 * blank; with this the workflow says "formula without a value" instead of "blank" (issue 13 point 5).
 *
 * @packageDocumentation
 */
import type { WorkbookPort } from './WorkbookPort';

/** A cell, 1-based. */
export interface CellAddress {
  readonly row: number;
  readonly column: number;
}

/** The capability: a host that knows its formula cells without a cached value implements it. */
export interface UncalculatedCells {
  /** The cells of a block that hold a formula with no calculated value (usually none). */
  uncalculatedCells(
    sheet: string,
    firstRow: number,
    firstColumn: number,
    rowCount: number,
    columnCount: number,
  ): Promise<readonly CellAddress[]>;
}

/** Whether a port can tell its uncalculated formula cells. */
export function hasUncalculatedCells(port: WorkbookPort): port is WorkbookPort & UncalculatedCells {
  return typeof (port as Partial<UncalculatedCells>).uncalculatedCells === 'function';
}
