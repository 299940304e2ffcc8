/**
 * The WorkbookPort over a large .xlsx file through ExcelJS's streaming reader and writer, so memory
 * stays flat: ExcelJS's document mode needs about 1.3 GB for 100,000 rows × 9 columns, streaming
 * about a tenth. Reading is forward-only (the workflow reads rows in order); the add-in's writes are
 * kept per row and merged into a second streaming pass on commit, which copies every input cell's
 * value, formula and style. What a streaming copy cannot carry — column widths, merged cells, data
 * validations, comments, an input sheet's own conditional formats — is the price of a large file;
 * files below `STREAMING_THRESHOLD_BYTES` go through `XlsxWorkbook`, which keeps everything.
 *
 * @packageDocumentation
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import ExcelJS from 'exceljs';
import {
  HEADER_SEARCH_ROWS,
  SheetNotFoundError,
  WorkbookIoError,
  type BandFill,
  type CellValue,
  type CellWrite,
  type NumberFormat,
  type SheetExtent,
  type WorkbookPort,
} from '../../grading';
import { attempt } from '../../grading/attempt';
import { fromExcelJs } from './cellValue';
import { NUMBER_FORMATS, bandFormatting, excelJsValue, nameReference } from './excelJsWrites';

/** Files at least this large are graded by streaming. */
export const STREAMING_THRESHOLD_BYTES = 4 * 1024 * 1024;

type Row = ExcelJS.Row;
/** ExcelJS sets a worksheet reader's name from workbook.xml at run time; its typings omit it. */
type NamedReader = ExcelJS.stream.xlsx.WorksheetReader & { readonly name: string };
/** A row's own style (a bold header row), which ExcelJS keeps at run time but its typings omit. */
type StyledRow = ExcelJS.Row & { readonly style?: Partial<ExcelJS.Style> };

interface SheetScan {
  readonly name: string;
  rowCount: number;
  columnCount: number;
  readonly head: Map<number, CellValue[]>;
  /**
   * Every row as the commit copies it, by row number, kept from the scan when the file is small enough
   * (else null, and the data pass and the commit read the file again).
   */
  copies: Map<number, RowCopy> | null;
}

/** One input row as the commit copies it: values and styles by column (index 0 is column 1). */
interface RowCopy {
  readonly number: number;
  readonly height: number | undefined;
  readonly style: Partial<ExcelJS.Style> | undefined;
  readonly values: ExcelJS.CellValue[];
  readonly styles: (Partial<ExcelJS.Style> | undefined)[];
}

/** A row as the commit copies it: each cell's own formula where the source shares one from another row. */
function rowCopy(row: Row): RowCopy {
  const values: ExcelJS.CellValue[] = [];
  const styles: (Partial<ExcelJS.Style> | undefined)[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    const v = cell.value;
    values[column - 1] =
      v !== null && typeof v === 'object' && 'sharedFormula' in v
        ? v.result === undefined
          ? { formula: cell.formula }
          : { formula: cell.formula, result: v.result }
        : v;
    styles[column - 1] = cell.style;
  });
  return { number: row.number, height: row.height || undefined, style: (row as StyledRow).style, values, styles };
}

/** The kept rows in order, each let go once handed out (the commit is the last to need them). */
function* drain(rows: Map<number, RowCopy> | null): Generator<RowCopy> {
  if (!rows) return;
  for (const [n, row] of rows) {
    rows.delete(n);
    yield row;
  }
}

/** A sheet of the input as the commit copies it, from memory or read again. */
interface SourceSheet {
  readonly name: string;
  readonly rows: Iterable<RowCopy> | AsyncIterable<RowCopy>;
}

/** The input's sheets read again, row by row. */
async function* readSheets(input: string): AsyncGenerator<SourceSheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, readerOptions());
  for await (const sheet of reader) {
    const ws = sheet as NamedReader;
    // Rows stream through: the commit takes each sheet's rows before it asks for the next sheet.
    const rows = (async function* (): AsyncGenerator<RowCopy> {
      for await (const row of ws) yield rowCopy(row);
    })();
    yield { name: ws.name, rows };
  }
}

/** Cells kept from the scan so the data pass needs no second read (about 100 MB at this size). */
const CACHED_CELLS_LIMIT = 4_000_000;

interface Segment {
  readonly column: number;
  readonly values: readonly CellWrite[];
}

interface Cursor {
  readonly sheet: string;
  readonly rows: AsyncIterator<Row>;
  readonly sheets: AsyncIterator<NamedReader>;
  pending: Row | null;
  /** The last row number handed out. */
  delivered: number;
  done: boolean;
}

function readerOptions(): Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions> {
  return { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore' };
}

function rowValues(row: Row, width: number): CellValue[] {
  return Array.from({ length: width }, (_, j) => fromExcelJs(row.getCell(j + 1).value));
}

/** Whether a file is large enough to be graded by streaming. */
export async function shouldStream(file: string): Promise<boolean> {
  try {
    return (await stat(file)).size >= STREAMING_THRESHOLD_BYTES;
  } catch {
    return false;
  }
}

/** A large .xlsx file, read and written by streaming. */
export class XlsxStreamWorkbook implements WorkbookPort {
  private cursor: Cursor | null = null;
  private readonly writes = new Map<string, Map<number, Segment[]>>();
  private readonly formats: {
    sheet: string;
    column: number;
    firstRow: number;
    lastRow: number;
    format: NumberFormat;
  }[] = [];
  private readonly bands = new Map<
    string,
    { column: number; firstRow: number; lastRow: number; fills: readonly BandFill[] }
  >();
  private readonly replaced = new Map<string, { rows: readonly (readonly CellWrite[])[]; widths: readonly number[] }>();
  private readonly names = new Map<string, string>();

  private constructor(
    private readonly input: string,
    private readonly output: string,
    private readonly scans: readonly SheetScan[],
  ) {}

  /**
   * Scans `input` once (extents, the first rows of every sheet, and every row while the file holds
   * at most `cachedCellsLimit` cells, so neither the data pass nor the commit reads it again);
   * `commit` writes `output`.
   */
  static async open(
    input: string,
    output: string,
    options: { readonly cachedCellsLimit?: number } = {},
  ): Promise<XlsxStreamWorkbook> {
    const limit = options.cachedCellsLimit ?? CACHED_CELLS_LIMIT;
    const scans: SheetScan[] = [];
    let cached = 0;
    try {
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, readerOptions());
      for await (const sheet of reader) {
        const ws = sheet as NamedReader;
        const scan: SheetScan = {
          name: ws.name,
          rowCount: 0,
          columnCount: 0,
          head: new Map(),
          copies: new Map(),
        };
        for await (const row of ws) {
          if (scan.copies) {
            scan.copies.set(row.number, rowCopy(row));
            cached += row.cellCount;
            // Past the limit, the data pass and the commit read the file again: memory stays flat.
            if (cached > limit) scan.copies = null;
          }
          if (!row.hasValues) continue;
          scan.rowCount = Math.max(scan.rowCount, row.number);
          scan.columnCount = Math.max(scan.columnCount, row.cellCount);
          if (row.number <= HEADER_SEARCH_ROWS) scan.head.set(row.number, rowValues(row, row.cellCount));
        }
        scans.push(scan);
      }
    } catch (e) {
      throw WorkbookIoError.reading(input, e);
    }
    return new XlsxStreamWorkbook(input, output, scans);
  }

  private scan(sheet: string): SheetScan {
    const s = this.scans.find((x) => x.name === sheet);
    if (!s) throw new SheetNotFoundError(sheet);
    return s;
  }

  sheetNames(): Promise<readonly string[]> {
    return Promise.resolve([
      ...this.scans.map((s) => s.name),
      ...[...this.replaced.keys()].filter((n) => !this.scans.some((s) => s.name === n)),
    ]);
  }

  extent(sheet: string): Promise<SheetExtent> {
    return attempt(() => {
      const s = this.scan(sheet);
      return { rowCount: s.rowCount, columnCount: s.columnCount };
    });
  }

  private async openCursor(sheet: string): Promise<Cursor> {
    await this.closeCursor();
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(this.input, readerOptions());
    const sheets = reader[Symbol.asyncIterator]() as AsyncIterator<NamedReader>;
    for (;;) {
      const next = await sheets.next();
      if (next.done) throw new SheetNotFoundError(sheet);
      const ws = next.value;
      if (ws.name === sheet) {
        this.cursor = { sheet, rows: ws[Symbol.asyncIterator](), sheets, pending: null, delivered: 0, done: false };
        return this.cursor;
      }
      for await (const row of ws) void row; // another sheet: read past it
    }
  }

  /** Reads the open cursor to its end, so the underlying file stream closes. */
  private async closeCursor(): Promise<void> {
    const c = this.cursor;
    this.cursor = null;
    if (!c) return;
    if (!c.done) while (!(await c.rows.next()).done);
    for (;;) {
      const next = await c.sheets.next();
      if (next.done) break;
      for await (const row of next.value) void row;
    }
  }

  /** Rows in order; a file that turns out unreadable mid-stream is a `WorkbookIoError`, not a crash. */
  async readBlock(
    sheet: string,
    firstRow: number,
    firstColumn: number,
    rowCount: number,
    columnCount: number,
  ): Promise<CellValue[][]> {
    try {
      return await this.readRows(sheet, firstRow, firstColumn, rowCount, columnCount);
    } catch (e) {
      if (e instanceof SheetNotFoundError) throw e;
      throw WorkbookIoError.reading(this.input, e);
    }
  }

  private async readRows(
    sheet: string,
    firstRow: number,
    firstColumn: number,
    rowCount: number,
    columnCount: number,
  ): Promise<CellValue[][]> {
    const scan = this.scan(sheet);
    const lastRow = firstRow + rowCount - 1;
    const out: CellValue[][] = Array.from({ length: rowCount }, () =>
      Array.from({ length: columnCount }, (): CellValue => null),
    );
    const put = (number: number, values: readonly CellValue[]): void => {
      const target = out[number - firstRow];
      if (!target) return;
      for (let j = 0; j < columnCount; j++) target[j] = values[firstColumn - 1 + j] ?? null;
    };
    if (lastRow <= HEADER_SEARCH_ROWS) {
      for (const [n, values] of scan.head) if (n >= firstRow && n <= lastRow) put(n, values);
      return out;
    }
    if (scan.copies) {
      const width = firstColumn - 1 + columnCount;
      for (let n = firstRow; n <= lastRow; n++) {
        const copy = scan.copies.get(n);
        if (copy)
          put(
            n,
            Array.from({ length: width }, (_, j) => fromExcelJs(copy.values[j] ?? null)),
          );
      }
      return out;
    }
    let c = this.cursor;
    if (!c || c.sheet !== sheet || (c.pending !== null && c.pending.number < firstRow && false))
      c = await this.openCursor(sheet);
    for (;;) {
      let row = c.pending;
      c.pending = null;
      if (!row) {
        if (c.done) break;
        const next = await c.rows.next();
        if (next.done) {
          c.done = true;
          break;
        }
        row = next.value;
      }
      if (row.number < firstRow) continue;
      if (row.number > lastRow) {
        c.pending = row;
        break;
      }
      put(row.number, rowValues(row, firstColumn - 1 + columnCount));
    }
    return out;
  }

  writeBlock(
    sheet: string,
    firstRow: number,
    firstColumn: number,
    rows: readonly (readonly CellWrite[])[],
  ): Promise<void> {
    return attempt(() => {
      if (this.replaced.has(sheet)) {
        const target = this.replaced.get(sheet);
        if (target) rows.forEach((r, i) => ((target.rows as CellWrite[][])[firstRow - 1 + i] = [...r]));
        return;
      }
      this.scan(sheet);
      const bySheet = this.writes.get(sheet) ?? new Map<number, Segment[]>();
      this.writes.set(sheet, bySheet);
      rows.forEach((values, i) => {
        const n = firstRow + i;
        bySheet.set(n, [...(bySheet.get(n) ?? []), { column: firstColumn, values }]);
      });
    });
  }

  formatColumn(sheet: string, column: number, firstRow: number, lastRow: number, format: NumberFormat): Promise<void> {
    return attempt(() => {
      this.formats.push({ sheet, column, firstRow, lastRow, format });
    });
  }

  colourBands(
    sheet: string,
    column: number,
    firstRow: number,
    lastRow: number,
    fills: readonly BandFill[],
  ): Promise<void> {
    return attempt(() => {
      this.bands.set(sheet, { column, firstRow, lastRow, fills });
    });
  }

  replaceSheet(
    sheet: string,
    rows: readonly (readonly CellWrite[])[],
    columnWidths?: readonly number[],
  ): Promise<void> {
    return attempt(() => {
      this.replaced.set(sheet, { rows: rows.map((r) => [...r]), widths: columnWidths ?? [] });
    });
  }

  defineName(
    name: string,
    sheet: string,
    firstRow: number,
    firstColumn: number,
    lastRow: number,
    lastColumn: number,
  ): Promise<void> {
    return attempt(() => {
      this.names.set(name, nameReference(sheet, firstRow, firstColumn, lastRow, lastColumn));
    });
  }

  /**
   * One style object per (row style, number format), shared by every cell that has it: ExcelJS
   * recognises a style object it has seen and skips serialising it again, which a fresh object per
   * cell would cost (about a tenth of the run for 100,000 rows).
   */
  private readonly sharedStyles = new Map<
    Partial<ExcelJS.Style> | null,
    Map<NumberFormat | null, Partial<ExcelJS.Style>>
  >();

  private styleFor(rowStyle: Partial<ExcelJS.Style> | null, format: NumberFormat | null): Partial<ExcelJS.Style> {
    const byFormat = this.sharedStyles.get(rowStyle) ?? new Map<NumberFormat | null, Partial<ExcelJS.Style>>();
    this.sharedStyles.set(rowStyle, byFormat);
    let style = byFormat.get(format);
    if (!style) {
      style = { ...(rowStyle ?? {}), ...(format ? { numFmt: NUMBER_FORMATS[format] } : {}) };
      byFormat.set(format, style);
    }
    return style;
  }

  /** The number format of a cell the add-in writes, if any. */
  private formatAt(sheet: string, column: number, row: number): NumberFormat | null {
    for (const f of this.formats)
      if (f.column === column && f.sheet === sheet && row >= f.firstRow && row <= f.lastRow) return f.format;
    return null;
  }

  private writeOutputs(
    row: ExcelJS.Row,
    segments: readonly Segment[] | undefined,
    sheet: string,
    rowStyle?: Partial<ExcelJS.Style>,
  ): void {
    // Cells the add-in adds take the row's own style (a bold header row), as in document mode; a
    // cell it rewrites keeps the style it had in the input.
    const own = rowStyle && Object.keys(rowStyle).length > 0 ? rowStyle : null;
    for (const seg of segments ?? []) {
      for (let j = 0; j < seg.values.length; j++) {
        const cell = row.getCell(seg.column + j);
        const had = Object.keys(cell.style).length > 0 ? cell.style : null;
        cell.style = this.styleFor(own ?? had, this.formatAt(sheet, seg.column + j, row.number));
        cell.value = excelJsValue(seg.values[j] ?? null);
      }
    }
  }

  /** Not kept by this host (see the README's limits). */
  listValidation(): Promise<boolean> {
    return Promise.resolve(false);
  }

  /** Not kept by this host (see the README's limits). */
  addComment(): Promise<boolean> {
    return Promise.resolve(false);
  }

  /** ExcelJS cannot write charts; the summary's data are on the sheet for the user to chart. */
  addChart(): Promise<boolean> {
    return Promise.resolve(false);
  }

  async commit(): Promise<void> {
    await this.closeCursor();
    try {
      await mkdir(dirname(this.output), { recursive: true });
      const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
        filename: this.output,
        useStyles: true,
        useSharedStrings: true,
      });
      // Sheets kept whole from the scan are copied from memory; others are read again.
      const allCopied = this.scans.every((x) => x.copies !== null);
      const sources: Iterable<SourceSheet> | AsyncIterable<SourceSheet> = allCopied
        ? this.scans.map((x) => ({ name: x.name, rows: drain(x.copies) }))
        : readSheets(this.input);
      for await (const source of sources) {
        if (this.replaced.has(source.name)) {
          for await (const row of source.rows) void row;
          continue;
        }
        const target = writer.addWorksheet(source.name);
        const pending = this.writes.get(source.name) ?? new Map<number, Segment[]>();
        const outputRows = [...pending.keys()].sort((a, b) => a - b);
        let k = 0;
        const flushBefore = (limit: number): void => {
          while (k < outputRows.length && (outputRows[k] as number) < limit) {
            const n = outputRows[k++] as number;
            const row = target.getRow(n);
            this.writeOutputs(row, pending.get(n), source.name);
            row.commit();
          }
        };
        for await (const row of source.rows) {
          flushBefore(row.number);
          const copy = target.getRow(row.number);
          if (row.height) copy.height = row.height;
          row.values.forEach((value, j) => {
            const out = copy.getCell(j + 1);
            out.value = value;
            const style = row.styles[j];
            if (style) out.style = style;
          });
          if (k < outputRows.length && outputRows[k] === row.number)
            this.writeOutputs(copy, pending.get(outputRows[k++] as number), source.name, row.style);
          copy.commit();
        }
        flushBefore(Number.POSITIVE_INFINITY);
        const band = this.bands.get(source.name);
        if (band) {
          target.addConditionalFormatting(bandFormatting(band.column, band.firstRow, band.lastRow, band.fills));
        }
        target.commit();
      }
      for (const [name, sheet] of this.replaced) {
        const ws = writer.addWorksheet(name);
        sheet.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
        sheet.rows.forEach((values, i) => {
          const row = ws.getRow(i + 1);
          values.forEach((v, j) => (row.getCell(j + 1).value = excelJsValue(v)));
          row.commit();
        });
        ws.commit();
      }
      for (const [name, ref] of this.names) writer.definedNames.add(ref, name);
      await writer.commit();
      // The kept rows were let go while copying: anything after this reads the input again.
      for (const x of this.scans) x.copies = null;
    } catch (e) {
      throw WorkbookIoError.writing(this.output, e);
    }
  }
}
