/**
 * The WorkbookPort over an .xlsx file, through ExcelJS. Input cells are left as they are (ExcelJS
 * keeps their values, formulas and styles through a round trip); the add-in's writes go to its own
 * columns and sheets; text is stored as text, so a value that starts with `=` is never a formula.
 *
 * @packageDocumentation
 */
import { attempt } from '../../grading/attempt';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import ExcelJS from 'exceljs';
import {
  WorkbookIoError,
  SheetNotFoundError,
  columnLetter,
  type BandFill,
  type CellValue,
  type CellWrite,
  type NumberFormat,
  type SheetExtent,
  type WorkbookPort,
} from '../../grading';
import { fromExcelJs } from './cellValue';
import { NUMBER_FORMATS, bandFormatting, excelJsValue, nameReference } from './excelJsWrites';

/** An .xlsx workbook opened from a file and saved to another (or the same) path on commit. */
export class XlsxWorkbook implements WorkbookPort {
  private constructor(
    private readonly workbook: ExcelJS.Workbook,
    private readonly outputPath: string,
  ) {}

  /** Opens `inputPath`; `commit` saves to `outputPath`. Throws `WorkbookIoError` naming the file. */
  static async open(inputPath: string, outputPath: string): Promise<XlsxWorkbook> {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.readFile(inputPath);
    } catch (e) {
      throw WorkbookIoError.reading(inputPath, e);
    }
    return new XlsxWorkbook(workbook, outputPath);
  }

  /** Wraps a workbook already in memory (tests, rules files). */
  static fromWorkbook(workbook: ExcelJS.Workbook, outputPath: string): XlsxWorkbook {
    return new XlsxWorkbook(workbook, outputPath);
  }

  private sheet(name: string): ExcelJS.Worksheet {
    const ws = this.workbook.getWorksheet(name);
    if (!ws) throw new SheetNotFoundError(name);
    return ws;
  }

  sheetNames(): Promise<readonly string[]> {
    return attempt(() => {
      return this.workbook.worksheets.map((w) => w.name);
    });
  }

  extent(sheet: string): Promise<SheetExtent> {
    return attempt(() => {
      const ws = this.sheet(sheet);
      return { rowCount: ws.rowCount, columnCount: ws.columnCount };
    });
  }

  readBlock(
    sheet: string,
    firstRow: number,
    firstColumn: number,
    rowCount: number,
    columnCount: number,
  ): Promise<CellValue[][]> {
    return attempt(() => {
      const ws = this.sheet(sheet);
      const out: CellValue[][] = [];
      for (let r = firstRow; r < firstRow + rowCount; r++) {
        const row = ws.getRow(r);
        const values: CellValue[] = [];
        for (let c = firstColumn; c < firstColumn + columnCount; c++) values.push(fromExcelJs(row.getCell(c).value));
        out.push(values);
      }
      return out;
    });
  }

  writeBlock(
    sheet: string,
    firstRow: number,
    firstColumn: number,
    rows: readonly (readonly CellWrite[])[],
  ): Promise<void> {
    return attempt(() => {
      const ws = this.sheet(sheet);
      rows.forEach((values, i) => {
        const row = ws.getRow(firstRow + i);
        values.forEach((v, j) => (row.getCell(firstColumn + j).value = excelJsValue(v)));
      });
    });
  }

  formatColumn(sheet: string, column: number, firstRow: number, lastRow: number, format: NumberFormat): Promise<void> {
    return attempt(() => {
      const ws = this.sheet(sheet);
      for (let r = firstRow; r <= lastRow; r++) ws.getRow(r).getCell(column).numFmt = NUMBER_FORMATS[format];
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
      const ws = this.sheet(sheet);
      const letter = columnLetter(column); // the add-in owns this column: its earlier rules go
      // Replace the add-in's earlier rules on this column (it owns the column), leave every other rule.
      const own = new RegExp(`^${letter}\\d+:${letter}\\d+$`);
      ws.removeConditionalFormatting((cf: ExcelJS.ConditionalFormattingOptions) => !own.test(cf.ref));
      ws.addConditionalFormatting(bandFormatting(column, firstRow, lastRow, fills));
    });
  }

  replaceSheet(
    sheet: string,
    rows: readonly (readonly CellWrite[])[],
    columnWidths?: readonly number[],
  ): Promise<void> {
    const existing = this.workbook.getWorksheet(sheet);
    if (existing) this.workbook.removeWorksheet(existing.id);
    const ws = this.workbook.addWorksheet(sheet);
    columnWidths?.forEach((w, i) => {
      ws.getColumn(i + 1).width = w;
    });
    return this.writeBlock(sheet, 1, 1, rows);
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
      const names = this.workbook.definedNames;
      names.model = names.model.filter((n) => n.name !== name);
      names.add(nameReference(sheet, firstRow, firstColumn, lastRow, lastColumn), name);
    });
  }

  listValidation(
    sheet: string,
    column: number,
    firstRow: number,
    lastRow: number,
    values: readonly string[],
  ): Promise<boolean> {
    return attempt(() => {
      const ws = this.sheet(sheet);
      const formulae = [`"${values.join(',')}"`];
      for (let r = firstRow; r <= lastRow; r++)
        ws.getRow(r).getCell(column).dataValidation = { type: 'list', allowBlank: true, formulae };
      return true;
    });
  }

  /** A note: ExcelJS writes notes, not threaded comments. */
  addComment(sheet: string, row: number, column: number, text: string): Promise<boolean> {
    return attempt(() => {
      this.sheet(sheet).getRow(row).getCell(column).note = text;
      return true;
    });
  }

  /** ExcelJS cannot write charts; the summary's data are on the sheet for the user to chart. */
  addChart(): Promise<boolean> {
    return Promise.resolve(false);
  }

  async commit(): Promise<void> {
    try {
      await mkdir(dirname(this.outputPath), { recursive: true });
      await this.workbook.xlsx.writeFile(this.outputPath);
    } catch (e) {
      throw WorkbookIoError.writing(this.outputPath, e);
    }
  }
}
