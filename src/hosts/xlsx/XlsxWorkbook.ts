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
import { NOTE_AUTHOR, idBlocksOf, readComments, refOf } from './legacyNotes';
import {
  LIMITS,
  OpcPackage,
  isType,
  parseStyles,
  readXmlPart,
  type Relationship,
  type SheetInfo,
  type StylesInfo,
} from './opcPackage';
import { corruptPackage } from './packageErrors';
import { SheetEdits } from './sheetEdits';
import { SheetSplitter, cellSpans, cellValue, isPlainRow, rowNumber, type CellContext } from './sheetXml';
import { XmlSyntaxError } from './xmlScanner';
import { blockOf, columnLetters, extentOf, writeInto } from './cellBlocks';
import { withDefinedNames } from './packageXml';
import { ExtentTally, SheetCursor } from './sheetCursor';
import type { NoteTarget, OwnSheet, PackageSession, SheetNotes } from './workbookSession';
import { writePackage } from './writePackage';

export { withDefinedNames };

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
      await writeAtomically(this.outputPath, (temporary) => writePackage(this.session(), temporary));
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

  /** The state `writePackage` writes, and the helpers it calls. */
  private session(): PackageSession {
    return {
      pkg: this.pkg,
      own: this.own,
      edits: this.edits,
      notes: this.notes,
      definedNames: this.definedNames,
      owned: this.owned,
      stylesXml: this.stylesXml,
      addedXfs: this.addedXfs,
      addedDxfs: this.addedDxfs,
      xfIndex: (format) => this.xfIndex(format),
      dxfIndex: (fill) => this.dxfIndex(fill),
      usedIdBlocks: () => this.usedIdBlocks(),
      inputSheet: (name) => this.inputSheet(name),
      editsOf: (sheet) => this.editsOf(sheet),
      sheetBytes: (part) => this.sheetBytes(part),
    };
  }

  /** A write after `commit` would start again from the package as it was opened and lose the commit's writes. */
  private afterCommit(): WorkbookIoError {
    return new WorkbookIoError({
      zh: `工作簿“${this.outputPath}”已保存，本次打开不能再写入：请重新打开后再写`,
      en: `workbook "${this.outputPath}" has been saved and this session cannot write to it again: open it again first`,
    });
  }
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

function run<T>(f: () => T): Promise<T> {
  return new Promise((resolve) => resolve(f()));
}
