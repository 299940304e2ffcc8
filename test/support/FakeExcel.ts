/*
 * An in-memory fake of the slice of the Excel JavaScript API the Office.js host uses, enforcing
 * Excel's real limits so the host's promises become assertions: a request (one context.sync) may
 * carry at most 5 MB, and a read at most 5,000,000 cells. Writes are queued and applied at sync, in
 * order, as Excel does — with no transaction: an operation that fails leaves the ones before it applied.
 * It models what real Excel does where the host could get it wrong (issue 23):
 * - a request over 5 MB is refused before anything runs; a *response* over 5 MB is refused after the
 *   request ran (its writes stay applied), so a retry must not replay them;
 * - `comments.add` on a cell that already has a comment throws (office-js#1416); the thread is
 *   reached with `getItemByCell` (ItemNotFound where there is none) and answered with `replies.add`;
 * - `conditionalFormats.clearAll` clears every rule on the range, the user's too;
 * - `runtime.enableEvents` stays as last set (events stay off until turned on), and needs ExcelApi
 *   1.8: an Excel without it refuses the call;
 * - a protected sheet refuses cell values, formats, rules, validation, comments, charts, page layout,
 *   deleting it and its names; a protected workbook structure refuses adding or deleting sheets;
 * - merged cells refuse a write that covers part of them (`getMergedAreasOrNullObject`, ExcelApi 1.13);
 * - page-layout zoom takes a scale of 10–400 or fit-to-pages counts of at least 1, not both.
 * It counts syncs and records the largest payload.
 */
import type { CellWrite, PrintLayout } from '../../src/grading';

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
export const READ_CELL_LIMIT = 5_000_000;

interface Cell {
  value: string | number | boolean;
  formula?: string;
  numberFormat?: string;
}

interface Sheet {
  name: string;
  cells: (Cell | undefined)[][];
}

export interface BandRule {
  sheet: string;
  column: number;
  firstRow: number;
  lastRow: number;
  text: string;
  fill: string;
}

/** A conditional format as Excel holds it: on a block of a sheet, a cell-value or a custom rule. */
export interface FakeConditionalFormat {
  id: string;
  sheet: string;
  /** 0-based block. */
  row: number;
  column: number;
  rows: number;
  columns: number;
  type: 'CellValue' | 'Custom';
  /** CellValue: `formula1` (e.g. `="蓝"`); Custom: the formula (e.g. `=AND(N("qd-band")=0,M2="蓝")`). */
  formula: string;
  fill: string;
  font: string;
}

/** A threaded comment and its replies. */
export interface FakeComment {
  cell: string;
  text: string;
  replies: string[];
}

/** A merged block of cells, 0-based. */
export interface FakeMerged {
  sheet: string;
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** Whether two 0-based blocks share a cell. */
function overlaps(
  a: { row: number; column: number; rows: number; columns: number },
  b: { row: number; column: number; rows: number; columns: number },
): boolean {
  return (
    a.row < b.row + b.rows &&
    b.row < a.row + a.rows &&
    a.column < b.column + b.columns &&
    b.column < a.column + a.columns
  );
}

/** Whether block a holds all of block b. */
function covers(
  a: { row: number; column: number; rows: number; columns: number },
  b: { row: number; column: number; rows: number; columns: number },
): boolean {
  return (
    a.row <= b.row &&
    a.column <= b.column &&
    a.row + a.rows >= b.row + b.rows &&
    a.column + a.columns >= b.column + b.columns
  );
}

/** The label a band rule colours, from its formula. */
function bandText(cf: FakeConditionalFormat): string {
  const m = /"([^"]*)"\)?$/.exec(cf.formula);
  return m?.[1] ?? '';
}

/** Excel's refusal on a protected sheet. */
export function protectedError(): Error {
  return new ExcelError('AccessDenied', 'You cannot perform the requested operation.');
}

export interface ChartRule {
  sheet: string;
  type: string;
  source: string;
  title: string;
  anchor: string;
}

/** A sheet's page layout as Excel holds it (Excel.PageLayout, ExcelApi 1.9): margins in points. */
export interface FakePageLayout {
  paperSize?: string;
  orientation?: string;
  /** The print area's address (R1C1 form, as FakeRange gives it). */
  printArea?: string;
  /** The title rows, whole rows: `$1:$3`. */
  printTitleRows?: string;
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  margins: { top?: number; bottom?: number; left?: number; right?: number };
  centerFooter?: string;
  /** Manual horizontal page breaks: the 1-based rows a new page starts on. */
  breaks: number[];
}

/** Excel's paper sizes the host may name (Excel.PaperType, the ones an office in China uses). */
const PAPER_TYPES = new Set(['A3', 'A4', 'A5', 'B4', 'B5', 'Letter', 'Legal']);
/** Excel refuses a header or footer of more than 255 characters. */
export const HEADER_FOOTER_LIMIT = 255;

/** The state behind the fake: sheets, names, rules, and the counters tests assert on. */
export class FakeExcelState {
  readonly sheets: Sheet[] = [];
  readonly names = new Map<string, string>();
  /** Every conditional format in the workbook, the user's and the add-in's. */
  conditionalFormats: FakeConditionalFormat[] = [];
  private nextId = 1;
  charts: ChartRule[] = [];
  validations: { range: string; source: string }[] = [];
  comments: FakeComment[] = [];
  /** Merged blocks of cells. */
  merged: FakeMerged[] = [];
  /** Whether the workbook's structure is protected (no sheet added, deleted or renamed). */
  workbookProtected = false;
  /** The newest ExcelApi 1.x this Excel supports (a minor version: 7 for Office 2019's 1.7 …). */
  excelApi = 20;
  /** Page layouts by sheet (ExcelApi 1.9). */
  readonly pageLayouts = new Map<string, FakePageLayout>();
  enableEvents = true;
  /** The active sheet and the selected range, as the user would see them. */
  active = '';
  selection = '';
  syncs = 0;
  /** Syncs that read or wrote cell values (the rest are the constant overhead of a run). */
  dataSyncs = 0;
  /** Bytes of each sync's request and response, in order. */
  readonly payloads: number[] = [];
  maxPayload = 0;
  calculationSuspensions = 0;
  /** Names scoped to a sheet (Worksheet.names), by sheet: name → whether it is visible. */
  readonly sheetScoped = new Map<string, Map<string, { visible: boolean }>>();
  /** Sheets protected by the user: writes to their cells are refused as Excel refuses them. */
  readonly protectedSheets = new Set<string>();

  constructor(sheets: Record<string, CellWrite[][]> = {}) {
    for (const [name, rows] of Object.entries(sheets)) {
      this.sheets.push({
        name,
        cells: rows.map((r) =>
          r.map((v) =>
            v === null || v === undefined
              ? undefined
              : {
                  value:
                    typeof v === 'object' && !(v instanceof Date) ? v.result : v instanceof Date ? v.toISOString() : v,
                },
          ),
        ),
      });
    }
  }

  sheet(name: string): Sheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** Whether this Excel supports ExcelApi `version` ("1.8"); pass as the host's `supports`. */
  readonly supports = (version: string): boolean => Number(version.split('.')[1] ?? 0) <= this.excelApi;

  /** A new id for a conditional format. */
  newId(): string {
    return `{CF-${this.nextId++}}`;
  }

  /** The band rules as the user sees them: every conditional format that colours a label. */
  get bands(): BandRule[] {
    return this.conditionalFormats.map((cf) => ({
      sheet: cf.sheet,
      column: cf.column + 1,
      firstRow: cf.row + 1,
      lastRow: cf.row + cf.rows,
      text: bandText(cf),
      fill: cf.fill,
    }));
  }

  /** Refuses a change to a protected sheet, as Excel does. */
  assertUnprotected(sheet: string): void {
    if (this.protectedSheets.has(sheet)) throw protectedError();
  }
  /**
   * A `run` for the host: a fresh context per batch, as Excel.run gives; like Excel.run it also takes
   * run options first (`{ delayForCellEdit: true }`), which change nothing here (no cell is being edited).
   */
  readonly run = <T>(
    first: ((context: Excel.RequestContext) => Promise<T>) | Excel.RunOptions,
    second?: (context: Excel.RequestContext) => Promise<T>,
  ): Promise<T> => {
    const batch = typeof first === 'function' ? first : second;
    if (!batch) return Promise.reject(new ExcelError('InvalidArgument', 'Excel.run without a batch'));
    return batch(new FakeContext(this) as unknown as Excel.RequestContext);
  };
}

export class ExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Op = { bytes: number; readCells: number; apply: () => void; data?: boolean; response?: number };

export class FakeContext {
  private queue: Op[] = [];
  readonly workbook: unknown;
  readonly application = { suspendApiCalculationUntilNextSync: (): void => void this.state.calculationSuspensions++ };
  readonly runtime: { enableEvents: boolean };

  constructor(readonly state: FakeExcelState) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the accessor object below queues through this context
    const ctx = this;
    this.runtime = {
      get enableEvents() {
        return state.enableEvents;
      },
      set enableEvents(v: boolean) {
        ctx.enqueue(16, 0, () => {
          if (!state.supports('1.8')) throw new ExcelError('ApiNotFound', 'Runtime.enableEvents needs ExcelApi 1.8');
          state.enableEvents = v;
        });
      },
    };
    this.workbook = {
      worksheets: new FakeWorksheets(this),
      // The user's selection (ExcelApi 1.1): the sheet and the first row of what `select` last chose.
      getSelectedRange: () => {
        const selected = {
          rowIndex: 0,
          worksheet: { name: '', load: () => undefined },
          load: () =>
            ctx.enqueue(16, 0, () => {
              const [sheet, address] = state.selection.includes('!')
                ? state.selection.split('!')
                : [state.active || (state.sheets[0]?.name ?? ''), '1:1'];
              selected.worksheet.name = sheet ?? '';
              selected.rowIndex = Number(/\d+/.exec(address ?? '1')?.[0] ?? '1') - 1;
            }),
        };
        return selected;
      },
      protection: {
        protected: false,
        load(): unknown {
          ctx.enqueue(16, 0, () => (this.protected = state.workbookProtected));
          return this;
        },
      },
      comments: {
        add: (cell: FakeRange, text: string) =>
          this.enqueue(64 + text.length * 3, 0, () => {
            state.assertUnprotected(cell.sheetName);
            // office-js#1416: Excel refuses a second comment on a cell; a thread takes replies.
            if (state.comments.some((c) => c.cell === cell.address()))
              throw new ExcelError('InvalidArgument', 'The cell already has a comment.');
            state.comments.push({ cell: cell.address(), text, replies: [] });
          }),
        // Excel answers ItemNotFound for a cell without a comment.
        getItemByCell: (cell: FakeRange) => {
          const item = {
            content: '',
            load: () => item,
            replies: {
              add: (text: string) =>
                this.enqueue(64 + text.length * 3, 0, () => {
                  state.assertUnprotected(cell.sheetName);
                  const c = state.comments.find((x) => x.cell === cell.address());
                  if (!c) throw new ExcelError('ItemNotFound', 'no comment');
                  c.replies.push(text);
                }),
            },
          };
          this.enqueue(32, 0, () => {
            const c = state.comments.find((x) => x.cell === cell.address());
            if (!c) throw new ExcelError('ItemNotFound', "The requested resource doesn't exist.");
            item.content = c.text;
          });
          return item;
        },
      },
      names: {
        items: [] as { name: string }[],
        load(): unknown {
          ctx.enqueue(32, 0, () => (this.items = [...state.names.keys()].map((name) => ({ name }))));
          return this;
        },
        getItem: (name: string) => ({
          delete: () =>
            this.enqueue(32, 0, () => {
              if (!state.names.delete(name)) throw new ExcelError('ItemNotFound', `no name ${name}`);
            }),
        }),
        getItemOrNullObject: (name: string) => {
          const item = {
            isNullObject: true,
            load: () => item,
            delete: () => this.enqueue(32, 0, () => state.names.delete(name)),
          };
          this.enqueue(32, 0, () => (item.isNullObject = !state.names.has(name)));
          return item;
        },
        add: (name: string, range: FakeRange) =>
          this.enqueue(64, 0, () => {
            if (state.names.has(name)) throw new ExcelError('ItemAlreadyExists', name);
            state.names.set(name, range.address());
          }),
      },
    };
  }

  enqueue(bytes: number, readCells: number, apply: () => void, data = false): void {
    this.queue.push({ bytes, readCells, apply, data });
  }

  /** What a read sends back: counted against the response limit, after the request ran. */
  respond(bytes: number): void {
    this.queue.push({ bytes: 0, readCells: 0, apply: () => undefined, response: bytes });
  }

  sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    this.state.syncs++;
    if (ops.some((o) => o.data || o.readCells > 0)) this.state.dataSyncs++;
    const bytes = ops.reduce((a, o) => a + o.bytes, 0);
    const response = ops.reduce((a, o) => a + (o.response ?? 0), 0);
    const largest = Math.max(bytes, response);
    this.state.maxPayload = Math.max(this.state.maxPayload, Math.min(largest, PAYLOAD_LIMIT + 1));
    this.state.payloads.push(largest);
    if (bytes > PAYLOAD_LIMIT)
      return Promise.reject(
        new ExcelError('RequestPayloadSizeLimitExceeded', `request of ${bytes} bytes exceeds 5 MB`),
      );
    if (ops.some((o) => o.readCells > READ_CELL_LIMIT))
      return Promise.reject(new ExcelError('RangeExceedsLimit', 'read exceeds 5,000,000 cells'));
    try {
      for (const op of ops) op.apply();
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    // The request ran (its writes are in the workbook); only its answer was too large to return.
    if (response > PAYLOAD_LIMIT)
      return Promise.reject(
        new ExcelError('ResponsePayloadSizeLimitExceeded', `response of ${response} bytes exceeds 5 MB`),
      );
    return Promise.resolve();
  }
}

const utf8 = new TextEncoder();
function byteSize(x: unknown): number {
  return utf8.encode(JSON.stringify(x)).length;
}

export class FakeWorksheets {
  items: { name: string; protection: { protected: boolean } }[] = [];
  constructor(private readonly ctx: FakeContext) {}
  load(): this {
    this.ctx.enqueue(
      32,
      0,
      () =>
        (this.items = this.ctx.state.sheets.map((s) => ({
          name: s.name,
          protection: { protected: this.ctx.state.protectedSheets.has(s.name) },
        }))),
    );
    return this;
  }
  getItem(name: string): FakeWorksheet {
    this.ctx.enqueue(16, 0, () => {
      if (!this.ctx.state.sheet(name)) throw new ExcelError('ItemNotFound', `no sheet ${name}`);
    });
    return new FakeWorksheet(this.ctx, name);
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, name);
  }
  getActiveWorksheet(): FakeWorksheet {
    const state = this.ctx.state;
    return new FakeWorksheet(this.ctx, state.active || (state.sheets[0]?.name ?? ''));
  }
  add(name: string): FakeWorksheet {
    this.ctx.enqueue(32, 0, () => {
      if (this.ctx.state.workbookProtected) throw protectedError();
      if (this.ctx.state.sheet(name)) throw new ExcelError('ItemAlreadyExists', name);
      this.ctx.state.sheets.push({ name, cells: [] });
    });
    return new FakeWorksheet(this.ctx, name);
  }
}

export class FakeWorksheet {
  isNullObject = false;
  constructor(
    private readonly ctx: FakeContext,
    readonly name: string,
  ) {}
  load(): this {
    this.ctx.enqueue(32, 0, () => (this.isNullObject = this.ctx.state.sheet(this.name) === undefined));
    return this;
  }
  /** Whether the user protected the sheet (Excel.WorksheetProtection, ExcelApi 1.2). */
  private protectionProxy: { protected: boolean; load: (what: string) => unknown } | null = null;
  get protection(): { protected: boolean; load: (what: string) => unknown } {
    const ctx = this.ctx;
    const name = this.name;
    const p = (this.protectionProxy ??= {
      protected: false,
      load: () => ctx.enqueue(16, 0, () => (p.protected = ctx.state.protectedSheets.has(name))),
    });
    return p;
  }
  activate(): void {
    this.ctx.enqueue(16, 0, () => (this.ctx.state.active = this.name));
  }
  /** An A1 address on this sheet; the fake understands whole rows (`5:5`), which the pane selects. */
  getRange(address: string): { select: () => void } {
    return { select: () => this.ctx.enqueue(16, 0, () => (this.ctx.state.selection = `${this.name}!${address}`)) };
  }
  delete(): void {
    this.ctx.enqueue(32, 0, () => {
      const s = this.ctx.state;
      if (s.workbookProtected) throw protectedError();
      s.assertUnprotected(this.name);
      s.sheets.splice(
        s.sheets.findIndex((x) => x.name === this.name),
        1,
      );
      s.conditionalFormats = s.conditionalFormats.filter((b) => b.sheet !== this.name);
      s.comments = s.comments.filter((c) => !c.cell.startsWith(`${this.name}!`));
      s.merged = s.merged.filter((m) => m.sheet !== this.name);
      s.sheetScoped.delete(this.name);
      s.pageLayouts.delete(this.name);
    });
  }
  /** The names scoped to this sheet (ExcelApi 1.4). */
  get names(): {
    getItemOrNullObject: (name: string) => { isNullObject: boolean; load: (what?: string) => unknown };
    add: (name: string, reference: FakeRange) => { visible: boolean };
  } {
    const ctx = this.ctx;
    const sheet = this.name;
    return {
      getItemOrNullObject: (name) => {
        const item = { isNullObject: true, load: () => item };
        ctx.enqueue(32, 0, () => (item.isNullObject = !ctx.state.sheetScoped.get(sheet)?.has(name)));
        return item;
      },
      add: (name) => {
        const item = { visible: true };
        ctx.enqueue(64, 0, () => {
          ctx.state.assertUnprotected(sheet);
          const scoped = ctx.state.sheetScoped.get(sheet) ?? new Map<string, { visible: boolean }>();
          if (scoped.has(name)) throw new ExcelError('ItemAlreadyExists', name);
          scoped.set(name, item);
          ctx.state.sheetScoped.set(sheet, scoped);
        });
        return item;
      },
    };
  }
  getRangeByIndexes(row: number, column: number, rows: number, columns: number): FakeRange {
    return new FakeRange(this.ctx, this.name, row, column, rows, columns);
  }
  get charts(): { add: (type: string, source: FakeRange, by: string) => unknown } {
    return {
      add: (type: string, source: FakeRange) => {
        const chart = {
          title: { text: '' },
          legend: { visible: true },
          anchor: '',
          setPosition: (at: FakeRange) => (chart.anchor = at.address()),
        };
        this.ctx.enqueue(256, 0, () => {
          this.ctx.state.assertUnprotected(this.name);
          this.ctx.state.charts.push({
            sheet: this.name,
            type,
            source: source.address(),
            title: chart.title.text,
            anchor: chart.anchor,
          });
        });
        return chart;
      },
    };
  }
  getUsedRangeOrNullObject(): FakeUsedRange {
    return new FakeUsedRange(this.ctx, this.name);
  }

  private layout(): FakePageLayout {
    const s = this.ctx.state;
    if (!s.sheet(this.name)) throw new ExcelError('ItemNotFound', `no sheet ${this.name}`);
    let l = s.pageLayouts.get(this.name);
    if (l === undefined) {
      l = { margins: {}, breaks: [] };
      s.pageLayouts.set(this.name, l);
    }
    return l;
  }

  /**
   * The sheet's page layout (ExcelApi 1.9). Every set is queued and applied at sync, and refused as
   * Excel refuses it: an unknown paper size, a negative margin, a zoom scale outside 10–400, title
   * rows that are not whole rows, a footer of more than 255 characters.
   */
  get pageLayout(): Record<string, unknown> {
    const ctx = this.ctx;
    const at = (apply: (l: FakePageLayout) => void): void =>
      ctx.enqueue(48, 0, () => {
        ctx.state.assertUnprotected(this.name);
        apply(this.layout());
      });
    const margin = (side: 'top' | 'bottom' | 'left' | 'right') => ({
      set(v: number) {
        at((l) => {
          if (!(v >= 0)) throw new ExcelError('InvalidArgument', `margin ${v}`);
          l.margins[side] = v;
        });
      },
      get: () => 0,
    });
    const layout: Record<string, unknown> = {
      setPrintArea: (range: FakeRange | string) =>
        at((l) => (l.printArea = typeof range === 'string' ? range : range.address().replace(/^.*!/, ''))),
      setPrintTitleRows: (rows: string) =>
        at((l) => {
          if (!/^\$?\d+:\$?\d+$/.test(rows)) throw new ExcelError('InvalidArgument', `title rows ${rows}`);
          l.printTitleRows = rows;
        }),
      headersFooters: {
        defaultForAllPages: Object.defineProperty({}, 'centerFooter', {
          set(v: string) {
            at((l) => {
              if (v.length > HEADER_FOOTER_LIMIT) throw new ExcelError('InvalidArgument', 'footer too long');
              l.centerFooter = v;
            });
          },
          get: () => '',
        }),
      },
    };
    Object.defineProperties(layout, {
      paperSize: {
        set(v: string) {
          at((l) => {
            if (!PAPER_TYPES.has(v)) throw new ExcelError('InvalidArgument', `paper ${v}`);
            l.paperSize = v;
          });
        },
        get: () => '',
      },
      orientation: {
        set(v: string) {
          at((l) => {
            if (v !== 'Portrait' && v !== 'Landscape') throw new ExcelError('InvalidArgument', `orientation ${v}`);
            l.orientation = v;
          });
        },
        get: () => '',
      },
      zoom: {
        set(v: FakePageLayout['zoom'] & object) {
          at((l) => {
            if (v.scale !== undefined && (v.scale < 10 || v.scale > 400))
              throw new ExcelError('InvalidArgument', `zoom ${v.scale}`);
            // The documented forms: a scale, or fit-to-pages counts (whole pages, at least 1) — not both.
            const fits = [v.horizontalFitToPages, v.verticalFitToPages].filter((x) => x !== undefined);
            if (v.scale !== undefined && fits.length > 0)
              throw new ExcelError('InvalidArgument', 'zoom: a scale or fit-to-pages, not both');
            if (fits.some((x) => !Number.isInteger(x) || x < 1))
              throw new ExcelError('InvalidArgument', `zoom fit-to-pages ${JSON.stringify(v)}`);
            l.zoom = { ...v };
          });
        },
        get: () => ({}),
      },
      topMargin: margin('top'),
      bottomMargin: margin('bottom'),
      leftMargin: margin('left'),
      rightMargin: margin('right'),
    });
    return layout;
  }

  /** Manual horizontal page breaks (ExcelApi 1.9): a break before a range's top-left cell. */
  get horizontalPageBreaks(): { add: (at: FakeRange) => void; removePageBreaks: () => void } {
    return {
      add: (at) => {
        const row = Number(/R(\d+)C/.exec(at.address())?.[1]);
        this.ctx.enqueue(32, 0, () => {
          this.ctx.state.assertUnprotected(this.name);
          const l = this.layout();
          if (!l.breaks.includes(row)) l.breaks.push(row);
        });
      },
      removePageBreaks: () =>
        this.ctx.enqueue(16, 0, () => {
          this.ctx.state.assertUnprotected(this.name);
          this.layout().breaks = [];
        }),
    };
  }
}

class FakeUsedRange {
  isNullObject = true;
  rowIndex = 0;
  columnIndex = 0;
  rowCount = 0;
  columnCount = 0;
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: string,
  ) {}
  load(): this {
    this.ctx.enqueue(64, 0, () => {
      const cells = this.ctx.state.sheet(this.sheet)?.cells ?? [];
      let top = Infinity;
      let left = Infinity;
      let bottom = -1;
      let right = -1;
      cells.forEach((r, i) =>
        r.forEach((c, j) => {
          if (c === undefined || c.value === '') return;
          top = Math.min(top, i);
          left = Math.min(left, j);
          bottom = Math.max(bottom, i);
          right = Math.max(right, j);
        }),
      );
      this.isNullObject = bottom < 0;
      if (bottom >= 0)
        Object.assign(this, {
          rowIndex: top,
          columnIndex: left,
          rowCount: bottom - top + 1,
          columnCount: right - left + 1,
        });
    });
    return this;
  }
}

/** A conditional format as the host sees it in `conditionalFormats.items` (ExcelApi 1.6). */
export interface FakeCfItem {
  id: string;
  type: string;
  customOrNullObject: { isNullObject: boolean; rule: { formula: string } };
  cellValueOrNullObject: {
    isNullObject: boolean;
    rule: { formula1: string; operator: string };
    format: { fill: { color: string } };
  };
  load: (what?: unknown) => FakeCfItem;
  delete: () => void;
}

export class FakeRange {
  private loaded: unknown[][] | null = null;
  readonly format: { columnWidth: number };
  readonly conditionalFormats: {
    items: FakeCfItem[];
    load: (what?: unknown) => unknown;
    getItem: (id: string) => { delete: () => void };
    clearAll: () => void;
    add: (type: string) => unknown;
  };

  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: string,
    private readonly row: number,
    private readonly column: number,
    private readonly rows: number,
    private readonly columns: number,
  ) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the conditional format queues this range's extent
    const self = this;
    const state = ctx.state;
    this.format = {
      set columnWidth(_w: number) {
        ctx.enqueue(16, 0, () => state.assertUnprotected(sheet));
      },
      get columnWidth() {
        return 0;
      },
    };
    const block = { row, column, rows, columns };
    const item = (cf: FakeConditionalFormat): FakeCfItem => {
      const it: FakeCfItem = {
        id: cf.id,
        type: cf.type,
        customOrNullObject: {
          isNullObject: cf.type !== 'Custom',
          rule: { formula: cf.type === 'Custom' ? cf.formula : '' },
        },
        cellValueOrNullObject: {
          isNullObject: cf.type !== 'CellValue',
          rule: { formula1: cf.type === 'CellValue' ? cf.formula : '', operator: 'EqualTo' },
          format: { fill: { color: cf.fill } },
        },
        load: () => it,
        delete: () =>
          ctx.enqueue(32, 0, () => {
            state.assertUnprotected(sheet);
            state.conditionalFormats = state.conditionalFormats.filter((x) => x.id !== cf.id);
          }),
      };
      return it;
    };
    this.conditionalFormats = {
      items: [],
      load(): unknown {
        ctx.enqueue(32, 0, () => {
          this.items = state.conditionalFormats.filter((cf) => cf.sheet === sheet && overlaps(cf, block)).map(item);
        });
        return this;
      },
      getItem: (id: string) => ({
        delete: () =>
          ctx.enqueue(32, 0, () => {
            state.assertUnprotected(sheet);
            if (!state.conditionalFormats.some((cf) => cf.id === id)) throw new ExcelError('ItemNotFound', id);
            state.conditionalFormats = state.conditionalFormats.filter((cf) => cf.id !== id);
          }),
      }),
      // Excel clears every rule on the range, whoever set it.
      clearAll: () =>
        ctx.enqueue(32, 0, () => {
          state.assertUnprotected(sheet);
          state.conditionalFormats = state.conditionalFormats.filter(
            (cf) => !(cf.sheet === sheet && overlaps(cf, block)),
          );
        }),
      add: (type: string) => {
        const body = {
          format: { fill: { color: '' }, font: { color: '' } },
          rule: { formula1: '', operator: '', formula: '' },
        };
        const cf = type === 'Custom' ? { custom: body } : { cellValue: body };
        ctx.enqueue(128, 0, () => {
          state.assertUnprotected(sheet);
          // The rule as set by the time of the sync (the host may assign a new rule object).
          state.conditionalFormats.push({
            id: state.newId(),
            sheet,
            row: self.row,
            column: self.column,
            rows: self.rows,
            columns: self.columns,
            type: type === 'Custom' ? 'Custom' : 'CellValue',
            formula: type === 'Custom' ? body.rule.formula : body.rule.formula1,
            fill: body.format.fill.color,
            font: body.format.font.color,
          });
        });
        return cf;
      },
    };
  }

  /** The sheet this range is on. */
  get sheetName(): string {
    return this.sheet;
  }

  /** The merged blocks on this range as one address list (ExcelApi 1.13), or a null object. */
  getMergedAreasOrNullObject(): { isNullObject: boolean; address: string; load: (what?: unknown) => unknown } {
    const state = this.ctx.state;
    const block = { row: this.row, column: this.column, rows: this.rows, columns: this.columns };
    const areas = { isNullObject: true, address: '', load: () => areas };
    this.ctx.enqueue(32, 0, () => {
      if (!state.supports('1.13'))
        throw new ExcelError('ApiNotFound', 'getMergedAreasOrNullObject needs ExcelApi 1.13');
      const found = state.merged.filter((m) => m.sheet === this.sheet && overlaps(m, block));
      areas.isNullObject = found.length === 0;
      areas.address = found.map((m) => `${this.sheet}!${a1(m)}`).join(',');
    });
    return areas;
  }

  get dataValidation(): { clear: () => void; rule: unknown } {
    const ctx = this.ctx;
    const range = this.address();
    return {
      clear: () =>
        ctx.enqueue(32, 0, () => {
          ctx.state.assertUnprotected(range.replace(/!.*$/, ''));
          ctx.state.validations = ctx.state.validations.filter((v) => v.range !== range);
        }),
      set rule(rule: { list?: { source: string } }) {
        ctx.enqueue(64, 0, () => {
          ctx.state.assertUnprotected(range.replace(/!.*$/, ''));
          ctx.state.validations.push({ range, source: rule.list?.source ?? '' });
        });
      },
      get rule() {
        return {};
      },
    };
  }

  address(): string {
    return `${this.sheet}!R${this.row + 1}C${this.column + 1}:R${this.row + this.rows}C${this.column + this.columns}`;
  }

  private target(): Sheet {
    const s = this.ctx.state.sheet(this.sheet);
    if (!s) throw new ExcelError('ItemNotFound', this.sheet);
    return s;
  }

  load(): this {
    const cells = this.rows * this.columns;
    this.ctx.enqueue(0, cells, () => {
      const s = this.target();
      this.loaded = Array.from({ length: this.rows }, (_, i) =>
        Array.from({ length: this.columns }, (_, j) => s.cells[this.row + i]?.[this.column + j]?.value ?? ''),
      );
    });
    // The response payload counts too, against the response limit: estimated from what the cells hold now.
    const s = this.ctx.state.sheet(this.sheet);
    const now = s
      ? s.cells
          .slice(this.row, this.row + this.rows)
          .map((r) => r.slice(this.column, this.column + this.columns).map((c) => c?.value ?? ''))
      : [];
    this.ctx.respond(byteSize(now));
    return this;
  }

  get values(): unknown[][] {
    if (!this.loaded) throw new ExcelError('PropertyNotLoaded', 'values');
    return this.loaded;
  }

  private put(grid: unknown[][], set: (cell: Cell, v: unknown) => void): void {
    // A 1×1 grid applies to every cell of the range, as Excel does for formats.
    const formats = set === this.setFormat;
    const one = grid.length === 1 && grid[0]?.length === 1 && formats;
    const first = grid[0]?.[0];
    const cells = one
      ? Array.from({ length: this.rows }, () => Array.from({ length: this.columns }, () => first))
      : grid;
    if (cells.length !== this.rows || cells.some((r) => r.length !== this.columns))
      throw new ExcelError('InvalidArgument', 'dimensions do not match the range');
    const bytes = one ? 32 : byteSize(grid);
    this.ctx.enqueue(
      bytes,
      0,
      () => {
        const s = this.target();
        this.ctx.state.assertUnprotected(this.sheet);
        const block = { row: this.row, column: this.column, rows: this.rows, columns: this.columns };
        // Excel refuses to change part of a merged block.
        if (this.ctx.state.merged.some((m) => m.sheet === this.sheet && overlaps(m, block) && !covers(block, m)))
          throw new ExcelError('InvalidOperation', 'Cannot change part of a merged cell.');
        cells.forEach((r, i) =>
          r.forEach((v, j) => {
            const rr = this.row + i;
            while (s.cells.length <= rr) s.cells.push([]);
            const line = s.cells[rr] as (Cell | undefined)[];
            const cell = line[this.column + j] ?? { value: '' };
            set(cell, v);
            line[this.column + j] = cell;
          }),
        );
      },
      !formats,
    );
  }

  set formulas(grid: unknown[][]) {
    this.put(grid, (cell, v) => {
      delete cell.formula;
      if (typeof v === 'string' && v.startsWith("'")) cell.value = v.slice(1);
      else if (typeof v === 'string' && v.startsWith('=')) {
        // Excel would compute it; the fake keeps the formula and shows it uncomputed.
        cell.formula = v;
        cell.value = '#CALC!';
      } else if (typeof v === 'string' && /^[+\-@]/.test(v))
        throw new ExcelError('InvalidArgument', `"${v}" would be read as a formula`);
      else if (typeof v === 'string') cell.value = retyped(v);
      else cell.value = v as string | number | boolean;
    });
  }

  private readonly setFormat = (cell: Cell, v: unknown): void => void (cell.numberFormat = String(v));

  set numberFormat(grid: unknown[][]) {
    this.put(grid, this.setFormat);
  }
}

function columnName(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A 0-based block as an A1 address (`B2:C3`). */
export function a1(b: { row: number; column: number; rows: number; columns: number }): string {
  return `${columnName(b.column)}${b.row + 1}:${columnName(b.column + b.columns - 1)}${b.row + b.rows}`;
}

/**
 * What Excel makes of text written to a cell, as of text a user types: numbers (with thousands
 * separators, a percent sign, an exponent) and logicals are retyped; dates are too, in Excel, but the
 * fake keeps them as text. An apostrophe in front keeps the text (handled by the caller).
 */
function retyped(text: string): string | number | boolean {
  const t = text.trim();
  if (/^(true|false)$/i.test(t)) return t.toUpperCase() === 'TRUE';
  const number = /^(\d[\d,]*\.?\d*|\.\d+)(e[+-]?\d+)?(%?)$/i.exec(t);
  if (number === null) return text;
  const value = Number(t.replace(/[,%]/g, ''));
  return number[3] === '%' ? value / 100 : value;
}

/**
 * The print layout Excel holds for a sheet, read back into the port's terms (margins in inches), for
 * the contract suite; undefined when nothing was laid out.
 */
export function printLayoutOf(state: FakeExcelState, sheet: string): PrintLayout | undefined {
  const l = state.pageLayouts.get(sheet);
  if (l === undefined || l.printArea === undefined) return undefined;
  const [, r1, c1, r2, c2] = (/^R(\d+)C(\d+):R(\d+)C(\d+)$/.exec(l.printArea) ?? []).map(Number);
  const title = /^\$?(\d+):\$?(\d+)$/.exec(l.printTitleRows ?? '');
  const m = l.margins;
  return {
    orientation: l.orientation === 'Landscape' ? 'landscape' : 'portrait',
    area: { firstRow: r1 ?? 0, firstColumn: c1 ?? 0, lastRow: r2 ?? 0, lastColumn: c2 ?? 0 },
    titleRows: title ? { first: Number(title[1]), last: Number(title[2]) } : undefined,
    breaksAfter: [...l.breaks].sort((a, b) => a - b).map((r) => r - 1),
    // One page wide: fit-to-pages 1 wide, or a scale chosen so the print area's width fits the page.
    fitToWidth: l.zoom?.horizontalFitToPages === 1 || l.zoom?.scale !== undefined,
    margins:
      m.top === undefined
        ? undefined
        : {
            top: (m.top ?? 0) / 72,
            bottom: (m.bottom ?? 0) / 72,
            left: (m.left ?? 0) / 72,
            right: (m.right ?? 0) / 72,
          },
    footer: l.centerFooter,
  };
}
