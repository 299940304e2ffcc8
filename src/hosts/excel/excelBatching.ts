/**
 * The reads, writes and request batching under ExcelWorkbook: chunked requests sized to the payload
 * budget, writes held until the first user sheet has passed its checks, and small operations queued to
 * ride along with the next request.
 */
import { SheetNotFoundError, type CellValue, type CellWrite, type SheetExtent } from '../../grading';
import { EXCEL_API, type ExcelRun, type ExcelWorkbookOptions } from './excelApi';
import { BAND_RULE_FIELDS, ownRuleIds } from './excelBandRules';
import { fromExcel, toFormulaCell } from './excelCells';
import { hostError, mergedCellsRefusal, officeCode, protectedRefusal } from './excelErrors';
import { SHEET_ROWS } from './excelPageSetup';
import {
  MIN_BYTES_PER_CELL,
  SMALL_WRITE_BYTES,
  estimateBytesPerCell,
  isPayloadError,
  jsonBytes,
  requestRan,
  type Block,
} from './excelPayload';

/** The requests of a workbook open in Excel: reads, chunked writes and the queue of small operations. */
export class ExcelBatching {
  private rowsPerRequest: number;
  private readonly payloadBudget: number;
  /** Bytes a read cell costs, learnt from each read (a first guess before any). */
  private readBytesPerCell = 16;
  /** Rows written but not yet sent: consecutive blocks down the same columns, joined into full requests. */
  protected buffer: Block | null = null;
  /**
   * Whether writes are held: true until the job's first write to a sheet of the user's has passed its
   * checks (or the commit), so a refusal finds nothing written.
   */
  protected holding = true;
  /** Blocks of rows held while `holding`, sent in order when the hold ends. */
  protected held: Block[] = [];
  /** Sheets this port has created (their creation may still be queued). */
  protected readonly created = new Set<string>();
  /** Column widths (characters) of the sheets this port created, for the print scale. */
  protected readonly widths = new Map<string, readonly number[]>();
  /** Column spans of user sheets already checked for merged cells. */
  private readonly mergeChecked = new Set<string>();
  /** The ids of the add-in's own band rules found in a checked column span, by span. */
  protected readonly knownBandRules = new Map<string, string[]>();
  /** Small operations waiting for the next request; kept until a request carrying them succeeds. */
  protected pending: ((context: Excel.RequestContext) => void)[] = [];
  /** The sheet each queued operation works on. */
  private readonly opSheets = new WeakMap<(context: Excel.RequestContext) => void, string>();
  /** Names to (re)define at commit. */
  protected readonly names = new Map<string, (context: Excel.RequestContext) => Excel.Range>();
  /**
   * Sheets (with those protected), workbook names and whether the workbook's structure is protected,
   * as last listed and updated by this port's own changes; null until listed.
   */
  protected known: {
    sheets: Set<string>;
    names: Set<string>;
    protectedSheets: Set<string>;
    workbookProtected: boolean;
  } | null = null;

  protected readonly supports: (version: string) => boolean;

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
        // Retried smaller; a step whose request ran (a response too large) has dropped its writes.
        this.rowsPerRequest = Math.max(1, Math.floor(count / 2));
      }
    }
  }

  protected static sheetOf(context: Excel.RequestContext, name: string): Excel.Worksheet {
    return context.workbook.worksheets.getItem(name);
  }

  /**
   * Runs a batch on a sheet (or on the sheets its queued operations touch; none: the workbook as a
   * whole). Excel's errors become messages naming the sheet and the next step: ItemNotFound is
   * SheetNotFoundError; for AccessDenied the sheets are asked which one is protected (one more request,
   * on the error path only), so the message names it.
   */
  protected async onSheet<T>(
    sheets: string | readonly string[],
    batch: (context: Excel.RequestContext) => Promise<T>,
  ): Promise<T> {
    const list = typeof sheets === 'string' ? [sheets] : [...sheets];
    const carried = [...new Set([...list, ...this.pendingSheets()])];
    try {
      return await this.run(batch);
    } catch (e) {
      await this.eventsBackOn();
      if (officeCode(e) !== 'AccessDenied') throw hostError(e, list.length === 1 ? (list[0] ?? null) : null);
      const locked = await this.protectedAmong(carried);
      throw hostError(e, locked.length > 0 ? locked.join('”“') : null);
    }
  }

  /**
   * After a failed request: events back on (the request that turned them off may have stopped before
   * the end that turns them on). Where Excel lacks ExcelApi 1.8 they were never turned off.
   */
  private async eventsBackOn(): Promise<void> {
    if (!this.supports(EXCEL_API.events)) return;
    try {
      await this.run(async (context) => {
        context.runtime.enableEvents = true;
        await context.sync();
      });
    } catch {
      // The failure being reported is the one the user must see; this is its clean-up.
    }
  }

  /** Drops every write not yet sent and refuses the job with `error`: nothing of it is written. */
  protected refuse(error: Error): never {
    this.pending = [];
    this.buffer = null;
    this.held = [];
    this.names.clear();
    throw error;
  }

  /**
   * Checks a sheet of the user's before the first write to it (to columns `firstColumn`..+`width`):
   * not protected, no merged cells in those columns (ExcelApi 1.13; one request per column span).
   * Passed, the hold ends and what was held is sent; failed, the job is refused with nothing written.
   */
  protected async checkUserSheet(sheet: string, firstColumn?: number, width?: number): Promise<void> {
    if (this.created.has(sheet)) return;
    if (this.known === null) await this.sheetNames();
    if (this.known?.protectedSheets.has(sheet)) this.refuse(protectedRefusal(sheet));
    if (firstColumn !== undefined && width !== undefined && this.supports(EXCEL_API.mergedAreas)) {
      const key = `${sheet}\u0000${firstColumn}\u0000${width}`;
      if (!this.mergeChecked.has(key)) {
        const found = await this.onSheet(sheet, async (context) => {
          const span = ExcelBatching.sheetOf(context, sheet).getRangeByIndexes(0, firstColumn - 1, SHEET_ROWS, width);
          const areas = span.getMergedAreasOrNullObject();
          areas.load('isNullObject,address');
          // The add-in's own band rules in these columns ride along, so colouring costs no request.
          const rules = this.supports(EXCEL_API.conditionalFormats) ? span.conditionalFormats : null;
          rules?.load(BAND_RULE_FIELDS);
          await context.sync();
          return { merged: areas.isNullObject ? null : areas.address, own: rules ? ownRuleIds(rules.items) : [] };
        });
        if (found.merged !== null) this.refuse(mergedCellsRefusal(sheet, found.merged));
        this.mergeChecked.add(key);
        this.knownBandRules.set(`${sheet}\u0000${firstColumn}\u0000${width}`, found.own);
      }
    }
    await this.release();
  }

  /** Ends the hold: the held blocks go, in order (the queued small operations ride with them). */
  protected async release(): Promise<void> {
    if (!this.holding) return;
    this.holding = false;
    const held = this.held;
    this.held = [];
    for (const b of held) await this.sendRows(b.sheet, b.firstRow, b.firstColumn, b.width, b.rows, b.bytesPerCell);
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
  protected queue(sheet: string, op: (context: Excel.RequestContext) => void): void {
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
    const structure = this.supports(EXCEL_API.workbookProtection);
    return this.onSheet([], async (context) => {
      const sheets = context.workbook.worksheets;
      const names = context.workbook.names;
      // Protection rides along (ExcelApi 1.2): a write to a protected sheet is refused before any is sent.
      sheets.load('items/name,items/protection/protected');
      names.load('items/name');
      const book = structure ? context.workbook.protection : null;
      book?.load('protected');
      await context.sync();
      const list = sheets.items.map((s) => s.name);
      this.known = {
        sheets: new Set(list),
        names: new Set(names.items.map((n) => n.name)),
        protectedSheets: new Set(sheets.items.filter((s) => s.protection.protected).map((s) => s.name)),
        workbookProtected: book?.protected ?? false,
      };
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
        // Queued writes go first, so a read sees them (none while writes are held).
        const quiet = !this.holding && this.pending.length > 0;
        const carried = quiet ? this.quietWrites(context) : [];
        const range = ExcelBatching.sheetOf(context, sheet).getRangeByIndexes(
          firstRow - 1 + offset,
          firstColumn - 1,
          count,
          columnCount,
        );
        range.load('values');
        this.eventsOn(context, quiet ? carried : null);
        try {
          await context.sync();
        } catch (e) {
          // Too large an answer: the request ran, its writes are in; the read is retried without them.
          if (requestRan(e)) this.landed(carried);
          throw e;
        }
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
    await this.checkUserSheet(sheet, firstColumn, width);
    const bytesPerCell = estimateBytesPerCell(rows, width);
    if (rows.length * width * bytesPerCell < SMALL_WRITE_BYTES) {
      // A small write (a header row) rides with the next request; reads carry queued writes first.
      // Rows still buffered go first, so they cannot land over this later write.
      await this.flushWrites(true);
      this.queue(sheet, (context) => {
        ExcelBatching.sheetOf(context, sheet).getRangeByIndexes(
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
  protected async flushWrites(all: boolean): Promise<void> {
    const b = this.buffer;
    if (!b) return;
    if (this.holding) {
      // Held: the block waits, whole, for the hold to end.
      if (all) {
        this.held.push(b);
        this.buffer = null;
      }
      return;
    }
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
        ExcelBatching.sheetOf(context, sheet).getRangeByIndexes(
          firstRow - 1 + offset,
          firstColumn - 1,
          count,
          width,
        ).formulas = block;
        this.eventsOn(context, carried);
        try {
          await context.sync();
        } catch (e) {
          // Too large an answer to a write: the request ran, rows and carried writes with it; no replay.
          if (!requestRan(e)) throw e;
        }
        this.landed(carried);
      });
    });
  }

  /**
   * Queues the settings for the add-in's own writes (no recalculation until the sync, no events) and
   * the small operations waiting for a request. Returns those operations, to be dropped by `landed`
   * once the request carrying them succeeds (a rejected request applies nothing, so they wait).
   */
  protected quietWrites(context: Excel.RequestContext): readonly ((context: Excel.RequestContext) => void)[] {
    context.application.suspendApiCalculationUntilNextSync();
    if (this.supports(EXCEL_API.events)) context.runtime.enableEvents = false;
    const carried = [...this.pending];
    for (const op of carried) op(context);
    return carried;
  }

  /**
   * Events back on at the end of a request that turned them off (`quietWrites`): they never outlive
   * the request, whatever happens to the job afterwards.
   */
  protected eventsOn(context: Excel.RequestContext, carried: readonly unknown[] | null): void {
    if (carried === null || !this.supports(EXCEL_API.events)) return;
    context.runtime.enableEvents = true;
  }

  protected landed(carried: readonly ((context: Excel.RequestContext) => void)[]): void {
    this.pending = this.pending.filter((op) => !carried.includes(op));
  }
}
