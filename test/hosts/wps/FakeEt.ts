/// <reference types="et-jsapi-declare" />
/**
 * A fake of WPS 表格's ET object model, enough for the WorkbookPort and the pane host, modelled on
 * ET's (and COM's) documented behaviour rather than on what our port expects:
 * - collections are 1-based: `Item(0)` throws, `Item(name)` throws for an unknown name;
 * - `Value2` of one cell is the value itself, of a block a 2-D array of rows; a blank is `undefined`
 *   (COM's Empty); dates come back as serial numbers;
 * - writing through `Value2` or `Formula` is as typing: `=…` becomes a formula (not evaluated here),
 *   numeric-looking text a number, `TRUE`/`FALSE` a logical, and a leading apostrophe keeps text as text;
 * - a protected sheet refuses writes with COM's 0x800A03EC; deleting a sheet with `DisplayAlerts`
 *   on would ask the user (counted in `prompts`); a sheet name must be unique, ≤ 31 characters,
 *   without `\ / ? * [ ] :`; a text document property holds at most 255 characters.
 * Every `Value2` read or write is counted, so tests can check the port works in blocks.
 *
 * The classes implement `Pick<Et.X, …>` of the members they model where ET's declared types allow
 * (the declarations type `Value2` as text or array, though ET hands numbers too).
 */
import { columnName } from '../../../src/hosts/wps/etCells';

/** What COM throws: an Error with the HRESULT as a signed 32-bit `number`. */
export function comError(hresult: number, message: string): Error {
  return Object.assign(new Error(message), { number: hresult | 0 });
}
/** 0x800A03EC, ET's "application-defined or object-defined error" (a refused call). */
export const E_REFUSED = 0x800a03ec;

type Cell = { value: string | number | boolean | undefined; formula?: string; format?: string };

/** One cell's content as if typed: formulas, numbers, logicals, apostrophe text. */
function typed(v: unknown): Cell {
  if (v === undefined || v === null || v === '') return { value: undefined };
  if (typeof v === 'number' || typeof v === 'boolean') return { value: v };
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  if (s.startsWith("'")) return { value: s.slice(1) };
  if (s.startsWith('=')) return { value: undefined, formula: s };
  if (/^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(s)) return { value: Number(s) };
  if (/^(true|false)$/i.test(s.trim())) return { value: /^true$/i.test(s.trim()) };
  return { value: s };
}

function parseCell(a: string): { row: number; column: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(a);
  if (!m) throw comError(E_REFUSED, `bad address ${a}`);
  let c = 0;
  for (const ch of m[1] ?? '') c = c * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]), column: c };
}

/** Corners of an address: `$A$1:$C$4`, `B2`, a whole column `A:A` or a whole row `2:2`. */
function parseAddress(address: string): { r1: number; c1: number; r2: number; c2: number } {
  const cols = /^\$?([A-Z]+):\$?([A-Z]+)$/.exec(address);
  if (cols) return { r1: 1, c1: parseCell(`${cols[1]}1`).column, r2: 1_048_576, c2: parseCell(`${cols[2]}1`).column };
  const rows = /^\$?(\d+):\$?(\d+)$/.exec(address);
  if (rows) return { r1: Number(rows[1]), c1: 1, r2: Number(rows[2]), c2: 16_384 };
  const [a, b] = address.split(':');
  const p = parseCell(a ?? '');
  const q = b === undefined ? p : parseCell(b);
  return { r1: p.row, c1: p.column, r2: q.row, c2: q.column };
}

export class FakeNames implements Pick<Et.Names, 'Count'> {
  readonly items: { Name: string; RefersTo: string; Visible: boolean }[] = [];
  constructor(private readonly prefix: () => string) {}
  get Count(): number {
    return this.items.length;
  }
  Item(i: number): { Name: string; RefersTo: string; Visible: boolean; Delete(): void } {
    const n = this.items[i - 1];
    if (!n) throw comError(E_REFUSED, `no name ${i}`);
    return { ...n, Delete: () => void this.items.splice(this.items.indexOf(n), 1) };
  }
  Add(name: string, refersTo: string, visible = true): void {
    const full = `${this.prefix()}${name}`;
    const at = this.items.findIndex((n) => n.Name === full);
    const entry = { Name: full, RefersTo: refersTo, Visible: visible };
    if (at >= 0) this.items[at] = entry;
    else this.items.push(entry);
  }
}

export interface FakePage {
  PaperSize?: number;
  Orientation?: number;
  PrintArea?: string;
  PrintTitleRows?: string;
  Zoom?: number | boolean;
  FitToPagesWide?: number | boolean;
  FitToPagesTall?: number | boolean;
  TopMargin?: number;
  BottomMargin?: number;
  LeftMargin?: number;
  RightMargin?: number;
  CenterFooter?: string;
}

export class FakeSheet implements Pick<Et.Worksheet, 'ProtectContents' | 'ResetAllPageBreaks' | 'Activate'> {
  readonly cells = new Map<string, Cell>();
  readonly conditions: {
    r1: number;
    c1: number;
    r2: number;
    c2: number;
    formula: string;
    fill: number;
    font: number;
  }[] = [];
  readonly validations: { address: string; formula: string }[] = [];
  readonly notes = new Map<string, string>();
  readonly charts: { source: string; type: number; title: string }[] = [];
  readonly widths = new Map<number, number>();
  readonly PageSetup: FakePage = {};
  readonly breaks: number[] = [];
  ProtectContents = false;
  readonly Names: FakeNames;
  private name: string;

  constructor(
    readonly book: FakeBook,
    name: string,
  ) {
    this.name = name;
    this.Names = new FakeNames(() => `${this.name}!`);
  }
  get Name(): string {
    return this.name;
  }
  set Name(v: string) {
    if (v.length === 0 || v.length > 31 || /[\\/?*[\]:]/.test(v)) throw comError(E_REFUSED, `invalid sheet name ${v}`);
    if (this.book.sheets.some((s) => s !== this && s.name.toLowerCase() === v.toLowerCase()))
      throw comError(E_REFUSED, `duplicate sheet name ${v}`);
    for (const n of this.Names.items) n.Name = `${v}!${n.Name.slice(n.Name.indexOf('!') + 1)}`;
    this.name = v;
  }
  cell(r: number, c: number): Cell | undefined {
    return this.cells.get(`${r},${c}`);
  }
  /** Refuses a change to a protected sheet, as ET does. */
  guard(): void {
    if (this.ProtectContents) throw comError(E_REFUSED, 'the cell or chart is on a protected sheet');
  }
  Range(address: string): FakeRange {
    return new FakeRange(this, parseAddress(address));
  }
  get UsedRange(): FakeRange {
    let r2 = 0;
    let c2 = 0;
    let r1 = Infinity;
    let c1 = Infinity;
    for (const [k, v] of this.cells) {
      if (v.value === undefined && v.formula === undefined) continue;
      const [r, c] = k.split(',').map(Number) as [number, number];
      r1 = Math.min(r1, r);
      c1 = Math.min(c1, c);
      r2 = Math.max(r2, r);
      c2 = Math.max(c2, c);
    }
    if (r2 === 0) return this.Range('A1');
    return new FakeRange(this, { r1, c1, r2, c2 });
  }
  get HPageBreaks(): { Add(before: FakeRange): void; Count: number } {
    return { Add: (before) => void this.breaks.push(before.Row), Count: this.breaks.length };
  }
  ResetAllPageBreaks(): void {
    this.guard();
    this.breaks.length = 0;
  }
  ChartObjects(): { Add(l: number, t: number, w: number, h: number): { Chart: object } } {
    return {
      Add: () => {
        this.guard();
        const chart = { source: '', type: 0, title: '' };
        this.charts.push(chart);
        return {
          Chart: {
            SetSourceData: (r: FakeRange) => (chart.source = r.address),
            set ChartType(t: number) {
              chart.type = t;
            },
            HasTitle: false,
            ChartTitle: {
              set Text(t: string) {
                chart.title = t;
              },
            },
            HasLegend: true,
          },
        };
      },
    };
  }
  Activate(): void {
    this.book.active = this;
  }
  Delete(): void {
    if (this.book.app.DisplayAlerts) this.book.app.prompts++;
    if (this.book.ProtectStructure || this.book.sheets.length === 1) throw comError(E_REFUSED, 'cannot delete');
    this.book.sheets.splice(this.book.sheets.indexOf(this), 1);
  }
}

export class FakeRange {
  constructor(
    readonly sheet: FakeSheet,
    readonly at: { r1: number; c1: number; r2: number; c2: number },
  ) {}
  get address(): string {
    const { r1, c1, r2, c2 } = this.at;
    return `$${columnName(c1)}$${r1}:$${columnName(c2)}$${r2}`;
  }
  get Row(): number {
    return this.at.r1;
  }
  get Column(): number {
    return this.at.c1;
  }
  get Rows(): { Count: number } {
    return { Count: this.at.r2 - this.at.r1 + 1 };
  }
  get Columns(): { Count: number } {
    return { Count: this.at.c2 - this.at.c1 + 1 };
  }
  get Left(): number {
    return (this.at.c1 - 1) * 48;
  }
  get Top(): number {
    return (this.at.r1 - 1) * 15;
  }
  private grid(pick: (c: Cell | undefined) => unknown): unknown {
    const { r1, c1, r2, c2 } = this.at;
    if (r1 === r2 && c1 === c2) return pick(this.sheet.cell(r1, c1));
    const rows: unknown[][] = [];
    for (let r = r1; r <= r2; r++) {
      const row: unknown[] = [];
      for (let c = c1; c <= c2; c++) row.push(pick(this.sheet.cell(r, c)));
      rows.push(row);
    }
    return rows;
  }
  private fill(v: unknown): void {
    this.sheet.guard();
    const { r1, c1, r2, c2 } = this.at;
    this.sheet.book.app.value2Calls++;
    for (let r = r1; r <= r2; r++)
      for (let c = c1; c <= c2; c++) {
        // An array smaller than the range leaves #N/A in the cells it does not reach, as COM does.
        const x = Array.isArray(v) ? (Array.isArray(v[r - r1]) ? (v[r - r1] as unknown[])[c - c1] : undefined) : v;
        const reached = !Array.isArray(v) || (Array.isArray(v[r - r1]) && c - c1 < (v[r - r1] as unknown[]).length);
        const cell = reached ? typed(x) : { value: '#N/A' };
        const format = this.sheet.cell(r, c)?.format;
        this.sheet.cells.set(`${r},${c}`, format === undefined ? cell : { ...cell, format });
      }
  }
  get Value2(): unknown {
    this.sheet.book.app.value2Calls++;
    return this.grid((c) => c?.value);
  }
  set Value2(v: unknown) {
    this.fill(v);
  }
  get Formula(): unknown {
    return this.grid((c) => c?.formula ?? c?.value ?? '');
  }
  set Formula(v: unknown) {
    this.fill(v);
  }
  set NumberFormat(f: string) {
    this.sheet.guard();
    const { r1, c1, r2, c2 } = this.at;
    for (let r = r1; r <= r2; r++)
      for (let c = c1; c <= c2; c++)
        this.sheet.cells.set(`${r},${c}`, { ...(this.sheet.cell(r, c) ?? { value: undefined }), format: f });
  }
  set ColumnWidth(w: number) {
    this.sheet.widths.set(this.at.c1, w);
  }
  get FormatConditions(): { Delete(): void; Add(t: number, op: number, f: string): object } {
    const s = this.sheet;
    const at = this.at;
    return {
      Delete: () => {
        s.guard();
        const keep = s.conditions.filter((k) => k.c2 < at.c1 || k.c1 > at.c2 || k.r2 < at.r1 || k.r1 > at.r2);
        s.conditions.splice(0, s.conditions.length, ...keep);
      },
      Add: (_t, _op, formula) => {
        s.guard();
        const k = { ...at, formula, fill: -1, font: -1 };
        s.conditions.push(k);
        return {
          Interior: {
            set Color(c: number) {
              k.fill = c;
            },
          },
          Font: {
            set Color(c: number) {
              k.font = c;
            },
          },
        };
      },
    };
  }
  get Validation(): { Delete(): void; Add(t: number, a: number, o: number, f: string): void; InCellDropdown: boolean } {
    const s = this.sheet;
    const address = this.address;
    return {
      Delete: () =>
        void s.validations.splice(0, s.validations.length, ...s.validations.filter((v) => v.address !== address)),
      Add: (_t, _a, _o, formula) => {
        s.guard();
        s.validations.push({ address, formula });
      },
      InCellDropdown: false,
    };
  }
  get Comment(): { Text(): string } | null {
    const t = this.sheet.notes.get(`${this.at.r1},${this.at.c1}`);
    return t === undefined ? null : { Text: () => t };
  }
  AddComment(text: string): void {
    this.sheet.guard();
    if (this.sheet.notes.has(`${this.at.r1},${this.at.c1}`)) throw comError(E_REFUSED, 'the cell has a comment');
    this.sheet.notes.set(`${this.at.r1},${this.at.c1}`, text);
  }
  Select(): boolean {
    this.sheet.book.selected = { sheet: this.sheet.Name, address: this.address };
    return true;
  }
}

class FakeProperties {
  readonly items: { Name: string; Value: string | number | boolean; Delete(): void }[] = [];
  get Count(): number {
    return this.items.length;
  }
  Item(i: number): { Name: string; Value: string | number | boolean; Delete(): void } {
    const p = this.items[i - 1];
    if (!p) throw comError(E_REFUSED, `no property ${i}`);
    return p;
  }
  Add(name: string, _link: boolean, _type: number, value: string): void {
    if (this.items.some((p) => p.Name === name)) throw comError(E_REFUSED, `property ${name} exists`);
    if (String(value).length > 255) throw comError(E_REFUSED, 'value too long');
    const items = this.items;
    const p = { Name: name, Value: value, Delete: () => void items.splice(items.indexOf(p), 1) };
    items.push(p);
  }
}

export class FakeBook implements Pick<Et.Workbook, 'ProtectStructure' | 'ReadOnly' | 'Name'> {
  readonly sheets: FakeSheet[] = [];
  readonly Names = new FakeNames(() => '');
  readonly CustomDocumentProperties = new FakeProperties();
  ProtectStructure = false;
  ReadOnly = false;
  readonly Name = 'Book1.xlsx';
  active: FakeSheet | null = null;
  selected: { sheet: string; address: string } | null = null;
  private added = 0;
  constructor(readonly app: FakeApplication) {}
  get Application(): FakeApplication {
    return this.app;
  }
  get Worksheets(): {
    Count: number;
    Item(i: number | string): FakeSheet;
    Add(before?: FakeSheet, after?: FakeSheet): FakeSheet;
  } {
    return {
      Count: this.sheets.length,
      Item: (i) => {
        const ws = typeof i === 'number' ? this.sheets[i - 1] : this.sheets.find((s) => s.Name === i);
        if (!ws || (typeof i === 'number' && i < 1)) throw comError(E_REFUSED, `no sheet ${i}`);
        return ws;
      },
      Add: (before, after) => {
        if (this.ProtectStructure) throw comError(E_REFUSED, 'workbook structure is protected');
        let name: string;
        do name = `Sheet${++this.added}`;
        while (this.sheets.some((s) => s.Name === name));
        const ws = new FakeSheet(this, name);
        const at = after ? this.sheets.indexOf(after) + 1 : before ? this.sheets.indexOf(before) : 0;
        this.sheets.splice(at, 0, ws);
        return ws;
      },
    };
  }
  /** Adds a sheet with values, as a user's workbook would have (not counted as the port's calls). */
  withSheet(name: string, rows: readonly (readonly unknown[])[]): FakeSheet {
    const ws = new FakeSheet(this, name);
    this.sheets.push(ws);
    rows.forEach((row, i) =>
      row.forEach((v, j) =>
        ws.cells.set(`${i + 1},${j + 1}`, typeof v === 'string' && /^[=+\-@]/.test(v) ? { value: v } : typed(v)),
      ),
    );
    this.active ??= ws;
    return ws;
  }
}

export class FakeApplication implements Pick<Et.Application, 'EnableEvents' | 'DisplayAlerts' | 'UserName'> {
  EnableEvents = true;
  DisplayAlerts = true;
  UserName = '张分析';
  /** Times WPS would have shown a confirmation dialog. */
  prompts = 0;
  /** `Value2`/`Formula` block reads and writes. */
  value2Calls = 0;
  readonly ActiveWorkbook: FakeBook = new FakeBook(this);
  get ActiveSheet(): FakeSheet | null {
    return this.ActiveWorkbook.active;
  }
  /** This fake as the port and pane host take it: ET's types, over the members modelled here. */
  get asEt(): Et.Application {
    return this as unknown as Et.Application;
  }
}
