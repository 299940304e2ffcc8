/**
 * The WorkbookPort over Office.js: the only place that calls `Excel.run`. Reads and writes go in
 * chunks sized so no request nears Excel on the web's 5 MB limit (starting at about 20,000 rows a
 * request and halving on a payload-limit error), one `context.sync` per chunk plus a constant;
 * calculation is suspended while writing and the add-in's own writes raise no events. Text that
 * looks like a formula is written with a leading apostrophe, so Excel keeps it as text.
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
  type NumberFormat,
  type SheetExtent,
  type WorkbookPort,
} from '../../grading';

/** Runs a batch against Excel; `Excel.run` in the add-in, a fake in tests. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Sizing of requests. */
export interface ExcelWorkbookOptions {
  /** Rows per request to start with (halved on a payload-limit error). */
  readonly rowsPerRequest?: number;
  /** Bytes a request should stay under (Excel on the web rejects 5 MB). */
  readonly payloadBudget?: number;
}

const PAYLOAD_ERRORS = new Set(['RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded']);

function isPayloadError(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
  return PAYLOAD_ERRORS.has(code);
}

/** A cell as Excel's `formulas` property takes it: formulas with `=`, formula-like text escaped, blanks as ''. */
export function toFormulaCell(v: CellWrite): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') return `=${v.formula}`;
  if (typeof v === 'string' && looksLikeFormula(v)) return `'${v}`;
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
  /** Whether this run turned Excel's events off (restored on commit). */
  private eventsOff = false;

  constructor(
    private readonly run: ExcelRun,
    options: ExcelWorkbookOptions = {},
  ) {
    this.rowsPerRequest = options.rowsPerRequest ?? 20_000;
    this.payloadBudget = options.payloadBudget ?? 4_000_000;
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

  /** Runs a batch on one sheet; Excel's ItemNotFound for it becomes SheetNotFoundError (no extra sync). */
  private onSheet<T>(sheet: string, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    return this.run(batch).catch((e: unknown) => {
      const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
      throw code === 'ItemNotFound' ? new SheetNotFoundError(sheet) : e;
    });
  }

  sheetNames(): Promise<readonly string[]> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load('items/name');
      await context.sync();
      return sheets.items.map((s) => s.name);
    });
  }

  extent(sheet: string): Promise<SheetExtent> {
    return this.run(async (context) => {
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
    const out: CellValue[][] = [];
    await this.onSheet(sheet, async (context) => {
      await this.chunked(rowCount, columnCount, 24, async (offset, count) => {
        const range = ExcelWorkbook.sheetOf(context, sheet).getRangeByIndexes(
          firstRow - 1 + offset,
          firstColumn - 1,
          count,
          columnCount,
        );
        range.load('values');
        await context.sync();
        for (const row of range.values) out.push(row.map(fromExcel));
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
    // Size requests from what the cells hold: UTF-8 text (CJK is 3 bytes a character) plus JSON punctuation.
    const bytesPerCell = Math.ceil(
      rows
        .slice(0, 200)
        .reduce(
          (sum, r) => sum + r.reduce((a: number, v) => a + (typeof v === 'string' ? 3 * v.length + 4 : 16), 0),
          0,
        ) / Math.max(1, Math.min(200, rows.length) * width),
    );
    await this.onSheet(sheet, async (context) => {
      await this.chunked(rows.length, width, Math.max(8, bytesPerCell), async (offset, count) => {
        this.quietWrites(context);
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
      });
    });
  }

  /** Queues the settings for the add-in's own writes: no recalculation until the sync, no events. */
  private quietWrites(context: Excel.RequestContext): void {
    context.application.suspendApiCalculationUntilNextSync();
    if (!this.eventsOff) {
      context.runtime.enableEvents = false;
      this.eventsOff = true;
    }
  }

  async formatColumn(
    sheet: string,
    column: number,
    firstRow: number,
    lastRow: number,
    format: NumberFormat,
  ): Promise<void> {
    const rows = lastRow - firstRow + 1;
    if (rows <= 0) return;
    await this.onSheet(sheet, async (context) => {
      await this.chunked(rows, 1, 16, async (offset, count) => {
        this.quietWrites(context);
        const range = ExcelWorkbook.sheetOf(context, sheet).getRangeByIndexes(
          firstRow - 1 + offset,
          column - 1,
          count,
          1,
        );
        range.numberFormat = Array.from({ length: count }, () => [NUMBER_FORMATS[format]]);
        await context.sync();
      });
    });
  }

  async colourBands(
    sheet: string,
    column: number,
    firstRow: number,
    lastRow: number,
    fills: readonly BandFill[],
  ): Promise<void> {
    await this.onSheet(sheet, async (context) => {
      const ws = ExcelWorkbook.sheetOf(context, sheet);
      this.quietWrites(context);
      // The add-in owns the column: its earlier rules go, then one rule per band, whatever the rows.
      ws.getRangeByIndexes(0, column - 1, 1_048_576, 1).conditionalFormats.clearAll();
      const range = ws.getRangeByIndexes(firstRow - 1, column - 1, lastRow - firstRow + 1, 1);
      for (const f of fills) {
        const cf = range.conditionalFormats.add('CellValue');
        cf.cellValue.format.fill.color = `#${f.fill}`;
        cf.cellValue.format.font.color = `#${f.font}`;
        cf.cellValue.rule = {
          formula1: `="${f.text.replace(/"/g, '""')}"`,
          operator: 'EqualTo',
        };
      }
      await context.sync();
    });
  }

  async replaceSheet(
    sheet: string,
    rows: readonly (readonly CellWrite[])[],
    columnWidths?: readonly number[],
  ): Promise<void> {
    await this.run(async (context) => {
      const old = context.workbook.worksheets.getItemOrNullObject(sheet);
      old.load('isNullObject');
      await context.sync();
      this.quietWrites(context);
      if (!old.isNullObject) old.delete();
      const ws = context.workbook.worksheets.add(sheet);
      // Excel widths are in points; ours are character widths, about 7 points each.
      columnWidths?.forEach((w, i) => (ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = w * 7));
      await context.sync();
    });
    await this.writeBlock(sheet, 1, 1, rows);
  }

  async defineName(
    name: string,
    sheet: string,
    firstRow: number,
    firstColumn: number,
    lastRow: number,
    lastColumn: number,
  ): Promise<void> {
    await this.onSheet(sheet, async (context) => {
      const ws = ExcelWorkbook.sheetOf(context, sheet);
      const existing = context.workbook.names.getItemOrNullObject(name);
      existing.load('isNullObject');
      await context.sync();
      if (!existing.isNullObject) existing.delete();
      context.workbook.names.add(
        name,
        ws.getRangeByIndexes(firstRow - 1, firstColumn - 1, lastRow - firstRow + 1, lastColumn - firstColumn + 1),
      );
      await context.sync();
    });
  }

  async commit(): Promise<void> {
    if (!this.eventsOff) return;
    await this.run(async (context) => {
      context.runtime.enableEvents = true;
      await context.sync();
    });
    this.eventsOff = false;
  }
}

/** The port over the workbook Excel has open (the add-in's runtime). */
export function openExcelWorkbook(options?: ExcelWorkbookOptions): ExcelWorkbook {
  return new ExcelWorkbook((batch) => Excel.run(batch), options);
}
