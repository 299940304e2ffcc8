/// <reference types="et-jsapi-declare" />
/**
 * The WorkbookPort over WPS 表格's ET object model (WPS 加载项 JSAPI): the only place besides the
 * pane host that calls WPS. ET is synchronous and COM-shaped: collections are 1-based
 * (`Worksheets.Item(1)`), a block's `Value2` is a 2-D array of rows (a single cell's is the value
 * itself), and a refused call throws. Reads and writes go in slices of rows — one `Value2` array per
 * slice, never a cell at a time — and between slices the port yields to the page, so a long grading
 * keeps the pane's progress and its Cancel button alive (`busyMs`).
 *
 * Sheets the add-in creates are marked as in Excel: a hidden name `QD_OWNED` scoped to the sheet.
 * A sheet of an add-in sheet's name that is neither marked nor written by the previous round is the
 * user's, and is refused (`SheetNotOwnedError`) before anything is written.
 *
 * @packageDocumentation
 */
import { QdError } from '../../core';
import {
  NUMBER_FORMATS,
  SheetNotFoundError,
  type BandFill,
  type CellValue,
  type CellWrite,
  type ChartSpec,
  type NumberFormat,
  type PrintLayout,
  type SheetExtent,
  type WorkbookPort,
} from '../../grading';
import { OWNED_SHEET_NAME, SheetNotOwnedError, isPreviousRoundSheet } from '../../grading/WorkbookPort';
import { blockAddress, columnName, fromEtCell, sheetRef, toEtCell, value2Rows } from './etCells';
import { block, colourBandRules, drawChart, layOutPage, listRule } from './wpsDrawing';
import { wpsError, type WpsRefusal } from './wpsErrors';

/** Gives the page a turn: the pane repaints its progress and sees a click on Cancel. */
export type YieldToPage = () => Promise<void>;

/** A macrotask turn (a resolved promise would not let the page paint or take input). */
export const nextTurn: YieldToPage = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Sizing and pacing of the port. */
export interface WpsWorkbookOptions {
  /** Rows per `Value2` read or write (one call each); 2,000 by default. */
  readonly rowsPerSlice?: number;
  /** How the port yields between slices; a macrotask by default. */
  readonly yieldToPage?: YieldToPage;
  /**
   * Milliseconds of ET work between turns given to the page (50 by default; 0: before every slice).
   * The workflow's own awaits on the port resolve at once (ET is synchronous), so the port is what
   * lets the page paint progress and take a click on Cancel, across calls as well as within one.
   */
  readonly busyMs?: number;
}

/** Whether a name (as ET lists it: `QD_OWNED`, or `Sheet!QD_OWNED` for a sheet-scoped one) is `wanted`. */
function isName(listed: string, wanted: string): boolean {
  return listed === wanted || listed.endsWith(`!${wanted}`);
}

/** A workbook open in WPS 表格. */
export class WpsWorkbook implements WorkbookPort {
  private readonly rowsPerSlice: number;
  private readonly yieldToPage: YieldToPage;
  private readonly busyMs: number;
  /** When the page last had a turn. */
  private lastTurn = Date.now();
  /** Sheets this port has created, so it does not ask again whether they are its own. */
  private readonly created = new Set<string>();

  constructor(
    private readonly wb: Et.Workbook,
    options: WpsWorkbookOptions = {},
  ) {
    this.rowsPerSlice = Math.max(1, options.rowsPerSlice ?? 2_000);
    this.yieldToPage = options.yieldToPage ?? nextTurn;
    this.busyMs = Math.max(0, options.busyMs ?? 50);
  }

  /** Gives the page a turn when the port has kept it busy for `busyMs`. */
  private async pace(): Promise<void> {
    if (Date.now() - this.lastTurn < this.busyMs) return;
    await this.yieldToPage();
    this.lastTurn = Date.now();
  }

  /** The worksheet of that name, or null (looked up by listing: ET throws for an unknown name). */
  private find(sheet: string): Et.Worksheet | null {
    const sheets = this.wb.Worksheets;
    for (let i = 1; i <= sheets.Count; i++) {
      const ws = sheets.Item(i) as Et.Worksheet;
      if (ws.Name === sheet) return ws;
    }
    return null;
  }

  private sheet(sheet: string): Et.Worksheet {
    const ws = this.find(sheet);
    if (!ws) throw new SheetNotFoundError(sheet);
    return ws;
  }

  /** What the workbook shows about a refusal on `sheet`, asked after it (the diagnosis may fail too). */
  private refusal(sheet: string | null): WpsRefusal {
    try {
      if (sheet !== null && this.find(sheet)?.ProtectContents) return 'protectedSheet';
      if (this.wb.ProtectStructure) return 'protectedWorkbook';
      if (this.wb.ReadOnly) return 'readOnly';
    } catch {
      // Only a diagnosis for the message: the original refusal is what the caller throws.
    }
    return 'other';
  }

  /**
   * Runs synchronous ET calls on a sheet (null: the workbook), with the add-in's own writes raising
   * no events, and turns what WPS throws into a message naming the sheet and the next step.
   */
  private on<T>(sheet: string | null, calls: () => T): T {
    const app = this.wb.Application;
    let events: boolean | null = null;
    try {
      events = app.EnableEvents;
      app.EnableEvents = false;
      return calls();
    } catch (e) {
      if (e instanceof QdError) throw e;
      throw wpsError(e, sheet, this.refusal(sheet));
    } finally {
      if (events !== null) app.EnableEvents = events;
    }
  }

  /** `on`, its answer or refusal as a promise (the port's methods are asynchronous; ET is not). */
  private call<T>(sheet: string | null, calls: () => T): Promise<T> {
    // The executor's throw becomes the rejection, whatever WPS threw.
    return new Promise((resolve) => resolve(this.on(sheet, calls)));
  }

  sheetNames(): Promise<readonly string[]> {
    return this.call(null, () => {
      const sheets = this.wb.Worksheets;
      const names: string[] = [];
      for (let i = 1; i <= sheets.Count; i++) names.push((sheets.Item(i) as Et.Worksheet).Name);
      return names;
    });
  }

  extent(sheet: string): Promise<SheetExtent> {
    return this.call(sheet, () => {
      const used = this.sheet(sheet).UsedRange;
      const rows = used.Rows.Count;
      const columns = used.Columns.Count;
      // An empty sheet's used range is A1 alone, and blank.
      if (rows === 1 && columns === 1 && used.Row === 1 && used.Column === 1 && fromEtCell(used.Value2) === null)
        return { rowCount: 0, columnCount: 0 };
      return { rowCount: used.Row + rows - 1, columnCount: used.Column + columns - 1 };
    });
  }

  async readBlock(
    sheet: string,
    firstRow: number,
    firstColumn: number,
    rowCount: number,
    columnCount: number,
  ): Promise<CellValue[][]> {
    const out: CellValue[][] = [];
    if (rowCount <= 0 || columnCount <= 0) return out;
    for (let offset = 0; offset < rowCount; offset += this.rowsPerSlice) {
      await this.pace();
      const count = Math.min(this.rowsPerSlice, rowCount - offset);
      const r1 = firstRow + offset;
      const value = this.on(
        sheet,
        () => block(this.sheet(sheet), r1, firstColumn, r1 + count - 1, firstColumn + columnCount - 1).Value2,
      );
      for (const row of value2Rows(value, count, columnCount)) out.push(row);
    }
    return out;
  }

  async writeBlock(
    sheet: string,
    firstRow: number,
    firstColumn: number,
    rows: readonly (readonly CellWrite[])[],
  ): Promise<void> {
    if (rows.length === 0) return;
    const width = Math.max(...rows.map((r) => r.length));
    if (width === 0) return;
    for (let offset = 0; offset < rows.length; offset += this.rowsPerSlice) {
      await this.pace();
      const slice = rows.slice(offset, offset + this.rowsPerSlice);
      const r1 = firstRow + offset;
      this.on(sheet, () => this.put(this.sheet(sheet), r1, firstColumn, slice, width));
    }
  }

  /** One slice as one array: `Value2` for values, `Formula` where the slice holds a formula. */
  private put(ws: Et.Worksheet, r1: number, c1: number, rows: readonly (readonly CellWrite[])[], width: number): void {
    let formulas = false;
    const grid = rows.map((r) =>
      Array.from({ length: width }, (_, j) => {
        const v = r[j] ?? null;
        if (typeof v === 'object' && v !== null && !(v instanceof Date)) formulas = true;
        return toEtCell(v);
      }),
    );
    const range = block(ws, r1, c1, r1 + rows.length - 1, c1 + width - 1);
    if (formulas) range.Formula = grid as unknown as string;
    else range.Value2 = grid;
  }

  formatColumn(sheet: string, column: number, firstRow: number, lastRow: number, format: NumberFormat): Promise<void> {
    return this.call(sheet, () => {
      if (lastRow >= firstRow)
        block(this.sheet(sheet), firstRow, column, lastRow, column).NumberFormat = NUMBER_FORMATS[format];
    });
  }

  colourBands(
    sheet: string,
    column: number,
    firstRow: number,
    lastRow: number,
    fills: readonly BandFill[],
  ): Promise<void> {
    return this.call(sheet, () => colourBandRules(this.sheet(sheet), column, firstRow, lastRow, fills));
  }

  /** Whether an existing sheet is the add-in's: marked with QD_OWNED, or written by the previous round. */
  private isOwned(ws: Et.Worksheet): boolean {
    const marks = ws.Names;
    for (let i = 1; i <= marks.Count; i++) if (isName(marks.Item(i).Name, OWNED_SHEET_NAME)) return true;
    const names: string[] = [];
    const all = this.wb.Names;
    for (let i = 1; i <= all.Count; i++) {
      const n = all.Item(i).Name;
      if (n === 'QD_RULES' || n === 'QD_MATRIX') names.push(n);
    }
    return isPreviousRoundSheet(ws.Name, fromEtCell(block(ws, 1, 1, 1, 1).Value2), names);
  }

  /** Deletes a sheet without WPS asking the user to confirm it (DisplayAlerts off, then as it was). */
  private deleteQuietly(ws: Et.Worksheet): void {
    const app = this.wb.Application;
    const alerts = app.DisplayAlerts;
    app.DisplayAlerts = false;
    try {
      ws.Delete();
    } finally {
      app.DisplayAlerts = alerts;
    }
  }

  async replaceSheet(
    sheet: string,
    rows: readonly (readonly CellWrite[])[],
    columnWidths?: readonly number[],
  ): Promise<void> {
    this.on(sheet, () => {
      const old = this.find(sheet);
      if (old && !this.created.has(sheet) && !this.isOwned(old)) throw new SheetNotOwnedError(sheet);
      const sheets = this.wb.Worksheets;
      // The new sheet goes last under a temporary name, so the old one (even the only one) can go.
      const ws = sheets.Add(undefined, sheets.Item(sheets.Count));
      try {
        ws.Name = `QD~${Date.now() % 100_000}`;
        if (old) this.deleteQuietly(old);
      } catch (e) {
        // Refused part-way (the old sheet could not go): the new sheet goes too, the workbook is as it was.
        this.deleteQuietly(ws);
        throw e;
      }
      ws.Name = sheet;
      ws.Names.Add(OWNED_SHEET_NAME, `=${sheetRef(sheet)}!$A$1`, false);
      // ET's column widths are in characters of the standard font, as ours are.
      columnWidths?.forEach((w, i) => (ws.Range(`${columnName(i + 1)}:${columnName(i + 1)}`).ColumnWidth = w));
    });
    this.created.add(sheet);
    if (rows.length > 0) await this.writeBlock(sheet, 1, 1, rows);
  }

  defineName(
    name: string,
    sheet: string,
    firstRow: number,
    firstColumn: number,
    lastRow: number,
    lastColumn: number,
  ): Promise<void> {
    return this.call(sheet, () => {
      this.sheet(sheet);
      // Adding a name that exists redefines it.
      this.wb.Names.Add(name, `=${sheetRef(sheet)}!${blockAddress(firstRow, firstColumn, lastRow, lastColumn)}`, true);
    });
  }

  addChart(sheet: string, chart: ChartSpec): Promise<boolean> {
    return this.call(sheet, () => {
      drawChart(this.sheet(sheet), chart);
      return true;
    });
  }

  listValidation(
    sheet: string,
    column: number,
    firstRow: number,
    lastRow: number,
    values: readonly string[],
  ): Promise<boolean> {
    return this.call(sheet, () => {
      listRule(this.sheet(sheet), column, firstRow, lastRow, values);
      return true;
    });
  }

  /**
   * A note (ET's comments are notes, by the WPS user). The same text again changes nothing; a cell
   * that already has a different note keeps it, and the answer is false, as in an .xlsx file.
   */
  addComment(sheet: string, row: number, column: number, text: string): Promise<boolean> {
    return this.call(sheet, () => {
      const cell = block(this.sheet(sheet), row, column, row, column);
      const existing = cell.Comment as Et.Comment | null | undefined;
      if (existing) return existing.Text() === text;
      cell.AddComment(text);
      return true;
    });
  }

  setPrintLayout(sheet: string, layout: PrintLayout): Promise<boolean> {
    return this.call(sheet, () => {
      const ws = this.sheet(sheet);
      if (!this.created.has(sheet) && !this.isOwned(ws)) throw new SheetNotOwnedError(sheet);
      layOutPage(ws, layout);
      return true;
    });
  }

  /** ET applies each call as it is made; the user saves the workbook as usual. */
  async commit(): Promise<void> {}
}

/** No workbook is open in WPS: there is nothing to grade. */
export class NoWorkbookError extends QdError {
  constructor() {
    super({
      zh: 'WPS 表格中没有打开的工作簿。请先打开渠道数据所在的工作簿，再使用渠道分级',
      en: 'no workbook is open in WPS Spreadsheets. Open the workbook that holds the channel data, then use the grader',
    });
  }
}

/** The port over the workbook WPS has active (`app`: the global `Application` in the add-in). */
export function openWpsWorkbook(app: Et.Application, options?: WpsWorkbookOptions): WpsWorkbook {
  const wb = app.ActiveWorkbook as Et.Workbook | null | undefined;
  if (!wb) throw new NoWorkbookError();
  return new WpsWorkbook(wb, options);
}
