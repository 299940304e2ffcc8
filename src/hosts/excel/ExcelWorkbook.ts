/**
 * The WorkbookPort over Office.js: the only place that calls `Excel.run`. Reads and writes go in
 * chunks sized so no request nears Excel on the web's 5 MB limit (starting at about 20,000 rows a
 * request and halving on a payload-limit error), one `context.sync` per chunk plus a constant;
 * calculation is suspended while writing and the add-in's own writes raise no events (turned off and
 * back on within each request, where Excel has ExcelApi 1.8). Text that looks like a formula is
 * written with a leading apostrophe, so Excel keeps it as text.
 *
 * Excel has no transaction, so a refusal must come before the first write: nothing is sent until the
 * job's first write to a sheet of the user's has passed its checks (the sheet is not protected; no
 * merged cells where the block goes), or until the commit. A protected sheet or workbook, a sheet
 * that is not the add-in's, or merged cells in the output block refuse the job with nothing written.
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
  type BandFill,
  type CellWrite,
  type ChartSpec,
  type NumberFormat,
  type PrintLayout,
  type WorkbookPort,
} from '../../grading';
import { OWNED_SHEET_NAME, SheetNotOwnedError, isPreviousRoundSheet } from '../../grading/WorkbookPort';
import { EXCEL_API, type ExcelRun, type ExcelWorkbookOptions } from './excelApi';
import { BAND_RULE_FIELDS, BAND_RULE_MARKER, ownRuleIds } from './excelBandRules';
import { excelWouldRetype, fromExcel, toFormulaCell } from './excelCells';
import { officeCode, protectedRefusal } from './excelErrors';
import {
  A4,
  DEFAULT_COLUMN_CHARS,
  DEFAULT_SIDE_MARGIN,
  POINTS_PER_CHAR,
  POINTS_PER_INCH,
  SHEET_ROWS,
  columnLetter,
  points,
} from './excelPageSetup';
import { SMALL_SHEET_BYTES, estimateBytesPerCell } from './excelPayload';
import { ExcelBatching } from './excelBatching';

export { EXCEL_API, BAND_RULE_MARKER, excelWouldRetype, toFormulaCell };
export type { ExcelRun, ExcelWorkbookOptions };

/** A workbook open in Excel. */
export class ExcelWorkbook extends ExcelBatching implements WorkbookPort {
  /** Queued: a 1×1 format array set on a range applies to every cell of it, so one small operation does a column. */
  async formatColumn(
    sheet: string,
    column: number,
    firstRow: number,
    lastRow: number,
    format: NumberFormat,
  ): Promise<void> {
    if (lastRow < firstRow) return;
    await this.checkUserSheet(sheet);
    this.queue(sheet, (context) => {
      ExcelWorkbook.sheetOf(context, sheet).getRangeByIndexes(
        firstRow - 1,
        column - 1,
        lastRow - firstRow + 1,
        1,
      ).numberFormat = [[NUMBER_FORMATS[format]]];
    });
  }

  /**
   * The ids of the add-in's own band rules (see `ownRuleIds`) on a column of a sheet it did not create
   * this run: found with the merged-cell check of the output block, or in one request of their own.
   */
  private async ownBandRules(sheet: string, column: number): Promise<string[]> {
    if (this.created.has(sheet)) return [];
    for (const [key, ids] of this.knownBandRules) {
      const [s, first, width] = key.split('\u0000');
      if (s === sheet && column >= Number(first) && column < Number(first) + Number(width)) return ids;
    }
    return this.onSheet(sheet, async (context) => {
      const rules = ExcelWorkbook.sheetOf(context, sheet).getRangeByIndexes(
        0,
        column - 1,
        SHEET_ROWS,
        1,
      ).conditionalFormats;
      rules.load(BAND_RULE_FIELDS);
      await context.sync();
      return ownRuleIds(rules.items);
    });
  }

  /**
   * The add-in's earlier band rules on the column go (only its own: see `ownBandRules`), then one
   * custom rule per band, marked, whatever the rows; queued with the next request.
   */
  async colourBands(
    sheet: string,
    column: number,
    firstRow: number,
    lastRow: number,
    fills: readonly BandFill[],
  ): Promise<void> {
    if (!this.supports(EXCEL_API.conditionalFormats)) return;
    await this.checkUserSheet(sheet);
    const earlier = await this.ownBandRules(sheet, column);
    const top = `${columnLetter(column)}${firstRow}`;
    this.queue(sheet, (context) => {
      const ws = ExcelWorkbook.sheetOf(context, sheet);
      const existing = ws.getRangeByIndexes(0, column - 1, SHEET_ROWS, 1).conditionalFormats;
      for (const id of earlier) existing.getItem(id).delete();
      const range = ws.getRangeByIndexes(firstRow - 1, column - 1, lastRow - firstRow + 1, 1);
      for (const f of fills) {
        const cf = range.conditionalFormats.add('Custom');
        cf.custom.format.fill.color = `#${f.fill}`;
        cf.custom.format.font.color = `#${f.font}`;
        // Relative to the range's first cell, so each cell tests its own text; the marker makes it ours.
        cf.custom.rule.formula = `=AND(${BAND_RULE_MARKER},${top}="${f.text.replace(/"/g, '""')}")`;
      }
    });
  }

  async replaceSheet(
    sheet: string,
    rows: readonly (readonly CellWrite[])[],
    columnWidths?: readonly number[],
  ): Promise<void> {
    if (this.buffer?.sheet === sheet) this.buffer = null; // the sheet is replaced: its unsent rows go too
    this.held = this.held.filter((b) => b.sheet !== sheet);
    if (this.known === null) await this.sheetNames();
    const exists = this.created.has(sheet) || (this.known?.sheets.has(sheet) ?? false);
    if (!this.created.has(sheet)) {
      // Every refusal before anything is sent: a protected workbook cannot add the sheet, a protected
      // sheet cannot be replaced, and a sheet of the user's is never the add-in's to replace.
      if (this.known?.workbookProtected) this.refuse(protectedRefusal(null));
      if (exists && this.known?.protectedSheets.has(sheet)) this.refuse(protectedRefusal(sheet));
      if (exists && !(await this.isOwned(sheet))) this.refuse(new SheetNotOwnedError(sheet));
    }
    if (columnWidths) this.widths.set(sheet, columnWidths);
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
      const quiet = !this.holding && this.pending.length > 0;
      const carried = quiet ? this.quietWrites(context) : [];
      const ws = ExcelWorkbook.sheetOf(context, sheet);
      const mark = ws.names.getItemOrNullObject(OWNED_SHEET_NAME);
      mark.load('isNullObject');
      const a1 = ws.getRangeByIndexes(0, 0, 1, 1);
      a1.load('values');
      this.eventsOn(context, quiet ? carried : null);
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
  async listValidation(
    sheet: string,
    column: number,
    firstRow: number,
    lastRow: number,
    values: readonly string[],
  ): Promise<boolean> {
    if (!this.supports(EXCEL_API.dataValidation)) return false;
    await this.checkUserSheet(sheet);
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
    return true;
  }

  /**
   * The print scale that fits the print area to one page wide: desktop Excel does not apply
   * fit-to-pages set through the API until the Page Layout tab is opened (office-js#1860), so the
   * width is fitted with a scale (10–100%), from the column widths the port set and A4's printable width.
   */
  private fitScale(sheet: string, layout: PrintLayout): number {
    const widths = this.widths.get(sheet) ?? [];
    let width = 0;
    for (let c = layout.area.firstColumn; c <= layout.area.lastColumn; c++)
      width += (widths[c - 1] ?? DEFAULT_COLUMN_CHARS) * POINTS_PER_CHAR;
    const paper = layout.orientation === 'landscape' ? A4.height : A4.width;
    const sides = layout.margins ? layout.margins.left + layout.margins.right : 2 * DEFAULT_SIDE_MARGIN;
    const printable = (paper - sides) * POINTS_PER_INCH;
    return Math.max(10, Math.min(100, Math.floor((100 * printable) / Math.max(1, width))));
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
    if (!this.created.has(sheet) && this.known?.protectedSheets.has(sheet)) this.refuse(protectedRefusal(sheet));
    if (!this.created.has(sheet) && !(await this.isOwned(sheet))) this.refuse(new SheetNotOwnedError(sheet));
    const scale = layout.fitToWidth ? this.fitScale(sheet, layout) : null;
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
      // A scale, not fit-to-pages: desktop Excel honours a scale at once (office-js#1860), and the
      // manual page breaks below still apply (Excel ignores them under fit-to-pages).
      if (scale !== null) page.zoom = { scale };
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

  /**
   * A threaded comment (ExcelApi 1.10; notes would need 1.18, which perpetual Office lacks). Excel
   * refuses a second comment on a cell (office-js#1416): where the cell has a thread, the text is
   * replied to it (nothing when the thread already says it). Two requests.
   */
  async addComment(sheet: string, row: number, column: number, text: string): Promise<boolean> {
    if (!this.supports(EXCEL_API.threadedComments)) return false;
    await this.checkUserSheet(sheet);
    await this.flushWrites(true);
    // The cell's thread, if it has one: Excel answers getItemByCell with ItemNotFound where it has none.
    const said = await this.onSheet(sheet, async (context) => {
      const thread = context.workbook.comments.getItemByCell(
        ExcelWorkbook.sheetOf(context, sheet).getRangeByIndexes(row - 1, column - 1, 1, 1),
      );
      thread.load('content');
      try {
        await context.sync();
        return thread.content;
      } catch (e) {
        if (officeCode(e) === 'ItemNotFound') return null;
        throw e;
      }
    });
    if (said === text) return true;
    await this.onSheet(sheet, async (context) => {
      const cell = ExcelWorkbook.sheetOf(context, sheet).getRangeByIndexes(row - 1, column - 1, 1, 1);
      const carried = this.quietWrites(context);
      if (said === null) context.workbook.comments.add(cell, text);
      else context.workbook.comments.getItemByCell(cell).replies.add(text);
      this.eventsOn(context, carried);
      await context.sync();
      this.landed(carried);
    });
    return true;
  }

  /** Queued with the name definitions: a clustered column chart of the block, placed at the anchor cell. */
  async addChart(sheet: string, chart: ChartSpec): Promise<boolean> {
    if (!this.supports(EXCEL_API.charts)) return false;
    await this.checkUserSheet(sheet);
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
    return true;
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

  /** What is held goes, then one request: what is still queued and the names (events off within it). */
  async commit(): Promise<void> {
    await this.flushWrites(true);
    await this.release();
    await this.flushWrites(true);
    if (this.pending.length === 0 && this.names.size === 0) return;
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
      this.eventsOn(context, carried);
      await context.sync();
      this.landed(carried);
    });
    for (const [name] of names) {
      existing?.add(name);
      this.names.delete(name);
    }
  }
}

/** The port over the workbook Excel has open (the add-in's runtime). */
export function openExcelWorkbook(options?: ExcelWorkbookOptions): ExcelWorkbook {
  // delayForCellEdit: a request made while the user edits a cell waits until the edit ends, instead
  // of failing (an Excel without the option ignores it).
  return new ExcelWorkbook((batch) => Excel.run({ delayForCellEdit: true }, batch), {
    supports: (version) => Office.context.requirements.isSetSupported('ExcelApi', version),
    ...options,
  });
}
