/**
 * The WorkbookPort over an .xlsx file, treated as the OPC package it is (CONTRACT.md §5: an .xlsx
 * keeps every input cell and format as it was). One host for every size. Reading streams the sheet
 * asked for; writes are kept until `commit`, which writes a new package in one pass: every part the
 * add-in does not change is copied as its compressed bytes; the graded sheet is streamed and
 * rewritten row by row (`rewriteSheet.ts`); the add-in's own sheets (marked with the sheet-scoped
 * name `QD_OWNED`), their drawings and charts are its own parts; styles, workbook.xml, its
 * relationships and [Content_Types].xml get additions only. The file is replaced atomically.
 *
 * @packageDocumentation
 */
import { posix } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import {
  SheetNotFoundError,
  WorkbookIoError,
  type BandFill,
  type CellValue,
  type CellWrite,
  type ChartSpec,
  type PrintLayout,
} from '../../grading';
import type { NumberFormat, SheetExtent, WorkbookPort } from '../../grading';
import { NUMBER_FORMATS } from '../../grading/cellText';
import { OWNED_SHEET_NAME, SheetNotOwnedError, isPreviousRoundSheet } from '../../grading/WorkbookPort';
import type { ReadsToEnd, RowsRead } from '../../grading/readsToEnd';
import type { WritesRowsLater } from '../../grading/writesRowsLater';
import { writeAtomically } from './atomicFile';
import { chartXml, drawingXml } from './chartParts';
import { ownSheetXml, type ColumnStyle } from './cellXml';
import {
  NOTE_AUTHOR,
  commentsWithNotes,
  idBlocksOf,
  newCommentsXml,
  newVmlXml,
  readComments,
  refOf,
  vmlWithNotes,
  type Note,
} from './legacyNotes';
import {
  LIMITS,
  OpcPackage,
  asPackageError,
  isType,
  parseStyles,
  readXmlPart,
  relsPartOf,
  type Relationship,
  type SheetInfo,
  type StylesInfo,
} from './opcPackage';
import { corruptPackage } from './packageErrors';
import { rewriteSheet, tailWithBands, tailWithValidations } from './rewriteSheet';
import { SheetEdits, type BandRange, type ListValidation } from './sheetEdits';
import {
  SheetSplitter,
  cellHoldsData,
  cellSpans,
  cellValue,
  isPlainRow,
  columnOfCellTag,
  rowNumber,
  type CellContext,
} from './sheetXml';
import { XmlSyntaxError } from './xmlScanner';
import { escapeXml } from './xmlText';
import { ZipWriter } from './zipPackage';

/** Built-in number format ids (ECMA-376 Part 1 §18.8.30) by their code, for the formats the workflow sets. */
const BUILTIN_FORMAT_IDS: Readonly<Record<string, number>> = { '0': 1, '#,##0.00': 4, '0.00%': 10, '@': 49 };

/** The built-in id of a workflow format (`NUMBER_FORMATS`), or of dates (22, `m/d/yyyy h:mm`). */
function formatId(format: NumberFormat | 'date'): number {
  if (format === 'date') return 22;
  const id = BUILTIN_FORMAT_IDS[NUMBER_FORMATS[format]];
  // NUMBER_FORMATS and this table change together; a new code needs a <numFmt> this host does not write.
  if (id === undefined) throw new Error(`no built-in number format for ${NUMBER_FORMATS[format]}`);
  return id;
}

const CT_SHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const CT_STYLES = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
const CT_COMMENTS = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
const CT_VML = 'application/vnd.openxmlformats-officedocument.vmlDrawing';

/** A sheet the add-in writes whole in this session. */
interface OwnSheet {
  readonly name: string;
  /** The sheet it replaces (marked or adopted), keeping its place, id and part. */
  readonly existing: SheetInfo | undefined;
  rows: CellWrite[][];
  widths: readonly number[];
  styles: ColumnStyle[];
  charts: ChartSpec[];
  bands: BandRange[];
  validations: ListValidation[];
  print: PrintLayout | undefined;
}

/** Where a sheet's notes go: new parts, the add-in's own parts (with their notes' text by cell), or none. */
type NoteTarget =
  | { readonly kind: 'new'; readonly texts: ReadonlyMap<string, string> }
  | {
      readonly kind: 'own';
      readonly commentsPart: string;
      readonly commentsXml: string;
      readonly vmlPart: string;
      readonly vmlXml: string;
      readonly texts: ReadonlyMap<string, string>;
    }
  | { readonly kind: 'user' };

/** A sheet's note target and the notes added in this session, by cell reference. */
interface SheetNotes {
  readonly target: NoteTarget;
  readonly added: Map<string, Note>;
}

/** The data extent of rows seen so far (cells that hold data; a styled blank does not count). */
class ExtentTally {
  rowCount = 0;
  columnCount = 0;

  /** Counts row `n` (its text as written; `namespaces`: the prefixes in scope, for a row not plain). */
  note(text: string, n: number, prefix: string, namespaces: ReadonlyMap<string, string>): void {
    const plain = isPlainRow(text);
    // Most rows end with a cell that holds data: then that cell alone decides the row's extent.
    const last = plain ? lastCell(text, prefix) : undefined;
    if (last && cellHoldsData(last.text, prefix)) {
      if (n > this.rowCount) this.rowCount = n;
      if (last.column > this.columnCount) this.columnCount = last.column;
      return;
    }
    const scope = plain ? undefined : namespaces;
    for (const span of cellSpans(text, prefix, scope)) {
      if (span.column <= this.columnCount && n <= this.rowCount) continue;
      if (cellHoldsData(text.slice(span.start, span.end), prefix, scope)) {
        if (n > this.rowCount) this.rowCount = n;
        if (span.column > this.columnCount) this.columnCount = span.column;
      }
    }
  }
}

/**
 * A forward reader of one sheet's rows (the workflow reads in row order; going back restarts it).
 * It tallies the data extent of every row it passes, so a pass that reaches the end knows the sheet's.
 */
class SheetCursor {
  private iterator: AsyncIterator<string> | undefined;
  private readonly ready: { n: number; text: string }[] = [];
  private splitter: SheetSplitter | undefined;
  private previous = 0;
  private done = false;
  private tally = new ExtentTally();
  prefix = '';
  namespaces: ReadonlyMap<string, string> = new Map();
  position = 0;

  constructor(
    private readonly open: () => Promise<AsyncIterable<string>>,
    /** Told the sheet's extent when a pass from its start reaches its end. */
    private readonly onExtent: (extent: SheetExtent) => void,
  ) {}

  private async restart(): Promise<void> {
    // The abandoned pass's stream is closed, not left paused holding its inflater.
    await this.iterator?.return?.();
    this.iterator = (await this.open())[Symbol.asyncIterator]();
    this.ready.length = 0;
    this.previous = 0;
    this.done = false;
    this.position = 0;
    this.tally = new ExtentTally();
    this.splitter = new SheetSplitter(
      {
        head: (_t, _tag, p, namespaces) => {
          this.prefix = p;
          this.namespaces = namespaces;
        },
        row: (text) => {
          const n = rowNumber(text) ?? this.previous + 1;
          this.previous = n;
          this.tally.note(text, n, this.prefix, this.namespaces);
          this.ready.push({ n, text });
        },
        between: () => undefined,
        tail: () => undefined,
      },
      false,
    );
  }

  /** Row texts from `first` to `last` inclusive, by row number. */
  async rows(first: number, last: number): Promise<Map<number, string>> {
    if (!this.iterator || first <= this.position) await this.restart();
    const out = new Map<number, string>();
    for (;;) {
      while (this.ready.length > 0) {
        const head = this.ready[0] as { n: number; text: string };
        if (head.n > last) {
          this.position = last;
          return out;
        }
        this.ready.shift();
        if (head.n >= first) out.set(head.n, head.text);
      }
      if (this.done) {
        this.position = last;
        return out;
      }
      const next = await (this.iterator as AsyncIterator<string>).next();
      if (next.done) {
        this.splitter?.end();
        this.done = true;
        this.onExtent({ rowCount: this.tally.rowCount, columnCount: this.tally.columnCount });
      } else this.splitter?.push(next.value);
    }
  }

  /** Whether the last `rows` call handed out the sheet's last row (no row follows). */
  get ended(): boolean {
    return this.done && this.ready.length === 0;
  }
}

/** An .xlsx workbook opened from a file and written to another (or the same) path on commit. */
export class XlsxWorkbook implements WorkbookPort, ReadsToEnd, WritesRowsLater {
  private readonly own = new Map<string, OwnSheet>();
  private readonly edits = new Map<string, SheetEdits>();
  private readonly extents = new Map<string, SheetExtent>();
  private readonly cursors = new Map<string, SheetCursor>();
  private readonly definedNames = new Map<string, string>();
  private readonly addedXfs: string[] = [];
  private readonly addedDxfs: string[] = [];
  private readonly styles: StylesInfo;
  private readonly stylesXml: string;
  private readonly owned: Set<number>;
  private readonly notes = new Map<string, SheetNotes>();
  /** Set by `commit`: the package read is the one before it, so later writes would be lost. */
  private committed = false;

  private constructor(
    private readonly pkg: OpcPackage,
    private readonly outputPath: string,
  ) {
    const minimal = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${pkg.ns.main}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/></styleSheet>`;
    this.stylesXml = pkg.stylesXml ?? minimal;
    this.styles = pkg.stylesXml ? pkg.styles : parseStyles(minimal);
    this.owned = new Set(
      pkg.names
        .filter((n) => n.name === OWNED_SHEET_NAME && n.localSheetId !== undefined)
        .map((n) => n.localSheetId as number),
    );
  }

  /**
   * Opens `inputPath` (an .xlsx package); `commit` writes `outputPath`, which may be the input.
   * Throws `WorkbookIoError` naming the file: not found, encrypted, .xls/.ods, corrupt, or too large.
   */
  static async open(inputPath: string, outputPath: string): Promise<XlsxWorkbook> {
    return new XlsxWorkbook(await OpcPackage.open(inputPath), outputPath);
  }

  private info(name: string): SheetInfo | undefined {
    return this.pkg.sheets.find((s) => s.name === name);
  }

  private inputSheet(name: string): SheetInfo & { part: string } {
    const s = this.info(name);
    if (!s) throw new SheetNotFoundError(name);
    if (s.part === undefined)
      throw corruptPackage(this.pkg.file, `工作表“${name}”不是普通工作表`, `sheet "${name}" is not a worksheet`);
    return s as SheetInfo & { part: string };
  }

  /** A sheet part's inflated bytes; a damaged part fails with a message naming it. */
  private sheetBytes(part: string): AsyncIterable<Buffer> {
    const entry = this.pkg.checkedEntry(part, LIMITS.sheet);
    const chunks = this.pkg.zip.inflated(entry);
    const file = this.pkg.file;
    return (async function* () {
      try {
        yield* chunks;
      } catch (e) {
        throw corruptPackage(file, `部件 ${part} 已损坏`, `part ${part} is damaged`, e);
      }
    })();
  }

  /** A sheet part's text. */
  private sheetText(part: string): AsyncIterable<string> {
    const bytes = this.sheetBytes(part);
    return (async function* () {
      const decoder = new StringDecoder('utf8');
      for await (const chunk of bytes) yield decoder.write(chunk);
      const rest = decoder.end();
      if (rest) yield rest;
    })();
  }

  private context(prefix: string): CellContext {
    return {
      sharedStrings: this.pkg.sharedStrings,
      dateStyles: this.styles.dateStyles,
      date1904: this.pkg.date1904,
      prefix,
    };
  }

  sheetNames(): Promise<readonly string[]> {
    const names = this.pkg.sheets.map((s) => s.name);
    for (const n of this.own.keys()) if (!names.includes(n)) names.push(n);
    return Promise.resolve(names);
  }

  async extent(sheet: string): Promise<SheetExtent> {
    const own = this.own.get(sheet);
    if (own) return extentOf(own.rows);
    const known = this.extents.get(sheet);
    if (known) return known;
    const info = this.inputSheet(sheet);
    const tally = new ExtentTally();
    let previous = 0;
    let prefix = '';
    let scope: ReadonlyMap<string, string> = new Map();
    const splitter = new SheetSplitter(
      {
        head: (_t, _tag, p, namespaces) => {
          prefix = p;
          scope = namespaces;
        },
        row: (text) => {
          const n = rowNumber(text) ?? previous + 1;
          previous = n;
          tally.note(text, n, prefix, scope);
        },
        between: () => undefined,
        tail: () => undefined,
      },
      false,
    );
    try {
      for await (const chunk of this.sheetText(info.part)) splitter.push(chunk);
      splitter.end();
    } catch (e) {
      if (e instanceof WorkbookIoError) throw e;
      throw sheetDamaged(this.pkg.file, sheet, e);
    }
    const extent = { rowCount: tally.rowCount, columnCount: tally.columnCount };
    this.extents.set(sheet, extent);
    return extent;
  }

  private cursorOf(sheet: string): SheetCursor {
    const info = this.inputSheet(sheet);
    let cursor = this.cursors.get(sheet);
    if (!cursor)
      this.cursors.set(
        sheet,
        (cursor = new SheetCursor(
          () => Promise.resolve(this.sheetText(info.part)),
          (extent) => this.extents.set(sheet, extent),
        )),
      );
    return cursor;
  }

  private async cursorRows(sheet: string, first: number, last: number): Promise<Map<number, string>> {
    try {
      return await this.cursorOf(sheet).rows(first, last);
    } catch (e) {
      if (e instanceof WorkbookIoError) throw e;
      throw sheetDamaged(this.pkg.file, sheet, e);
    }
  }

  /** The data extent of the first `rowCount` rows (ReadsToEnd): only those rows are read. */
  async leadingExtent(sheet: string, rowCount: number): Promise<SheetExtent> {
    const own = this.own.get(sheet);
    if (own) return extentOf(own.rows.slice(0, rowCount));
    const known = this.extents.get(sheet);
    if (known && known.rowCount <= rowCount) return known;
    const rows = await this.cursorRows(sheet, 1, rowCount);
    const { prefix, namespaces } = this.cursorOf(sheet);
    const tally = new ExtentTally();
    for (const [n, text] of rows) tally.note(text, n, prefix, namespaces);
    return { rowCount: tally.rowCount, columnCount: tally.columnCount };
  }

  /** Rows in a forward pass, saying when the sheet's rows end (ReadsToEnd); the extent is then known. */
  async readRowsToEnd(sheet: string, firstRow: number, rowCount: number, columnCount: number): Promise<RowsRead> {
    const own = this.own.get(sheet);
    if (own) {
      const rows = blockOf(own.rows, firstRow, 1, rowCount, columnCount);
      return { rows, ended: firstRow + rowCount > own.rows.length };
    }
    const rows = await this.readBlock(sheet, firstRow, 1, rowCount, columnCount);
    return { rows, ended: this.cursorOf(sheet).ended };
  }

  async readBlock(
    sheet: string,
    firstRow: number,
    firstColumn: number,
    rowCount: number,
    columnCount: number,
  ): Promise<CellValue[][]> {
    const own = this.own.get(sheet);
    if (own) return blockOf(own.rows, firstRow, firstColumn, rowCount, columnCount);
    const rows = await this.cursorRows(sheet, firstRow, firstRow + rowCount - 1);
    const cursor = this.cursorOf(sheet);
    const ctx = this.context(cursor.prefix);
    const general: CellContext = { ...ctx, namespaces: cursor.namespaces };
    const out: CellValue[][] = [];
    for (let r = firstRow; r < firstRow + rowCount; r++) {
      const values: CellValue[] = new Array<CellValue>(columnCount).fill(null);
      const text = rows.get(r);
      if (text)
        try {
          // A row in another spelling than the usual (valid XML all the same) is read with the scanner.
          const plain = isPlainRow(text);
          const c = plain ? ctx : general;
          for (const span of cellSpans(text, cursor.prefix, plain ? undefined : cursor.namespaces)) {
            const j = span.column - firstColumn;
            if (j < 0 || j >= columnCount) continue;
            values[j] = cellValue(text.slice(span.start, span.end), c);
          }
        } catch (e) {
          throw sheetDamaged(this.pkg.file, sheet, e);
        }
      out.push(values);
    }
    return out;
  }

  private editsOf(sheet: string): SheetEdits {
    this.inputSheet(sheet);
    let e = this.edits.get(sheet);
    if (!e) this.edits.set(sheet, (e = new SheetEdits()));
    return e;
  }

  writeBlock(
    sheet: string,
    firstRow: number,
    firstColumn: number,
    rows: readonly (readonly CellWrite[])[],
  ): Promise<void> {
    if (this.committed) return Promise.reject(this.afterCommit());
    return run(() => {
      const own = this.own.get(sheet);
      if (own) writeInto(own.rows, firstRow, firstColumn, rows);
      else this.editsOf(sheet).write(firstRow, firstColumn, rows);
    });
  }

  /** A block whose rows are asked for at the commit, as the sheet is written (WritesRowsLater). */
  writeRowsLater(
    sheet: string,
    firstRow: number,
    firstColumn: number,
    rowCount: number,
    width: number,
    rowAt: (i: number) => readonly CellWrite[],
  ): Promise<void> {
    if (this.committed) return Promise.reject(this.afterCommit());
    return run(() => {
      const own = this.own.get(sheet);
      if (own) {
        const rows = Array.from({ length: rowCount }, (_, i) => rowAt(i));
        writeInto(own.rows, firstRow, firstColumn, rows);
        return;
      }
      this.editsOf(sheet).writeLater(firstRow, firstColumn, rowCount, width, (i) => {
        const values = rowAt(i);
        // The date format is settled before the sheet is written: a Date must come by writeBlock.
        if (values.some((v) => v instanceof Date)) throw new Error('writeRowsLater was given a Date');
        return values;
      });
    });
  }

  private xfIndex(format: NumberFormat | 'date'): number {
    const xml = `<xf numFmtId="${formatId(format)}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`;
    const existing = this.styles.xfTexts.indexOf(xml);
    if (existing >= 0) return existing;
    let added = this.addedXfs.indexOf(xml);
    if (added < 0) added = this.addedXfs.push(xml) - 1;
    return this.styles.cellXfCount + added;
  }

  private dxfIndex(fill: { fill: string; font: string }): number {
    const xml = `<dxf><font><color rgb="FF${fill.font}"/></font><fill><patternFill patternType="solid"><fgColor rgb="FF${fill.fill}"/><bgColor rgb="FF${fill.fill}"/></patternFill></fill></dxf>`;
    const existing = this.styles.dxfTexts.indexOf(xml);
    if (existing >= 0) return existing;
    let added = this.addedDxfs.indexOf(xml);
    if (added < 0) added = this.addedDxfs.push(xml) - 1;
    return this.styles.dxfTexts.length + added;
  }

  formatColumn(sheet: string, column: number, firstRow: number, lastRow: number, format: NumberFormat): Promise<void> {
    if (this.committed) return Promise.reject(this.afterCommit());
    return run(() => {
      const style = { column, firstRow, lastRow, style: this.xfIndex(format) };
      const own = this.own.get(sheet);
      if (own) own.styles.push(style);
      else this.editsOf(sheet).styles.push(style);
    });
  }

  colourBands(
    sheet: string,
    column: number,
    firstRow: number,
    lastRow: number,
    fills: readonly BandFill[],
  ): Promise<void> {
    if (this.committed) return Promise.reject(this.afterCommit());
    return run(() => {
      fills.forEach((f) => this.dxfIndex(f));
      const own = this.own.get(sheet);
      const list = own ? own.bands : this.editsOf(sheet).bands;
      const kept = list.filter((b) => b.column !== column);
      list.length = 0;
      list.push(...kept, { column, firstRow, lastRow, fills });
    });
  }

  async replaceSheet(
    sheet: string,
    rows: readonly (readonly CellWrite[])[],
    columnWidths?: readonly number[],
  ): Promise<void> {
    if (this.committed) throw this.afterCommit();
    const fresh = (existing: SheetInfo | undefined): OwnSheet => ({
      name: sheet,
      existing,
      rows: rows.map((r) => [...r]),
      widths: columnWidths ?? [],
      styles: [],
      charts: [],
      bands: [],
      validations: [],
      print: undefined,
    });
    const current = this.own.get(sheet);
    if (current) {
      this.own.set(sheet, fresh(current.existing));
      return;
    }
    const info = this.info(sheet);
    if (info) {
      if (!this.owned.has(info.index)) {
        const a1 = info.part === undefined ? null : ((await this.readBlock(sheet, 1, 1, 1, 1))[0]?.[0] ?? null);
        const quoted = `'${sheet.replace(/'/g, "''")}'!`;
        const onSheet = this.pkg.names
          .filter(
            (n) => n.localSheetId === undefined && (n.value.startsWith(quoted) || n.value.startsWith(`${sheet}!`)),
          )
          .map((n) => n.name);
        if (info.part === undefined || !isPreviousRoundSheet(sheet, a1, onSheet)) throw new SheetNotOwnedError(sheet);
      }
      this.edits.get(sheet)?.dispose();
      this.edits.delete(sheet);
      this.cursors.delete(sheet);
      this.extents.delete(sheet);
    }
    this.own.set(sheet, fresh(info));
  }

  defineName(
    name: string,
    sheet: string,
    firstRow: number,
    firstColumn: number,
    lastRow: number,
    lastColumn: number,
  ): Promise<void> {
    if (this.committed) return Promise.reject(this.afterCommit());
    return run(() => {
      const col = (c: number): string => columnLetters(c);
      this.definedNames.set(
        name,
        `'${sheet.replace(/'/g, "''")}'!$${col(firstColumn)}$${firstRow}:$${col(lastColumn)}$${lastRow}`,
      );
    });
  }

  addChart(sheet: string, chart: ChartSpec): Promise<boolean> {
    if (this.committed) return Promise.reject(this.afterCommit());
    return run(() => {
      const own = this.own.get(sheet);
      if (!own) {
        this.inputSheet(sheet);
        return false; // charts go only on the add-in's own sheets: the user's sheets keep their drawings
      }
      own.charts.push(chart);
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
    if (this.committed) return Promise.reject(this.afterCommit());
    return run(() => {
      const own = this.own.get(sheet);
      (own ? own.validations : this.editsOf(sheet).validations).push({ column, firstRow, lastRow, values });
      return true;
    });
  }

  /**
   * Lays out a sheet the add-in owns for A4 (its print elements and the built-in names
   * `_xlnm.Print_Area`/`_xlnm.Print_Titles`, written at the commit). A user's sheet is refused with
   * `SheetNotOwnedError`, as every write of a whole sheet is: its printer settings stay the user's.
   */
  setPrintLayout(sheet: string, layout: PrintLayout): Promise<boolean> {
    if (this.committed) return Promise.reject(this.afterCommit());
    return run(() => {
      const own = this.own.get(sheet);
      if (!own) {
        this.inputSheet(sheet);
        throw new SheetNotOwnedError(sheet);
      }
      own.print = layout;
      return true;
    });
  }

  /** Where a sheet's notes go, decided from its relationships once per session (see `noteTarget`). */
  private async notesOf(sheet: string): Promise<SheetNotes> {
    let notes = this.notes.get(sheet);
    if (!notes) {
      notes = { target: await this.noteTarget(this.inputSheet(sheet).part), added: new Map() };
      this.notes.set(sheet, notes);
    }
    return notes;
  }

  /**
   * A sheet with neither a comments part nor a VML drawing gets new ones. A sheet whose one comments
   * part is the add-in's own (every author is `NOTE_AUTHOR`) beside one VML drawing gets its notes
   * appended there. Any other sheet (the user's notes, threaded comments' placeholders, form controls,
   * a header image) gets none: its parts are the user's and are never touched.
   */
  private async noteTarget(part: string): Promise<NoteTarget> {
    const rels = (await this.pkg.relationshipsOf(part)).filter((r) => !r.external);
    const comments = rels.filter((r) => isType(r, 'comments'));
    const vml = rels.filter((r) => isType(r, 'vmlDrawing'));
    if (comments.length === 0 && vml.length === 0) return { kind: 'new', texts: new Map() };
    if (comments.length !== 1 || vml.length !== 1) return { kind: 'user' };
    const commentsPart = (comments[0] as Relationship).target;
    const vmlPart = (vml[0] as Relationship).target;
    if (!this.pkg.zip.entry(commentsPart) || !this.pkg.zip.entry(vmlPart)) return { kind: 'user' };
    const commentsXml = await this.pkg.partText(commentsPart);
    const read = readXmlPart(this.pkg.file, commentsPart, () => readComments(commentsXml));
    if (read.authors.length === 0 || read.authors.some((a) => a !== NOTE_AUTHOR)) return { kind: 'user' };
    const vmlXml = await this.pkg.partText(vmlPart);
    if (!vmlXml.includes('</xml>')) return { kind: 'user' };
    return { kind: 'own', commentsPart, commentsXml, vmlPart, vmlXml, texts: read.texts };
  }

  /**
   * Writes a legacy note (an Excel Note) on a cell of an input sheet, by the author
   * `渠道分级 QD Channel Grader`: a comments part and a VML drawing are added, or the add-in's own ones
   * from an earlier review get the note appended. Returns true when the cell has that note (also when
   * it already had the same note: nothing changes); false, changing nothing, when the cell already
   * has another note, when the sheet carries the user's notes or threaded comments, another VML
   * drawing, or is one of the add-in's own sheets, or for a cell outside the grid.
   */
  async addComment(sheet: string, row: number, column: number, text: string): Promise<boolean> {
    if (this.committed) throw this.afterCommit();
    if (this.own.has(sheet)) return false;
    const notes = await this.notesOf(sheet);
    // A cell outside the grid has no place for a note (ECMA-376: rows 1–1,048,576, columns A–XFD).
    if (
      !Number.isInteger(row) ||
      !Number.isInteger(column) ||
      row < 1 ||
      row > 1_048_576 ||
      column < 1 ||
      column > 16_384
    )
      return false;
    const target = notes.target;
    if (target.kind === 'user') return false;
    const ref = refOf(row, column);
    const existing = notes.added.get(ref)?.text ?? target.texts.get(ref);
    if (existing !== undefined) return existing === text;
    notes.added.set(ref, { row, column, text });
    if (target.kind === 'new') this.editsOf(sheet);
    return true;
  }

  /** The highest `o:idmap` block any VML drawing of the package claims (0 when none). */
  private async usedIdBlocks(): Promise<number> {
    let max = 0;
    for (const e of this.pkg.zip.entries)
      if (e.name.toLowerCase().endsWith('.vml')) max = Math.max(max, ...idBlocksOf(await this.pkg.partText(e.name)));
    return max;
  }

  async commit(): Promise<void> {
    if (this.committed) throw this.afterCommit();
    try {
      await writeAtomically(this.outputPath, (temporary) => this.writePackage(temporary));
      this.committed = true;
    } catch (e) {
      if (e instanceof WorkbookIoError) throw e;
      throw WorkbookIoError.writing(this.outputPath, e);
    } finally {
      for (const e of this.edits.values()) e.dispose();
      this.edits.clear();
      this.notes.clear();
    }
  }

  /** A write after `commit` would start again from the package as it was opened and lose the commit's writes. */
  private afterCommit(): WorkbookIoError {
    return new WorkbookIoError({
      zh: `工作簿“${this.outputPath}”已保存，本次打开不能再写入：请重新打开后再写`,
      en: `workbook "${this.outputPath}" has been saved and this session cannot write to it again: open it again first`,
    });
  }

  private async writePackage(temporary: string): Promise<void> {
    const pkg = this.pkg;
    const ns = pkg.ns;
    const wbDir = posix.dirname(pkg.workbookPart) === '.' ? '' : `${posix.dirname(pkg.workbookPart)}/`;
    const existingParts = new Set(pkg.zip.entries.map((e) => e.name.toLowerCase()));

    // Parts of replaced sheets' drawings and charts go; the new ones may take their names again.
    const dropped = new Set<string>();
    for (const own of this.own.values()) {
      const part = own.existing?.part;
      if (!part) continue;
      const rels = await pkg.relationshipsOf(part);
      if (rels.length > 0) dropped.add(relsPartOf(part).toLowerCase());
      for (const r of rels.filter((x) => isType(x, 'drawing') && !x.external)) {
        dropped.add(r.target.toLowerCase());
        const drels = await pkg.relationshipsOf(r.target);
        if (drels.length > 0) dropped.add(relsPartOf(r.target).toLowerCase());
        for (const c of drels.filter((x) => isType(x, 'chart') && !x.external)) dropped.add(c.target.toLowerCase());
      }
    }
    const taken = new Set([...existingParts].filter((p) => !dropped.has(p)));
    const allocate = (pattern: (k: number) => string): string => {
      for (let k = 1; ; k++) {
        const name = pattern(k);
        if (!taken.has(name.toLowerCase())) {
          taken.add(name.toLowerCase());
          return name;
        }
      }
    };

    const newParts = new Map<string, string>(); // part → content
    const contentTypes: { part: string; type: string }[] = [];
    const newSheets: { own: OwnSheet; part: string }[] = [];
    const needsDates =
      [...this.edits.values()].some((e) => e.hasDates) ||
      [...this.own.values()].some((o) => o.rows.some((r) => r.some((v) => v instanceof Date)));
    const dateStyle = needsDates ? this.xfIndex('date') : 0;
    for (const own of this.own.values()) {
      const part = own.existing?.part ?? allocate((k) => `${wbDir}worksheets/sheet${k}.xml`);
      if (!own.existing) newSheets.push({ own, part });
      let drawingRelId: string | undefined;
      if (own.charts.length > 0) {
        const drawing = allocate((k) => `${wbDir}drawings/drawing${k}.xml`);
        const charts = own.charts.map((spec, i) => ({
          spec,
          relId: `rId${i + 1}`,
          part: allocate((k) => `${wbDir}charts/chart${k}.xml`),
        }));
        for (const c of charts) {
          newParts.set(c.part, chartXml(own.name, own.rows, c.spec, ns));
          contentTypes.push({ part: c.part, type: CT_CHART });
        }
        newParts.set(drawing, drawingXml(charts, ns));
        newParts.set(
          relsPartOf(drawing),
          relationshipsXml(
            charts.map((c) => ({
              id: c.relId,
              type: `${ns.relTypes}/chart`,
              target: posix.relative(posix.dirname(drawing), c.part),
            })),
          ),
        );
        contentTypes.push({ part: drawing, type: CT_DRAWING });
        drawingRelId = 'rId1';
        newParts.set(
          relsPartOf(part),
          relationshipsXml([
            { id: drawingRelId, type: `${ns.relTypes}/drawing`, target: posix.relative(posix.dirname(part), drawing) },
          ]),
        );
      }
      const xml = ownSheetXml(
        { rows: own.rows, widths: own.widths, styles: own.styles, drawingRelId, print: own.print },
        ns,
        dateStyle,
        pkg.date1904,
      );
      const cut = xml.indexOf('</sheetData>') + '</sheetData>'.length;
      const ctxOwn = {
        dateStyle,
        date1904: pkg.date1904,
        dxfOf: (f: { fill: string; font: string }) => this.dxfIndex(f),
      };
      const tail = tailWithValidations(tailWithBands(xml.slice(cut), '', own.bands, ctxOwn), '', own.validations);
      newParts.set(part, xml.slice(0, cut) + tail);
      contentTypes.push({ part, type: CT_SHEET });
    }

    // Notes: new comments and VML parts, or additions to the add-in's own (see noteTarget).
    let vmlDefault = false;
    let nextBlock: number | undefined;
    for (const [sheet, notes] of this.notes) {
      if (notes.added.size === 0) continue;
      const added = [...notes.added.values()];
      const target = notes.target;
      if (target.kind === 'own') {
        newParts.set(target.commentsPart, commentsWithNotes(target.commentsXml, added));
        newParts.set(target.vmlPart, vmlWithNotes(target.vmlXml, added));
        continue;
      }
      if (target.kind !== 'new') continue;
      if (nextBlock === undefined) nextBlock = (await this.usedIdBlocks()) + 1;
      const sheetPart = this.inputSheet(sheet).part;
      const commentsPart = allocate((k) => `${wbDir}comments${k}.xml`);
      const vmlPart = allocate((k) => `${wbDir}drawings/vmlDrawing${k}.vml`);
      newParts.set(commentsPart, newCommentsXml(added, ns.main));
      newParts.set(vmlPart, newVmlXml(added, nextBlock++));
      contentTypes.push({ part: commentsPart, type: CT_COMMENTS });
      vmlDefault = true;
      const relsPart = relsPartOf(sheetPart);
      const relsEntry = pkg.zip.entry(relsPart);
      const relsXml = relsEntry ? await pkg.partText(relsPart) : relationshipsXml([]);
      const ids = new Set((await pkg.relationshipsOf(sheetPart)).map((r) => r.id));
      const fresh = (): string => {
        let k = 1;
        while (ids.has(`rIdQd${k}`)) k++;
        ids.add(`rIdQd${k}`);
        return `rIdQd${k}`;
      };
      const vmlId = fresh();
      const items = [
        {
          id: fresh(),
          type: `${ns.relTypes}/comments`,
          target: posix.relative(posix.dirname(sheetPart), commentsPart),
        },
        { id: vmlId, type: `${ns.relTypes}/vmlDrawing`, target: posix.relative(posix.dirname(sheetPart), vmlPart) },
      ]
        .map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`)
        .join('');
      newParts.set(relsPart, withRelationships(relsXml, items));
      this.editsOf(sheet).legacyDrawing = { id: vmlId, relNamespace: ns.rel };
    }

    // workbook.xml: new sheets, the add-in's names (QD_OWNED on each own sheet).
    let workbookXml = pkg.workbookXml;
    const relIds = new Set(pkg.workbookRels.map((r) => r.id));
    const newRels: { id: string; type: string; target: string }[] = [];
    let nextSheetId = Math.max(0, ...pkg.sheets.map((s) => s.sheetId)) + 1;
    const wbPrefix = /<([A-Za-z_][\w.-]*:)?workbook[\s>]/.exec(workbookXml)?.[1] ?? '';
    // Only a prefix declared on the root is in scope for a new <sheet> (openpyxl declares it per sheet).
    const root = /<([A-Za-z_][\w.-]*:)?workbook[\s>][^>]*>/.exec(workbookXml)?.[0] ?? '';
    const relPrefix = new RegExp(`xmlns:([A-Za-z_][\\w.-]*)="${ns.rel.replace(/[.]/g, '\\.')}"`).exec(root)?.[1];
    const sheetIndex = new Map(pkg.sheets.map((s) => [s.name, s.index]));
    const freshRelId = (): string => {
      let k = 1;
      while (relIds.has(`rIdQd${k}`)) k++;
      relIds.add(`rIdQd${k}`);
      return `rIdQd${k}`;
    };
    let sheetElements = '';
    for (const { own, part } of newSheets) {
      const id = freshRelId();
      newRels.push({
        id,
        type: `${ns.relTypes}/worksheet`,
        target: posix.relative(posix.dirname(pkg.workbookPart), part),
      });
      const r = relPrefix ? `${relPrefix}:id="${id}"` : `xmlns:r="${ns.rel}" r:id="${id}"`;
      sheetElements += `<${wbPrefix}sheet name="${escapeXml(own.name)}" sheetId="${nextSheetId++}" ${r}/>`;
      sheetIndex.set(own.name, sheetIndex.size);
    }
    if (sheetElements) {
      const close = `</${wbPrefix}sheets>`;
      const at = workbookXml.indexOf(close);
      if (at < 0) throw corruptPackage(pkg.file, '工作簿没有工作表列表', 'the workbook has no sheet list');
      workbookXml = workbookXml.slice(0, at) + sheetElements + workbookXml.slice(at);
    }
    const names: { name: string; local: number | undefined; xml: string }[] = [];
    for (const [name, ref] of this.definedNames)
      names.push({
        name,
        local: undefined,
        xml: `<${wbPrefix}definedName name="${name}">${escapeXml(ref)}</${wbPrefix}definedName>`,
      });
    for (const own of this.own.values()) {
      const index = sheetIndex.get(own.name) as number;
      if (own.print) names.push(...printNames(own.name, index, own.print, wbPrefix));
      if (this.owned.has(index)) continue;
      names.push({
        name: OWNED_SHEET_NAME,
        local: index,
        xml: `<${wbPrefix}definedName name="${OWNED_SHEET_NAME}" localSheetId="${index}" hidden="1">${escapeXml(
          `'${own.name.replace(/'/g, "''")}'!$A$1`,
        )}</${wbPrefix}definedName>`,
      });
    }
    workbookXml = withDefinedNames(workbookXml, wbPrefix, names);

    // Relationships and content types: additions only (and the entries of dropped parts).
    let relsXml = pkg.workbookRelsXml;
    if (newRels.length > 0 || !pkg.stylesPart) {
      const stylesPart = `${wbDir}styles.xml`;
      if (!pkg.stylesPart) {
        const id = freshRelId();
        newRels.push({
          id,
          type: `${ns.relTypes}/styles`,
          target: posix.relative(posix.dirname(pkg.workbookPart), stylesPart),
        });
        contentTypes.push({ part: stylesPart, type: CT_STYLES });
      }
      const items = newRels
        .map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`)
        .join('');
      relsXml = relsXml.replace(/<\/([A-Za-z_][\w.-]*:)?Relationships>\s*$/, (close) => `${items}${close}`);
    }
    const ctXml = withVmlDefault(withContentTypes(pkg.contentTypes, contentTypes, dropped), vmlDefault);
    const stylesXml = withStyles(this.stylesXml, this.addedXfs, this.addedDxfs);

    const writer = new ZipWriter(temporary);
    try {
      const written = new Set<string>();
      const replaced = new Map<string, string>([
        ['[content_types].xml', ctXml],
        [pkg.workbookPart.toLowerCase(), workbookXml],
        [relsPartOf(pkg.workbookPart).toLowerCase(), relsXml],
      ]);
      if (pkg.stylesPart) replaced.set(pkg.stylesPart.toLowerCase(), stylesXml);
      for (const [part, xml] of newParts) replaced.set(part.toLowerCase(), xml);
      const editedParts = new Map<string, SheetEdits>();
      for (const [sheet, e] of this.edits) editedParts.set(this.inputSheet(sheet).part.toLowerCase(), e);
      const ctx = { dateStyle, date1904: pkg.date1904, dxfOf: (f: { fill: string; font: string }) => this.dxfIndex(f) };
      for (const entry of pkg.zip.entries) {
        const key = entry.name.toLowerCase();
        if (written.has(key)) continue;
        written.add(key);
        const text = replaced.get(key);
        const edits = editedParts.get(key);
        if (text !== undefined) await writer.addDeflated(entry.name, text);
        else if (dropped.has(key)) continue;
        else if (edits) {
          const chunks = this.sheetBytes(entry.name);
          await writer.addStream(entry.name, (emit) =>
            rewriteSheet(chunks, edits, ctx, emit).catch((e: unknown) => {
              throw asPackageError(pkg.file, entry.name, e);
            }),
          );
        } else await writer.copyRaw(entry, await pkg.zip.rawStream(entry));
      }
      if (!pkg.zip.entry(relsPartOf(pkg.workbookPart))) await writer.addDeflated(relsPartOf(pkg.workbookPart), relsXml);
      if (!pkg.stylesPart) await writer.addDeflated(`${wbDir}styles.xml`, stylesXml);
      for (const [part, xml] of newParts) if (!written.has(part.toLowerCase())) await writer.addDeflated(part, xml);
      await writer.finish();
    } catch (e) {
      writer.abort();
      throw e;
    }
  }
}

/** A relationships part with `items` appended (a root written as an empty element is opened). */
function withRelationships(xml: string, items: string): string {
  const empty = /<([A-Za-z_][\w.-]*:)?Relationships\b([^>]*?)\s*\/>\s*$/.exec(xml);
  if (empty) {
    const p = empty[1] ?? '';
    return `${xml.slice(0, empty.index)}<${p}Relationships${empty[2] ?? ''}>${items}</${p}Relationships>`;
  }
  return xml.replace(/<\/([A-Za-z_][\w.-]*:)?Relationships>\s*$/, (close) => `${items}${close}`);
}

/** [Content_Types].xml with a Default for the `vml` extension added when a VML part is added and none is there. */
function withVmlDefault(xml: string, needed: boolean): string {
  if (!needed || /<Default\b[^>]*\bExtension="vml"/i.test(xml)) return xml;
  const item = `<Default Extension="vml" ContentType="${CT_VML}"/>`;
  return xml.replace(/<\/([A-Za-z_][\w.-]*:)?Types>\s*$/, (close) => `${item}${close}`);
}

/** A sheet that cannot be read: damaged, with the scanner's reason when it has one. */
function sheetDamaged(file: string, sheet: string, e: unknown): WorkbookIoError {
  const reason = e instanceof XmlSyntaxError ? e.reason : undefined;
  return corruptPackage(
    file,
    reason ? `工作表“${sheet}”已损坏：${reason}` : `工作表“${sheet}”已损坏`,
    reason ? `sheet "${sheet}" is damaged: ${reason}` : `sheet "${sheet}" is damaged`,
    e,
  );
}

/** The last cell of a row's text with its column, when it carries its reference (`r`). */
function lastCell(rowText: string, prefix: string): { text: string; column: number } | undefined {
  const close = `</${prefix}c>`;
  const endsWith = rowText.lastIndexOf(close);
  const rowEnd = rowText.length - prefix.length - 6;
  if (endsWith < 0 || endsWith + close.length !== rowEnd) return undefined;
  let at = rowText.lastIndexOf(`<${prefix}c `, endsWith);
  while (at >= 0 && rowText.lastIndexOf(close, endsWith - 1) > at) at = -1;
  if (at < 0) return undefined;
  const column = columnOfCellTag(rowText.slice(at, rowText.indexOf('>', at)));
  if (column === undefined) return undefined;
  return { text: rowText.slice(at, endsWith + close.length), column };
}

/**
 * The built-in names of a sheet's print area and title rows (ECMA-376 Part 1 §18.2.6: `_xlnm.Print_Area`,
 * `_xlnm.Print_Titles`), scoped to the sheet by `localSheetId`, the sheet's name quoted.
 */
function printNames(
  sheet: string,
  index: number,
  print: PrintLayout,
  prefix: string,
): { name: string; local: number; xml: string }[] {
  const quoted = `'${sheet.replace(/'/g, "''")}'!`;
  const a = print.area;
  const name = (n: string, ref: string): { name: string; local: number; xml: string } => ({
    name: n,
    local: index,
    xml: `<${prefix}definedName name="${n}" localSheetId="${index}">${escapeXml(ref)}</${prefix}definedName>`,
  });
  const out = [
    name(
      '_xlnm.Print_Area',
      `${quoted}$${columnLetters(a.firstColumn)}$${a.firstRow}:$${columnLetters(a.lastColumn)}$${a.lastRow}`,
    ),
  ];
  if (print.titleRows)
    out.push(name('_xlnm.Print_Titles', `${quoted}$${print.titleRows.first}:$${print.titleRows.last}`));
  return out;
}

function run<T>(f: () => T): Promise<T> {
  return new Promise((resolve) => resolve(f()));
}

function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function present(v: CellWrite | undefined): boolean {
  return v !== null && v !== undefined && v !== '';
}

function extentOf(rows: readonly (readonly CellWrite[])[]): SheetExtent {
  let rowCount = 0;
  let columnCount = 0;
  rows.forEach((r, i) =>
    r.forEach((v, j) => {
      if (present(v)) {
        rowCount = Math.max(rowCount, i + 1);
        columnCount = Math.max(columnCount, j + 1);
      }
    }),
  );
  return { rowCount, columnCount };
}

function blockOf(
  rows: readonly (readonly CellWrite[])[],
  firstRow: number,
  firstColumn: number,
  rowCount: number,
  columnCount: number,
): CellValue[][] {
  return Array.from({ length: rowCount }, (_, i) =>
    Array.from({ length: columnCount }, (_, j) => {
      const v = rows[firstRow - 1 + i]?.[firstColumn - 1 + j] ?? null;
      return v !== null && typeof v === 'object' && !(v instanceof Date) ? v.result : v;
    }),
  );
}

function writeInto(
  target: CellWrite[][],
  firstRow: number,
  firstColumn: number,
  rows: readonly (readonly CellWrite[])[],
): void {
  rows.forEach((values, i) => {
    const r = firstRow - 1 + i;
    while (target.length <= r) target.push([]);
    const row = target[r] as CellWrite[];
    values.forEach((v, j) => {
      while (row.length < firstColumn - 1 + j) row.push(null);
      row[firstColumn - 1 + j] = v;
    });
  });
}

function relationshipsXml(rels: readonly { id: string; type: string; target: string }[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`).join('') +
    '</Relationships>'
  );
}

/** Elements that follow definedNames in CT_Workbook (ECMA-376 Part 1 §18.2.27). */
const AFTER_DEFINED_NAMES = [
  'calcPr',
  'oleSize',
  'customWorkbookViews',
  'pivotCaches',
  'smartTagPr',
  'smartTagTypes',
  'webPublishing',
  'fileRecoveryPr',
  'webPublishObjects',
  'extLst',
];

/** workbook.xml with the names set: one of the same name and scope is replaced in place, others appended. */
export function withDefinedNames(
  xml: string,
  prefix: string,
  names: readonly { name: string; local: number | undefined; xml: string }[],
): string {
  let out = xml;
  const appended: string[] = [];
  for (const n of names) {
    const re = new RegExp(
      `<${prefix}definedName\\b[^>]*>[\\s\\S]*?</${prefix}definedName>|<${prefix}definedName\\b[^>]*/>`,
      'g',
    );
    let found = false;
    out = out.replace(re, (whole) => {
      if (found) return whole;
      const name = /\sname="([^"]*)"/.exec(whole)?.[1];
      const local = /\slocalSheetId="(\d+)"/.exec(whole)?.[1];
      if (name !== n.name || (local === undefined ? undefined : Number(local)) !== n.local) return whole;
      found = true;
      return n.xml;
    });
    if (!found) appended.push(n.xml);
  }
  if (appended.length === 0) return out;
  const close = `</${prefix}definedNames>`;
  const at = out.indexOf(close);
  if (at >= 0) return out.slice(0, at) + appended.join('') + out.slice(at);
  const empty = new RegExp(`<${prefix}definedNames\\s*/>`).exec(out);
  if (empty)
    return (
      out.slice(0, empty.index) +
      `<${prefix}definedNames>${appended.join('')}${close}` +
      out.slice(empty.index + empty[0].length)
    );
  let insert = out.indexOf(`</${prefix}workbook>`);
  for (const e of AFTER_DEFINED_NAMES) {
    const m = new RegExp(`<${prefix}${e}[\\s/>]`).exec(out);
    if (m && m.index < insert) insert = m.index;
  }
  return out.slice(0, insert) + `<${prefix}definedNames>${appended.join('')}${close}` + out.slice(insert);
}

/** [Content_Types].xml with overrides added for new parts and removed for dropped ones. */
function withContentTypes(
  xml: string,
  added: readonly { part: string; type: string }[],
  dropped: ReadonlySet<string>,
): string {
  let out = xml.replace(/<Override\b[^>]*\bPartName="([^"]*)"[^>]*\/>/g, (whole, name: string) => {
    const part = name.replace(/^\//, '').toLowerCase();
    return dropped.has(part) && !added.some((a) => a.part.toLowerCase() === part) ? '' : whole;
  });
  const have = new Set(
    [...out.matchAll(/<Override\b[^>]*\bPartName="([^"]*)"/g)].map((m) =>
      (m[1] as string).replace(/^\//, '').toLowerCase(),
    ),
  );
  const items = added
    .filter((a) => !have.has(a.part.toLowerCase()))
    .map((a) => `<Override PartName="/${escapeXml(a.part)}" ContentType="${a.type}"/>`)
    .join('');
  out = out.replace(/<\/([A-Za-z_][\w.-]*:)?Types>\s*$/, (close) => `${items}${close}`);
  return out;
}

/** The styles part with cell formats and differential formats appended (and their counts updated). */
function withStyles(xml: string, xfs: readonly string[], dxfs: readonly string[]): string {
  const prefix = /<([A-Za-z_][\w.-]*:)?styleSheet[\s>]/.exec(xml)?.[1] ?? '';
  const p = (s: string): string => (prefix ? s.replace(/<(\/?)(?=[a-zA-Z])/g, `<$1${prefix}`) : s);
  let out = xml;
  if (xfs.length > 0) {
    out = out.replace(
      new RegExp(`(<${prefix}cellXfs\\b[^>]*>)([\\s\\S]*?)(</${prefix}cellXfs>)`),
      (_, open: string, body: string, close: string) => {
        const count = (body.match(new RegExp(`<${prefix}xf\\b`, 'g')) ?? []).length + xfs.length;
        return `${open.replace(/\scount="\d+"/, ` count="${count}"`)}${body}${xfs.map(p).join('')}${close}`;
      },
    );
  }
  if (dxfs.length > 0) {
    const full = new RegExp(`(<${prefix}dxfs\\b[^>]*>)([\\s\\S]*?)(</${prefix}dxfs>)`);
    const empty = new RegExp(`<${prefix}dxfs\\b[^>]*/>`);
    if (full.test(out))
      out = out.replace(full, (_, open: string, body: string, close: string) => {
        const count = (body.match(new RegExp(`<${prefix}dxf\\b`, 'g')) ?? []).length + dxfs.length;
        return `${open.replace(/\scount="\d+"/, ` count="${count}"`)}${body}${dxfs.map(p).join('')}${close}`;
      });
    else if (empty.test(out))
      out = out.replace(empty, `<${prefix}dxfs count="${dxfs.length}">${dxfs.map(p).join('')}</${prefix}dxfs>`);
    else {
      // CT_Stylesheet order (ECMA-376 §18.8.39): … cellStyles, dxfs, tableStyles, colors, extLst.
      let at = out.indexOf(`</${prefix}styleSheet>`);
      for (const e of ['tableStyles', 'colors', 'extLst']) {
        const m = new RegExp(`<${prefix}${e}[\\s/>]`).exec(out);
        if (m && m.index < at) at = m.index;
      }
      out = `${out.slice(0, at)}<${prefix}dxfs count="${dxfs.length}">${dxfs.map(p).join('')}</${prefix}dxfs>${out.slice(at)}`;
    }
  }
  return out;
}
