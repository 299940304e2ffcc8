/**
 * The WorkbookPort over a .csv file: one sheet, UTF-8 with a BOM on output so Excel opens Chinese
 * text correctly. Reading accepts UTF-8 (with or without a BOM) and, for files saved by Chinese
 * Excel as plain "CSV", GB18030. Cells are kept as text, so numbers are parsed exactly by the core.
 * A CSV holds no formats, colours, other sheets or names: those writes are no-ops. Text that starts
 * with `=`, `+`, `-` or `@` and is not a number is written with a leading apostrophe, so no
 * spreadsheet reads it as a formula.
 *
 * @packageDocumentation
 */
import { attempt } from '../../grading/attempt';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import { parseNumberText } from '../../core';
import {
  SheetNotFoundError,
  looksLikeFormula,
  WorkbookIoError,
  type CellValue,
  type CellWrite,
  type SheetExtent,
  type WorkbookPort,
} from '../../grading';

/** Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const delimiter = detectDelimiter(text);
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  return counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

/** One CSV field: quoted when needed; formula-like text made inert with a leading apostrophe. */
export function csvField(v: CellWrite): string {
  let s: string;
  if (v === null || v === undefined) s = '';
  else if (typeof v === 'object' && !(v instanceof Date)) s = String(v.result);
  else if (v instanceof Date) s = v.toISOString().slice(0, 10);
  else if (typeof v === 'number') s = String(v);
  else s = String(v);
  if (typeof v === 'string' && looksLikeFormula(s) && parseNumberText(s) === null) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function decode(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Chinese Excel saves "CSV" in the ANSI code page: GB18030 is its superset.
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** A CSV file as a one-sheet workbook. */
export class CsvWorkbook implements WorkbookPort {
  private constructor(
    private readonly name: string,
    private readonly rows: CellValue[][],
    private readonly outputPath: string,
  ) {}

  /** Opens a CSV file; `commit` writes `outputPath`. The sheet is named after the file. */
  static async open(inputPath: string, outputPath: string): Promise<CsvWorkbook> {
    let bytes: Buffer;
    try {
      bytes = await readFile(inputPath);
    } catch (e) {
      throw WorkbookIoError.reading(inputPath, e);
    }
    return CsvWorkbook.fromText(decode(bytes), basename(inputPath, extname(inputPath)), outputPath);
  }

  /** A CSV workbook from text (tests). */
  static fromText(text: string, name: string, outputPath: string): CsvWorkbook {
    const rows = parseCsv(text).map((r) => r.map((f): CellValue => (f === '' ? null : f)));
    return new CsvWorkbook(name, rows, outputPath);
  }

  private check(sheet: string): void {
    if (sheet !== this.name) throw new SheetNotFoundError(sheet);
  }

  sheetNames(): Promise<readonly string[]> {
    return attempt(() => {
      return [this.name];
    });
  }

  extent(sheet: string): Promise<SheetExtent> {
    return attempt(() => {
      this.check(sheet);
      return { rowCount: this.rows.length, columnCount: Math.max(0, ...this.rows.map((r) => r.length)) };
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
      this.check(sheet);
      return Array.from({ length: rowCount }, (_, i) =>
        Array.from({ length: columnCount }, (_, j) => this.rows[firstRow - 1 + i]?.[firstColumn - 1 + j] ?? null),
      );
    });
  }

  writeBlock(
    sheet: string,
    firstRow: number,
    firstColumn: number,
    rows: readonly (readonly CellWrite[])[],
  ): Promise<void> {
    this.check(sheet);
    rows.forEach((values, i) => {
      const r = firstRow - 1 + i;
      while (this.rows.length <= r) this.rows.push([]);
      const row = this.rows[r] as CellValue[];
      values.forEach((v, j) => {
        while (row.length < firstColumn - 1 + j) row.push(null);
        row[firstColumn - 1 + j] = v !== null && typeof v === 'object' && !(v instanceof Date) ? v.result : v;
      });
    });
    return Promise.resolve();
  }

  formatColumn(): Promise<void> {
    return attempt(() => {});
  }

  colourBands(): Promise<void> {
    return attempt(() => {});
  }

  replaceSheet(): Promise<void> {
    return attempt(() => {});
  }

  defineName(): Promise<void> {
    return attempt(() => {});
  }

  /** The file's text as it will be written: a BOM, then CRLF-separated rows. */
  text(): string {
    const width = Math.max(0, ...this.rows.map((r) => r.length));
    const lines = this.rows.map((r) => Array.from({ length: width }, (_, j) => csvField(r[j] ?? null)).join(','));
    return `\uFEFF${lines.join('\r\n')}\r\n`;
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
    try {
      await mkdir(dirname(this.outputPath), { recursive: true });
      await writeFile(this.outputPath, this.text(), 'utf8');
    } catch (e) {
      throw WorkbookIoError.writing(this.outputPath, e);
    }
  }
}
