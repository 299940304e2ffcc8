/**
 * The one interface the grading workflow needs from a workbook, whatever holds it: Excel through
 * Office.js, an .xlsx file through ExcelJS, or a .csv file. Rows and columns are 1-based, as in
 * Excel. Hosts read values (a formula's cached result, rich text as plain text) and write values as
 * values: text is always written as text, never as a formula.
 *
 * @packageDocumentation
 */
import { QdError, type CellInput } from '../core';

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

/**
 * How a sheet the add-in owns prints (ECMA-376 §18.3.1.63 pageSetup, §18.3.1.73 rowBreaks, and the
 * built-in names `_xlnm.Print_Area` / `_xlnm.Print_Titles` of §18.2.6): A4, a print area, rows
 * repeated at the top of every page, and manual page breaks.
 */
export interface PrintLayout {
  readonly orientation: 'portrait' | 'landscape';
  /** The print area, 1-based and inclusive. */
  readonly area: {
    readonly firstRow: number;
    readonly firstColumn: number;
    readonly lastRow: number;
    readonly lastColumn: number;
  };
  /** Rows repeated at the top of every printed page (1-based, inclusive), if any. */
  readonly titleRows?: { readonly first: number; readonly last: number } | undefined;
  /** Manual page breaks: a new page starts after each of these rows. */
  readonly breaksAfter: readonly number[];
  /** Scale the area to the page's width (any number of pages tall). */
  readonly fitToWidth: boolean;
  /** Page margins in inches (Excel's own unit); Excel's "normal" margins when omitted. */
  readonly margins?:
    { readonly top: number; readonly bottom: number; readonly left: number; readonly right: number } | undefined;
  /** Centre text printed in the page footer, e.g. "第 &P 页 / 共 &N 页" (Excel header/footer codes). */
  readonly footer?: string | undefined;
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
  /**
   * Creates the sheet, or empties it if it exists, and writes the rows from A1. A sheet it creates is
   * marked as the add-in's: a hidden defined name `QD_OWNED` scoped to that sheet (`localSheetId`).
   * An existing sheet is replaced only when it is the add-in's: marked so, or written by the previous
   * round of the add-in (see `isPreviousRoundSheet`), which is then adopted and marked. Any other sheet
   * of that name is the user's: the port refuses with `SheetNotOwnedError` and changes nothing.
   */
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
   * Draws a chart on a sheet the add-in owns. Returns false where the host cannot draw charts (a CSV
   * file), so callers can say so; the data the chart shows are on the sheet either way.
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
   * Adds a comment to a cell: a threaded comment in Excel (ExcelApi 1.10), a note (by
   * `渠道分级 QD Channel Grader`) in an .xlsx file. Returns false where the host cannot, changing
   * nothing: a CSV file; in an .xlsx file, a sheet that carries the user's notes, threaded comments
   * or another VML drawing (they are never rewritten), a cell that already has a different note, or
   * one of the add-in's own sheets. The same note on the same cell again returns true and changes nothing.
   */
  addComment(sheet: string, row: number, column: number, text: string): Promise<boolean>;
  /**
   * Lays out a sheet the add-in owns for printing on A4 (see `PrintLayout`). Returns false where the
   * host cannot (a CSV file, or an Excel without the page-layout API).
   */
  setPrintLayout(sheet: string, layout: PrintLayout): Promise<boolean>;
  /** Makes the writes durable (a file is saved; Excel is synced). */
  commit(): Promise<void>;
}

/** The sheet-scoped hidden defined name that marks a sheet as the add-in's (ECMA-376 §18.2.5, `localSheetId`). */
export const OWNED_SHEET_NAME = 'QD_OWNED';

/**
 * A sheet of that name exists and is the user's, not the add-in's: it is never replaced or deleted.
 * Nothing was written; the next step is to rename the user's sheet or choose another.
 */
export class SheetNotOwnedError extends QdError {
  constructor(readonly sheet: string) {
    super({
      zh: `工作表“${sheet}”已存在且不是本加载项创建的，未作任何修改：请将该工作表改名，或另选名称后重试`,
      en: `a sheet named "${sheet}" exists and was not created by the add-in; nothing was changed: rename that sheet, or choose another name, and try again`,
    });
  }
}

/**
 * The titles (cell A1) of the sheets earlier rounds of the add-in wrote before sheets were marked,
 * in both language orders, by sheet name.
 */
const PREVIOUS_ROUND_TITLES: Readonly<Record<string, readonly [string, string]>> = {
  分级汇总: ['渠道分级汇总', 'Channel grading summary'],
  分级规则: ['分级规则', 'Grading rules'],
  情景测算: ['佣金情景测算', 'Commission scenario'],
  总代理测算: ['内部区域总代理测算', 'General agency plan'],
  佣金计划: ['渠道佣金支付计划', 'Commission schedule'],
  分级指纹: ['行', 'Row'],
};

/**
 * Whether an unmarked sheet was written by the previous round of the add-in, and so is adopted:
 * `分级规则` holding the workbook names `QD_RULES`/`QD_MATRIX`, or one of the add-in's sheets whose
 * A1 is the add-in's own title for it.
 */
export function isPreviousRoundSheet(sheet: string, a1: CellValue, namesOnSheet: readonly string[]): boolean {
  if (sheet === '分级规则' && namesOnSheet.some((n) => n === 'QD_RULES' || n === 'QD_MATRIX')) return true;
  const title = PREVIOUS_ROUND_TITLES[sheet];
  if (!title || typeof a1 !== 'string') return false;
  const [zh, en] = title;
  return a1 === `${zh} ${en}` || a1 === `${en} ${zh}`;
}
