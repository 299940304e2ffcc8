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
}

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

  /** Scans `input` once (extents and the first rows of every sheet); `commit` writes `output`. */
  static async open(input: string, output: string): Promise<XlsxStreamWorkbook> {
    const scans: SheetScan[] = [];
    try {
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, readerOptions());
      for await (const sheet of reader) {
        const ws = sheet as NamedReader;
        const scan: SheetScan = { name: ws.name, rowCount: 0, columnCount: 0, head: new Map() };
        for await (const row of ws) {
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

  private writeOutputs(
    row: ExcelJS.Row,
    segments: readonly Segment[] | undefined,
    sheet: string,
    rowStyle?: Partial<ExcelJS.Style>,
  ): void {
    for (const seg of segments ?? []) {
      seg.values.forEach((v, j) => {
        const cell = row.getCell(seg.column + j);
        // Cells the add-in adds take the row's own style (a bold header row), as in document mode.
        if (rowStyle && Object.keys(rowStyle).length > 0) cell.style = { ...rowStyle };
        cell.value = excelJsValue(v);
        const c = seg.column + j;
        const f = this.formats.find(
          (x) => x.sheet === sheet && x.column === c && row.number >= x.firstRow && row.number <= x.lastRow,
        );
        if (f) cell.numFmt = NUMBER_FORMATS[f.format];
      });
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
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(this.input, readerOptions());
      for await (const sheet of reader) {
        const source = sheet as NamedReader;
        if (this.replaced.has(source.name)) {
          for await (const row of source) void row;
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
        for await (const row of source) {
          flushBefore(row.number);
          const copy = target.getRow(row.number);
          if (row.height) copy.height = row.height;
          row.eachCell({ includeEmpty: false }, (cell, col) => {
            const out = copy.getCell(col);
            const v = cell.value;
            // A shared formula's master lives in another row of the source; write each cell's own formula.
            if (v !== null && typeof v === 'object' && 'sharedFormula' in v) {
              out.value =
                v.result === undefined ? { formula: cell.formula } : { formula: cell.formula, result: v.result };
            } else out.value = v;
            out.style = cell.style;
          });
          if (k < outputRows.length && outputRows[k] === row.number)
            this.writeOutputs(copy, pending.get(outputRows[k++] as number), source.name, (row as StyledRow).style);
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
    } catch (e) {
      throw WorkbookIoError.writing(this.output, e);
    }
  }
}
