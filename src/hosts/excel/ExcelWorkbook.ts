/**
 * The WorkbookPort over Office.js: the only place that calls `Excel.run`. Reads and writes go in
 * chunks sized so no request nears Excel on the web's 5 MB limit (starting at about 20,000 rows a
 * request and halving on a payload-limit error), one `context.sync` per chunk plus a constant;
 * calculation is suspended while writing and the add-in's own writes raise no events. Text that
 * looks like a formula is written with a leading apostrophe, so Excel keeps it as text.
 *
 * Small operations (number formats, band rules, the chart, names) cost no round trip of their own:
 * they are queued and ride along with the next data request or with the commit. The sheets and
 * names the workbook has are learnt once, in the same request that lists the sheets.
 *
 * @packageDocumentation
 */
import {
  NUMBER_FORMATS,
  SheetNotFoundError,
  looksLikeFormula,
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
import { hostError, officeCode } from './excelErrors';

/**
 * The ExcelApi requirement sets of the features the add-in can do without (checked with
 * `Office.context.requirements.isSetSupported`). The manifest requires the set the core work needs.
 */
export const EXCEL_API = {
  /** Threaded comments on returned rows. */
  threadedComments: '1.10',
  /** The review column's drop-down (data validation). */
  dataValidation: '1.8',
  /** Charts on the summary and agency sheets (setPosition and titles: 1.1; legend visibility 1.1). */
  charts: '1.1',
  /** Conditional formats colouring the bands. */
  conditionalFormats: '1.6',
  /** Sheet-scoped names marking the add-in's own sheets. */
  sheetNames: '1.4',
  /** Print layout of the report sheet: paper, print area, title rows, page breaks, zoom, footer. */
  pageLayout: '1.9',
} as const;

/** Points per inch: `PrintLayout` margins are in inches, Office.js page-layout margins in points. */
const POINTS_PER_INCH = 72;

/** Inches as points, to a hundredth of a point (0.6 in is 43.2 pt, not 43.199999999999996). */
function points(inches: number): number {
  return Math.round(inches * POINTS_PER_INCH * 100) / 100;
}

/** Runs a batch against Excel; `Excel.run` in the add-in, a fake in tests. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Sizing of requests. */
export interface ExcelWorkbookOptions {
  /** Rows per request to start with (halved on a payload-limit error). */
  readonly rowsPerRequest?: number;
  /** Bytes a request should stay under (Excel on the web rejects 5 MB). */
  readonly payloadBudget?: number;
  /**
   * Whether Excel supports an ExcelApi requirement set ("1.10"); Office's `isSetSupported` in the
   * add-in. Features of a set Excel lacks are skipped and reported as not done (false), never failed.
   */
  readonly supports?: (version: string) => boolean;
}

const PAYLOAD_ERRORS = new Set(['RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded']);

function isPayloadError(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  return PAYLOAD_ERRORS.has(code);
}

const MIN_BYTES_PER_CELL = 4;
/** Sheets written whole in fewer bytes than this ride with the next request instead of their own. */
const SMALL_SHEET_BYTES = 512 * 1024;
/** Writes smaller than this ride with the next request instead of their own. */
const SMALL_WRITE_BYTES = 64 * 1024;

/** Bytes a row of cells takes in a request: UTF-8 text (CJK is 3 bytes a character) plus JSON punctuation. */
function jsonBytes(row: readonly unknown[]): number {
  let bytes = 2;
  for (const v of row) {
    if (typeof v === 'string') {
      let b = 3;
      for (let i = 0; i < v.length; i++) b += v.charCodeAt(i) < 0x80 ? 1 : 3;
      bytes += b;
    } else if (typeof v === 'object' && v !== null && 'formula' in v) bytes += 3 * String(v.formula).length + 4;
    else bytes += typeof v === 'number' ? String(v).length + 1 : 6;
  }
  return bytes;
}

/** Bytes per cell of a block, from up to 256 rows spread through it (exact JSON sizes, a small margin). */
function estimateBytesPerCell(rows: readonly (readonly CellWrite[])[], width: number): number {
  const step = Math.max(1, Math.floor(rows.length / 256));
  let bytes = 0;
  let sampled = 0;
  for (let i = 0; i < rows.length; i += step, sampled++) bytes += jsonBytes(rows[i] ?? []);
  return Math.max(MIN_BYTES_PER_CELL, Math.ceil((1.02 * bytes) / Math.max(1, sampled * width)));
}

/**
 * Whether Excel would take this text for something else when it is written, as it does with what a
 * user types: a number (`000123` becomes 123, `12e45` 1.2E+46), a percentage, an amount, a date or a
 * time (`2026-04-08`, `1/2`, `3:00`), a logical or an error value. Channel codes, dates kept as text
 * and rules fingerprints must come back as written, so such text is written behind an apostrophe.
 */
export function excelWouldRetype(text: string): boolean {
  return /^\s*[\d.$¥€£(#]/.test(text) || /^\s*(true|false)\s*$/i.test(text);
}

/**
 * A cell as Excel's `formulas` property takes it: formulas with `=`, blanks as '', and text Excel would
 * take for a formula or retype (see `excelWouldRetype`) behind an apostrophe, which keeps it text.
 */
export function toFormulaCell(v: CellWrite): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') return `=${v.formula}`;
  if (typeof v === 'string' && (looksLikeFormula(v) || excelWouldRetype(v))) return `'${v}`;
  return v;
}

function fromExcel(v: unknown): CellValue {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  // Excel hands back only numbers, text and logicals in `values`; anything else is shown as JSON.
  return JSON.stringify(v);
}

/** A workbook open in Excel. */
export class ExcelWorkbook implements WorkbookPort {
  private rowsPerRequest: number;
  private readonly payloadBudget: number;
  /** Bytes a read cell costs, learnt from each read (a first guess before any). */
  private readBytesPerCell = 16;
  /** Rows written but not yet sent: consecutive blocks down the same columns, joined into full requests. */
  private buffer: {
    readonly sheet: string;
    firstRow: number;
    readonly firstColumn: number;
    readonly width: number;
    readonly rows: (readonly CellWrite[])[];
    bytesPerCell: number;
  } | null = null;
  /** Sheets this port has created (their creation may still be queued). */
  private readonly created = new Set<string>();
  /** Whether this run turned Excel's events off (restored on commit). */
  private eventsOff = false;
  /** Small operations waiting for the next request; kept until a request carrying them succeeds. */
  private pending: ((context: Excel.RequestContext) => void)[] = [];
  /** The sheet each queued operation works on. */
  private readonly opSheets = new WeakMap<(context: Excel.RequestContext) => void, string>();
  /** Names to (re)define at commit. */
  private readonly names = new Map<string, (context: Excel.RequestContext) => Excel.Range>();
  /** Sheets and workbook names as last listed, updated by this port's own changes; null until listed. */
  private known: { sheets: Set<string>; names: Set<string> } | null = null;

  private readonly supports: (version: string) => boolean;

  constructor(
    private readonly run: ExcelRun,
    options: ExcelWorkbookOptions = {},
  ) {
    this.supports = options.supports ?? (() => true);
    this.rowsPerRequest = options.rowsPerRequest ?? 20_000;
    this.payloadBudget = options.payloadBudget ?? 4 * 1024 * 1024;
  }

  /** Rows per request for a block width: the adaptive size, capped so a request stays in budget. */
  private chunkRows(columns: number, bytesPerCell: number): number {
    return Math.max(
      1,
      Math.min(this.rowsPerRequest, Math.floor(this.payloadBudget / Math.max(1, columns * bytesPerCell))),
    );
  }

  /** Runs `step` over row chunks, halving the chunk and retrying when Excel rejects a payload. */
  private async chunked(
    rows: number,
    columns: number,
    bytesPerCell: number,
    step: (offset: number, count: number) => Promise<void>,
  ): Promise<void> {
    let offset = 0;
    while (offset < rows) {
      const count = Math.min(this.chunkRows(columns, bytesPerCell), rows - offset);
      try {
        await step(offset, count);
        offset += count;
      } catch (e) {
        if (!isPayloadError(e) || count === 1) throw e;
        this.rowsPerRequest = Math.max(1, Math.floor(count / 2));
      }
    }
  }

  private static sheetOf(context: Excel.RequestContext, name: string): Excel.Worksheet {
    return context.workbook.worksheets.getItem(name);
  }

  /**
   * Runs a batch on a sheet (or on the sheets its queued operations touch; none: the workbook as a
   * whole). Excel's errors become messages naming the sheet and the next step: ItemNotFound is
   * SheetNotFoundError; for AccessDenied the sheets are asked which one is protected (one more request,
   * on the error path only), so the message names it.
   */
  private async onSheet<T>(
    sheets: string | readonly string[],
    batch: (context: Excel.RequestContext) => Promise<T>,
  ): Promise<T> {
    const list = typeof sheets === 'string' ? [sheets] : [...sheets];
    const carried = [...new Set([...list, ...this.pendingSheets()])];
    try {
      return await this.run(batch);
    } catch (e) {
      if (officeCode(e) !== 'AccessDenied') throw hostError(e, list.length === 1 ? (list[0] ?? null) : null);
      const locked = await this.protectedAmong(carried);
      throw hostError(e, locked.length > 0 ? locked.join('”“') : null);
    }
  }

  /** The sheets among `sheets` that exist and are protected. */
  private async protectedAmong(sheets: readonly string[]): Promise<string[]> {
    try {
      return await this.run(async (context) => {
        const found = sheets.map((name) => {
          const ws = context.workbook.worksheets.getItemOrNullObject(name);
          ws.load('isNullObject');
          return { name, ws };
        });
        await context.sync();
        const existing = found
          .filter((f) => !f.ws.isNullObject)
          .map((f) => {
            f.ws.protection.load('protected');
            return f;
          });
        await context.sync();
        return existing.filter((f) => f.ws.protection.protected).map((f) => f.name);
      });
    } catch {
      // Only a diagnosis for the message: the original refusal is what the caller throws.
      return [];
    }
  }

  /** Queues a small operation on a sheet, remembering the sheet so an error in it can name it. */
  private queue(sheet: string, op: (context: Excel.RequestContext) => void): void {
    this.opSheets.set(op, sheet);
    this.pending.push(op);
  }

  /** The sheets the queued operations touch, to ask about when the request carrying them fails. */
  private pendingSheets(): string[] {
    return [...new Set(this.pending.map((op) => this.opSheets.get(op)).filter((s) => s !== undefined))];
  }

  /**
   * The sheets, listed once per port (a port serves one job) and then kept up to date with the
   * port's own changes, so asking again costs no request.
   */
  async sheetNames(): Promise<readonly string[]> {
    if (this.known) return [...this.known.sheets];
    await this.flushWrites(true);
    return this.onSheet([], async (context) => {
      const sheets = context.workbook.worksheets;
      const names = context.workbook.names;
      sheets.load('items/name');
      names.load('items/name');
      await context.sync();
      const list = sheets.items.map((s) => s.name);
      this.known = { sheets: new Set(list), names: new Set(names.items.map((n) => n.name)) };
      return list;
    });
  }

  async extent(sheet: string): Promise<SheetExtent> {
    await this.flushWrites(true);
    return this.onSheet(sheet, async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
      const used = ws.getUsedRangeOrNullObject(true);
      ws.load('isNullObject');
      used.load('isNullObject,rowIndex,columnIndex,rowCount,columnCount');
      await context.sync();
      if (ws.isNullObject) throw new SheetNotFoundError(sheet);
      if (used.isNullObject) return { rowCount: 0, columnCount: 0 };
      return { rowCount: used.rowIndex + used.rowCount, columnCount: used.columnIndex + used.columnCount };
    });
  }

  async readBlock(
    sheet: string,
    firstRow: number,
    firstColumn: number,
    rowCount: number,
    columnCount: number,
  ): Promise<CellValue[][]> {
    await this.flushWrites(true);
    const out: CellValue[][] = [];
    await this.onSheet(sheet, async (context) => {
      await this.chunked(rowCount, columnCount, this.readBytesPerCell, async (offset, count) => {
        // Queued writes go first, so a read sees them.
        const carried = this.pending.length > 0 ? this.quietWrites(context) : [];
        const range = ExcelWorkbook.sheetOf(context, sheet).getRangeByIndexes(
          firstRow - 1 + offset,
          firstColumn - 1,
          count,
          columnCount,
        );
        range.load('values');
        await context.sync();
        this.landed(carried);
        let bytes = 0;
        for (const row of range.values) {
          const values = row.map(fromExcel);
          bytes += jsonBytes(values);
          out.push(values);
        }
        // Size the next read from what this one carried, with a margin.
        const observed = Math.ceil((1.25 * bytes) / Math.max(1, count * columnCount));
        this.readBytesPerCell = Math.max(MIN_BYTES_PER_CELL, observed);
      });
    });
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
    const bytesPerCell = estimateBytesPerCell(rows, width);
    if (rows.length * width * bytesPerCell < SMALL_WRITE_BYTES) {
      // A small write (a header row) rides with the next request; reads carry queued writes first.
      // Rows still buffered go first, so they cannot land over this later write.
      await this.flushWrites(true);
      this.queue(sheet, (context) => {
        ExcelWorkbook.sheetOf(context, sheet).getRangeByIndexes(
          firstRow - 1,
          firstColumn - 1,
          rows.length,
          width,
        ).formulas = rows.map((r) => Array.from({ length: width }, (_, j) => toFormulaCell(r[j] ?? null)));
      });
      return;
    }
    const b = this.buffer;
    if (
      b &&
      b.sheet === sheet &&
      b.firstColumn === firstColumn &&
      b.width === width &&
      b.firstRow + b.rows.length === firstRow
    ) {
      b.rows.push(...rows);
      b.bytesPerCell = Math.max(b.bytesPerCell, bytesPerCell);
    } else {
      await this.flushWrites(true);
      this.buffer = { sheet, firstRow, firstColumn, width, rows: [...rows], bytesPerCell };
    }
    await this.flushWrites(false);
  }

  /**
   * Sends buffered rows: the full requests only (`all` false), or everything. Consecutive writeBlock
   * calls down the same columns are joined, so each request is as full as the budget allows however
   * the workflow chunks its writes.
   */
  private async flushWrites(all: boolean): Promise<void> {
    const b = this.buffer;
    if (!b) return;
    const perRequest = this.chunkRows(b.width, b.bytesPerCell);
    const count = all ? b.rows.length : Math.floor(b.rows.length / perRequest) * perRequest;
    if (count === 0) return;
    const rows = b.rows.splice(0, count);
    const firstRow = b.firstRow;
    b.firstRow += count;
    if (b.rows.length === 0) this.buffer = null;
    await this.sendRows(b.sheet, firstRow, b.firstColumn, b.width, rows, b.bytesPerCell);
  }

  private async sendRows(
    sheet: string,
    firstRow: number,
    firstColumn: number,
    width: number,
    rows: readonly (readonly CellWrite[])[],
    bytesPerCell: number,
  ): Promise<void> {
    await this.onSheet(sheet, async (context) => {
      await this.chunked(rows.length, width, bytesPerCell, async (offset, count) => {
        const carried = this.quietWrites(context);
        const block = rows
          .slice(offset, offset + count)
          .map((r) => Array.from({ length: width }, (_, j) => toFormulaCell(r[j] ?? null)));
        ExcelWorkbook.sheetOf(context, sheet).getRangeByIndexes(
          firstRow - 1 + offset,
          firstColumn - 1,
          count,
          width,
        ).formulas = block;
        await context.sync();
        this.landed(carried);
      });
    });
  }

  /**
   * Queues the settings for the add-in's own writes (no recalculation until the sync, no events) and
   * the small operations waiting for a request. Returns those operations, to be dropped by `landed`
   * once the request carrying them succeeds (a rejected request applies nothing, so they wait).
   */
  private quietWrites(context: Excel.RequestContext): readonly ((context: Excel.RequestContext) => void)[] {
    context.application.suspendApiCalculationUntilNextSync();
    if (!this.eventsOff) {
      context.runtime.enableEvents = false;
      this.eventsOff = true;
    }
    const carried = [...this.pending];
    for (const op of carried) op(context);
    return carried;
  }

  private landed(carried: readonly ((context: Excel.RequestContext) => void)[]): void {
    this.pending = this.pending.filter((op) => !carried.includes(op));
  }

  /** Queued: a 1×1 format array set on a range applies to every cell of it, so one small operation does a column. */
  formatColumn(sheet: string, column: number, firstRow: number, lastRow: number, format: NumberFormat): Promise<void> {
    if (lastRow >= firstRow)
      this.queue(sheet, (context) => {
        ExcelWorkbook.sheetOf(context, sheet).getRangeByIndexes(
          firstRow - 1,
          column - 1,
          lastRow - firstRow + 1,
          1,
        ).numberFormat = [[NUMBER_FORMATS[format]]];
      });
    return Promise.resolve();
  }

  /** Queued: the add-in's earlier rules on the column go, then one rule per band, whatever the rows. */
  colourBands(
    sheet: string,
    column: number,
    firstRow: number,
    lastRow: number,
    fills: readonly BandFill[],
  ): Promise<void> {
    if (!this.supports(EXCEL_API.conditionalFormats)) return Promise.resolve();
    this.queue(sheet, (context) => {
      const ws = ExcelWorkbook.sheetOf(context, sheet);
      ws.getRangeByIndexes(0, column - 1, 1_048_576, 1).conditionalFormats.clearAll();
      const range = ws.getRangeByIndexes(firstRow - 1, column - 1, lastRow - firstRow + 1, 1);
      for (const f of fills) {
        const cf = range.conditionalFormats.add('CellValue');
        cf.cellValue.format.fill.color = `#${f.fill}`;
        cf.cellValue.format.font.color = `#${f.font}`;
        cf.cellValue.rule = { formula1: `="${f.text.replace(/"/g, '""')}"`, operator: 'EqualTo' };
      }
    });
    return Promise.resolve();
  }

  async replaceSheet(
    sheet: string,
    rows: readonly (readonly CellWrite[])[],
    columnWidths?: readonly number[],
  ): Promise<void> {
    if (this.buffer?.sheet === sheet) this.buffer = null; // the sheet is replaced: its unsent rows go too
    if (this.known === null) await this.sheetNames();
    const exists = this.created.has(sheet) || (this.known?.sheets.has(sheet) ?? false);
    if (exists && !this.created.has(sheet) && !(await this.isOwned(sheet))) throw new SheetNotOwnedError(sheet);
    const replace = (context: Excel.RequestContext): void => {
      if (exists) context.workbook.worksheets.getItem(sheet).delete();
      const ws = context.workbook.worksheets.add(sheet);
      // The mark that makes it the add-in's: a hidden name scoped to the sheet (ExcelApi 1.4).
      const mark = ws.names.add(OWNED_SHEET_NAME, ws.getRangeByIndexes(0, 0, 1, 1));
      mark.visible = false;
      // Excel widths are in points; ours are character widths, about 7 points each.
      columnWidths?.forEach((w, i) => (ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = w * 7));
    };
    this.queue(sheet, replace);
    this.created.add(sheet);
    // Excel adds a sheet after the others: a replaced sheet moves to the end, in the list too.
    this.known?.sheets.delete(sheet);
    this.known?.sheets.add(sheet);
    if (rows.length === 0) return;
    const width = Math.max(...rows.map((r) => r.length));
    if (rows.length * width * estimateBytesPerCell(rows, width) < SMALL_SHEET_BYTES) {
      // A small sheet (the summary, the rules) rides whole with the next request or the commit.
      this.queue(sheet, (context) => {
        ExcelWorkbook.sheetOf(context, sheet).getRangeByIndexes(0, 0, rows.length, width).formulas = rows.map((r) =>
          Array.from({ length: width }, (_, j) => toFormulaCell(r[j] ?? null)),
        );
      });
      return;
    }
    // Deleting and adding ride with the first write of the new sheet.
    await this.writeBlock(sheet, 1, 1, rows);
  }

  /**
   * Whether an existing sheet is the add-in's: it carries the hidden sheet-scoped name QD_OWNED, or
   * the previous round of the add-in wrote it (then it is adopted, and marked when replaced). One request.
   */
  private async isOwned(sheet: string): Promise<boolean> {
    await this.flushWrites(true);
    const found = await this.onSheet(sheet, async (context) => {
      const carried = this.pending.length > 0 ? this.quietWrites(context) : [];
      const ws = ExcelWorkbook.sheetOf(context, sheet);
      const mark = ws.names.getItemOrNullObject(OWNED_SHEET_NAME);
      mark.load('isNullObject');
      const a1 = ws.getRangeByIndexes(0, 0, 1, 1);
      a1.load('values');
      await context.sync();
      this.landed(carried);
      return { marked: !mark.isNullObject, a1: fromExcel(a1.values[0]?.[0]) };
    });
    if (found.marked) return true;
    // Earlier rounds named the tables of 分级规则 QD_RULES and QD_MATRIX and nothing else.
    const names = [...(this.known?.names ?? [])].filter((n) => n === 'QD_RULES' || n === 'QD_MATRIX');
    return isPreviousRoundSheet(sheet, found.a1, names);
  }

  /** Queued: a list rule with an in-cell drop-down over the rows. */
  listValidation(
    sheet: string,
    column: number,
    firstRow: number,
    lastRow: number,
    values: readonly string[],
  ): Promise<boolean> {
    if (!this.supports(EXCEL_API.dataValidation)) return Promise.resolve(false);
    this.queue(sheet, (context) => {
      const range = ExcelWorkbook.sheetOf(context, sheet).getRangeByIndexes(
        firstRow - 1,
        column - 1,
        lastRow - firstRow + 1,
        1,
      );
      range.dataValidation.clear();
      range.dataValidation.rule = { list: { inCellDropDown: true, source: values.join(',') } };
    });
    return Promise.resolve(true);
  }

  /**
   * Queued: the sheet's page layout (ExcelApi 1.9) — A4, the orientation, the print area, the title
   * rows repeated on every page, fit to one page wide (any number tall), the margins, the centre
   * footer, and a manual page break before the row after each of `breaksAfter` (the sheet's earlier
   * manual breaks go first). False, and nothing queued, where Excel lacks ExcelApi 1.9. Throws
   * `SheetNotFoundError` for a sheet the workbook does not have, and `SheetNotOwnedError` for a sheet
   * that is the user's: its print settings are the user's own.
   */
  async setPrintLayout(sheet: string, layout: PrintLayout): Promise<boolean> {
    if (!this.supports(EXCEL_API.pageLayout)) return false;
    if (this.known === null) await this.sheetNames();
    if (!this.created.has(sheet) && !(this.known?.sheets.has(sheet) ?? false)) throw new SheetNotFoundError(sheet);
    if (!this.created.has(sheet) && !(await this.isOwned(sheet))) throw new SheetNotOwnedError(sheet);
    this.queue(sheet, (context) => {
      const ws = ExcelWorkbook.sheetOf(context, sheet);
      const page = ws.pageLayout;
      page.paperSize = 'A4';
      page.orientation = layout.orientation === 'landscape' ? 'Landscape' : 'Portrait';
      const { area } = layout;
      page.setPrintArea(
        ws.getRangeByIndexes(
          area.firstRow - 1,
          area.firstColumn - 1,
          area.lastRow - area.firstRow + 1,
          area.lastColumn - area.firstColumn + 1,
        ),
      );
      // Title rows must be whole rows: Excel refuses a block of cells here.
      if (layout.titleRows) page.setPrintTitleRows(`$${layout.titleRows.first}:$${layout.titleRows.last}`);
      // 0 pages tall is Excel's "automatic": as many pages as the rows need, one page wide.
      if (layout.fitToWidth) page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      if (layout.margins) {
        page.topMargin = points(layout.margins.top);
        page.bottomMargin = points(layout.margins.bottom);
        page.leftMargin = points(layout.margins.left);
        page.rightMargin = points(layout.margins.right);
      }
      if (layout.footer !== undefined) page.headersFooters.defaultForAllPages.centerFooter = layout.footer;
      ws.horizontalPageBreaks.removePageBreaks();
      // Excel breaks before a range's top-left cell: a break after row r sits on row r + 1 (index r).
      for (const r of layout.breaksAfter)
        ws.horizontalPageBreaks.add(ws.getRangeByIndexes(r, area.firstColumn - 1, 1, 1));
    });
    return true;
  }

  /** A threaded comment (ExcelApi 1.10; notes would need 1.18, which perpetual Office lacks). */
  async addComment(sheet: string, row: number, column: number, text: string): Promise<boolean> {
    if (!this.supports(EXCEL_API.threadedComments)) return false;
    await this.flushWrites(true);
    await this.onSheet(sheet, async (context) => {
      const carried = this.quietWrites(context);
      const cell = ExcelWorkbook.sheetOf(context, sheet).getRangeByIndexes(row - 1, column - 1, 1, 1);
      context.workbook.comments.add(cell, text);
      await context.sync();
      this.landed(carried);
    });
    return true;
  }

  /** Queued with the name definitions: a clustered column chart of the block, placed at the anchor cell. */
  addChart(sheet: string, chart: ChartSpec): Promise<boolean> {
    if (!this.supports(EXCEL_API.charts)) return Promise.resolve(false);
    this.queue(sheet, (context) => {
      const ws = ExcelWorkbook.sheetOf(context, sheet);
      const source = ws.getRangeByIndexes(
        chart.firstRow - 1,
        chart.firstColumn - 1,
        chart.lastRow - chart.firstRow + 1,
        chart.lastColumn - chart.firstColumn + 1,
      );
      const c = ws.charts.add(chart.kind === 'line' ? 'Line' : 'ColumnClustered', source, 'Columns');
      c.title.text = chart.title;
      c.legend.visible = false;
      c.setPosition(ws.getRangeByIndexes(chart.anchorRow - 1, chart.anchorColumn - 1, 1, 1));
    });
    return Promise.resolve(true);
  }

  /** Queued for the commit, which replaces an earlier definition of the name in the same request. */
  defineName(
    name: string,
    sheet: string,
    firstRow: number,
    firstColumn: number,
    lastRow: number,
    lastColumn: number,
  ): Promise<void> {
    this.names.set(name, (context) =>
      ExcelWorkbook.sheetOf(context, sheet).getRangeByIndexes(
        firstRow - 1,
        firstColumn - 1,
        lastRow - firstRow + 1,
        lastColumn - firstColumn + 1,
      ),
    );
    return Promise.resolve();
  }

  /** One request: what is still queued, the names, and events back on. */
  async commit(): Promise<void> {
    await this.flushWrites(true);
    if (!this.eventsOff && this.pending.length === 0 && this.names.size === 0) return;
    const names = [...this.names];
    let existing = this.known?.names;
    if (existing === undefined && names.length > 0)
      existing = await this.onSheet([], async (context) => {
        const all = context.workbook.names;
        all.load('items/name');
        await context.sync();
        return new Set(all.items.map((n) => n.name));
      });
    await this.onSheet([], async (context) => {
      const carried = this.quietWrites(context);
      for (const [name, range] of names) {
        if (existing?.has(name)) context.workbook.names.getItem(name).delete();
        context.workbook.names.add(name, range(context));
      }
      context.runtime.enableEvents = true;
      await context.sync();
      this.landed(carried);
    });
    for (const [name] of names) {
      existing?.add(name);
      this.names.delete(name);
    }
    this.eventsOff = false;
  }
}

/** The port over the workbook Excel has open (the add-in's runtime). */
export function openExcelWorkbook(options?: ExcelWorkbookOptions): ExcelWorkbook {
  return new ExcelWorkbook((batch) => Excel.run(batch), {
    supports: (version) => Office.context.requirements.isSetSupported('ExcelApi', version),
    ...options,
  });
}
