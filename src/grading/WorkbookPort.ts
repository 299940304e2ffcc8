/**
 * The one interface the grading workflow needs from a workbook, whatever holds it: Excel through
 * Office.js, an .xlsx file through ExcelJS, or a .csv file. Rows and columns are 1-based, as in
 * Excel. Hosts read values (a formula's cached result, rich text as plain text) and write values as
 * values: text is always written as text, never as a formula.
 *
 * @packageDocumentation
 */
import type { CellInput } from '../core';

/** A value as the workflow reads it. */
export type CellValue = CellInput;

/** A cell to write: a value, or a formula with the value it evaluates to (so readers that do not recalculate see it). */
export type CellWrite = CellValue | { readonly formula: string; readonly result: number | string };

/** The extent of a sheet's used range. */
export interface SheetExtent {
  readonly rowCount: number;
  readonly columnCount: number;
}

/** A fill for one band label (conditional formatting: cell equals the text). */
export interface BandFill {
  readonly text: string;
  /** RGB hex without #, e.g. `1F3A93`. */
  readonly fill: string;
  /** Font colour, RGB hex. */
  readonly font: string;
}

/** Number formats the workflow sets on its output columns. */
export type NumberFormat = 'percent' | 'amount' | 'integer' | 'text';

/**
 * A clustered column chart over a block of a sheet: the block's first row holds the series names,
 * its first column the categories, each further column one series.
 */
export interface ChartSpec {
  readonly title: string;
  /** Columns (the default) or a line, for a result over time. */
  readonly kind?: 'column' | 'line';
  readonly firstRow: number;
  readonly firstColumn: number;
  readonly lastRow: number;
  readonly lastColumn: number;
  /** The cell the chart's top-left corner sits on. */
  readonly anchorRow: number;
  readonly anchorColumn: number;
}

/** A workbook the grading workflow can read and write. */
export interface WorkbookPort {
  /** Sheet names in tab order. */
  sheetNames(): Promise<readonly string[]>;
  /** The used extent of a sheet; throws `SheetNotFoundError` for an unknown sheet. */
  extent(sheet: string): Promise<SheetExtent>;
  /** Values of a block: `rowCount` rows from `firstRow`, `columnCount` columns from `firstColumn`; blanks are null. */
  readBlock(
    sheet: string,
    firstRow: number,
    firstColumn: number,
    rowCount: number,
    columnCount: number,
  ): Promise<CellValue[][]>;
  /** Writes a block of cells starting at (`firstRow`, `firstColumn`). */
  writeBlock(
    sheet: string,
    firstRow: number,
    firstColumn: number,
    rows: readonly (readonly CellWrite[])[],
  ): Promise<void>;
  /** Sets a number format on a column from `firstRow` to `lastRow`. */
  formatColumn(sheet: string, column: number, firstRow: number, lastRow: number, format: NumberFormat): Promise<void>;
  /**
   * Colours a column's cells by their text with conditional formatting — one rule per band, whatever
   * the row count — replacing the rules this add-in set there before.
   */
  colourBands(
    sheet: string,
    column: number,
    firstRow: number,
    lastRow: number,
    fills: readonly BandFill[],
  ): Promise<void>;
  /** Creates the sheet, or empties it if it exists, and writes the rows from A1. */
  replaceSheet(sheet: string, rows: readonly (readonly CellWrite[])[], columnWidths?: readonly number[]): Promise<void>;
  /** Defines (or redefines) a workbook name for a block of a sheet. */
  defineName(
    name: string,
    sheet: string,
    firstRow: number,
    firstColumn: number,
    lastRow: number,
    lastColumn: number,
  ): Promise<void>;
  /**
   * Draws a chart on a sheet. Returns false where the host cannot draw charts (ExcelJS writes no
   * charts), so callers can say so; the data the chart shows are on the sheet either way.
   */
  addChart(sheet: string, chart: ChartSpec): Promise<boolean>;
  /**
   * Restricts a column's cells to a list of values with an in-cell drop-down. Returns false where
   * the host cannot (a CSV file).
   */
  listValidation(
    sheet: string,
    column: number,
    firstRow: number,
    lastRow: number,
    values: readonly string[],
  ): Promise<boolean>;
  /**
   * Adds a comment to a cell: a threaded comment in Excel (ExcelApi 1.10), a note in an .xlsx file.
   * Returns false where the host cannot (a CSV file, a streamed .xlsx).
   */
  addComment(sheet: string, row: number, column: number, text: string): Promise<boolean>;
  /** Makes the writes durable (a file is saved; Excel is synced). */
  commit(): Promise<void>;
}
