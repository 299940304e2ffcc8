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
  BAND_FILLS,
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
import { hostError, mergedCellsRefusal, officeCode, protectedRefusal } from './excelErrors';

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
  /** Turning the add-in's own events off while it writes (Runtime.enableEvents). */
  events: '1.8',
  /** Whether the workbook's structure is protected (Workbook.protection). */
  workbookProtection: '1.7',
  /** Finding merged cells in the output block before writing (Range.getMergedAreasOrNullObject). */
  mergedAreas: '1.13',
} as const;

/** Rows in a worksheet: a whole-column range. */
const SHEET_ROWS = 1_048_576;

/** The marker in the formula of the add-in's own band rules: only rules carrying it are removed. */
export const BAND_RULE_MARKER = 'N("qd-band")=0';

/** Paper sizes in inches (A4), and Excel's default side margins. */
const A4 = { width: 8.27, height: 11.69 } as const;
const DEFAULT_SIDE_MARGIN = 0.7;
/** Excel's default column width in characters, for columns whose width the port did not set. */
const DEFAULT_COLUMN_CHARS = 8.43;
/** Points per character of column width, as replaceSheet sets widths. */
const POINTS_PER_CHAR = 7;

/** A column letter from a 1-based column number. */
function columnLetter(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

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
  return PAYLOAD_ERRORS.has(officeCode(e));
}

/**
 * Whether Excel ran the request before refusing to send its answer: a response over the size limit
 * comes back after the request's writes were applied, so they must not be sent again.
 */
function requestRan(e: unknown): boolean {
  return officeCode(e) === 'ResponsePayloadSizeLimitExceeded';
}

/** What is loaded of conditional formats to tell the add-in's band rules from the user's. */
const BAND_RULE_FIELDS =
  'items/id,items/type,items/customOrNullObject/rule/formula,items/cellValueOrNullObject/rule,items/cellValueOrNullObject/format/fill/color';

/** The band fills, as Excel reports a rule's fill colour. */
const BAND_COLOURS = new Set(Object.values(BAND_FILLS).map((f) => `#${f.fill}`.toUpperCase()));

/**
 * The ids of the add-in's own band rules among conditional formats: custom rules carrying
 * BAND_RULE_MARKER, and the cell-value rules of earlier versions (`="label"` filled with a band
 * colour). A user's rule, whatever it spans, is not among them.
 */
function ownRuleIds(items: readonly Excel.ConditionalFormat[]): string[] {
  return items
    .filter((cf) => {
      if (cf.type === 'Custom') return cf.customOrNullObject.rule.formula.includes(BAND_RULE_MARKER);
      if (cf.type !== 'CellValue') return false;
      const cv = cf.cellValueOrNullObject;
      return (
        /^="[^"]*"$/.test(String(cv.rule.formula1)) && BAND_COLOURS.has(String(cv.format.fill.color).toUpperCase())
      );
    })
    .map((cf) => cf.id);
}

/** Rows waiting to be written, down the same columns. */
interface Block {
  readonly sheet: string;
  firstRow: number;
  readonly firstColumn: number;
  readonly width: number;
  readonly rows: (readonly CellWrite[])[];
  bytesPerCell: number;
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
  private buffer: Block | null = null;
  /**
   * Whether writes are held: true until the job's first write to a sheet of the user's has passed its
   * checks (or the commit), so a refusal finds nothing written.
   */
  private holding = true;
  /** Blocks of rows held while `holding`, sent in order when the hold ends. */
  private held: Block[] = [];
  /** Sheets this port has created (their creation may still be queued). */
  private readonly created = new Set<string>();
  /** Column widths (characters) of the sheets this port created, for the print scale. */
  private readonly widths = new Map<string, readonly number[]>();
  /** Column spans of user sheets already checked for merged cells. */
  private readonly mergeChecked = new Set<string>();
  /** The ids of the add-in's own band rules found in a checked column span, by span. */
  private readonly knownBandRules = new Map<string, string[]>();
  /** Small operations waiting for the next request; kept until a request carrying them succeeds. */
  private pending: ((context: Excel.RequestContext) => void)[] = [];
  /** The sheet each queued operation works on. */
  private readonly opSheets = new WeakMap<(context: Excel.RequestContext) => void, string>();
  /** Names to (re)define at commit. */
  private readonly names = new Map<string, (context: Excel.RequestContext) => Excel.Range>();
  /**
   * Sheets (with those protected), workbook names and whether the workbook's structure is protected,
   * as last listed and updated by this port's own changes; null until listed.
   */
  private known: {
    sheets: Set<string>;
    names: Set<string>;
    protectedSheets: Set<string>;
    workbookProtected: boolean;
  } | null = null;

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
        // Retried smaller; a step whose request ran (a response too large) has dropped its writes.
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
  private refuse(error: Error): never {
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
  private async checkUserSheet(sheet: string, firstColumn?: number, width?: number): Promise<void> {
    if (this.created.has(sheet)) return;
    if (this.known === null) await this.sheetNames();
    if (this.known?.protectedSheets.has(sheet)) this.refuse(protectedRefusal(sheet));
    if (firstColumn !== undefined && width !== undefined && this.supports(EXCEL_API.mergedAreas)) {
      const key = `${sheet}\u0000${firstColumn}\u0000${width}`;
      if (!this.mergeChecked.has(key)) {
        const found = await this.onSheet(sheet, async (context) => {
          const span = ExcelWorkbook.sheetOf(context, sheet).getRangeByIndexes(0, firstColumn - 1, SHEET_ROWS, width);
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
  private async release(): Promise<void> {
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
        const range = ExcelWorkbook.sheetOf(context, sheet).getRangeByIndexes(
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
        ExcelWorkbook.sheetOf(context, sheet).getRangeByIndexes(
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
  private quietWrites(context: Excel.RequestContext): readonly ((context: Excel.RequestContext) => void)[] {
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
  private eventsOn(context: Excel.RequestContext, carried: readonly unknown[] | null): void {
    if (carried === null || !this.supports(EXCEL_API.events)) return;
    context.runtime.enableEvents = true;
  }

  private landed(carried: readonly ((context: Excel.RequestContext) => void)[]): void {
    this.pending = this.pending.filter((op) => !carried.includes(op));
  }

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
