/*
 * An in-memory WorkbookPort: the reference host the contract suite is written against, and the
 * workbook behind tests of the workflow.
 */
import { attempt } from '../../src/grading/attempt';
import {
  SheetNotFoundError,
  type BandFill,
  type CellValue,
  type CellWrite,
  type ChartSpec,
  type NumberFormat,
  type PrintLayout,
  type SheetExtent,
  type WorkbookPort,
} from '../../src/grading';
import { OWNED_SHEET_NAME, SheetNotOwnedError, isPreviousRoundSheet } from '../../src/grading/WorkbookPort';

export interface MemorySheet {
  cells: CellWrite[][];
  formats: Map<string, NumberFormat>;
  bands: { column: number; firstRow: number; lastRow: number; fills: readonly BandFill[] }[];
}

export class MemoryWorkbook implements WorkbookPort {
  readonly sheets = new Map<string, MemorySheet>();
  readonly names = new Map<string, string>();
  /** Sheets marked as the add-in's: the sheet-scoped hidden name `QD_OWNED` on each. */
  readonly owned = new Set<string>();
  commits = 0;
  readonly charts: (ChartSpec & { sheet: string })[] = [];
  /** The print layout set on each sheet, by sheet name. */
  readonly printLayouts = new Map<string, PrintLayout>();
  readonly validations: {
    sheet: string;
    column: number;
    firstRow: number;
    lastRow: number;
    values: readonly string[];
  }[] = [];
  readonly comments: { sheet: string; row: number; column: number; text: string }[] = [];

  constructor(sheets: Record<string, CellWrite[][]> = {}) {
    for (const [name, cells] of Object.entries(sheets))
      this.sheets.set(name, { cells: cells.map((r) => [...r]), formats: new Map(), bands: [] });
  }

  private sheet(name: string): MemorySheet {
    const s = this.sheets.get(name);
    if (!s) throw new SheetNotFoundError(name);
    return s;
  }

  sheetNames(): Promise<readonly string[]> {
    return attempt(() => {
      return [...this.sheets.keys()];
    });
  }

  extent(sheet: string): Promise<SheetExtent> {
    return attempt(() => {
      const cells = this.sheet(sheet).cells;
      let rows = 0;
      let cols = 0;
      cells.forEach((r, i) =>
        r.forEach((v, j) => {
          if (v !== null && v !== undefined && v !== '') {
            rows = Math.max(rows, i + 1);
            cols = Math.max(cols, j + 1);
          }
        }),
      );
      return { rowCount: rows, columnCount: cols };
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
      const cells = this.sheet(sheet).cells;
      return Array.from({ length: rowCount }, (_, i) =>
        Array.from({ length: columnCount }, (_, j) => {
          const v = cells[firstRow - 1 + i]?.[firstColumn - 1 + j] ?? null;
          return v !== null && typeof v === 'object' && !(v instanceof Date) ? v.result : v;
        }),
      );
    });
  }

  writeBlock(
    sheet: string,
    firstRow: number,
    firstColumn: number,
    rows: readonly (readonly CellWrite[])[],
  ): Promise<void> {
    const cells = this.sheet(sheet).cells;
    rows.forEach((values, i) => {
      const r = firstRow - 1 + i;
      while (cells.length <= r) cells.push([]);
      const row = cells[r] as CellWrite[];
      values.forEach((v, j) => {
        while (row.length < firstColumn - 1 + j) row.push(null);
        row[firstColumn - 1 + j] = v;
      });
    });
    return Promise.resolve();
  }

  formatColumn(sheet: string, column: number, firstRow: number, lastRow: number, format: NumberFormat): Promise<void> {
    return attempt(() => {
      const s = this.sheet(sheet);
      for (let r = firstRow; r <= lastRow; r++) s.formats.set(`${r},${column}`, format);
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
      const s = this.sheet(sheet);
      s.bands = s.bands.filter((b) => b.column !== column);
      s.bands.push({ column, firstRow, lastRow, fills });
    });
  }

  replaceSheet(sheet: string, rows: readonly (readonly CellWrite[])[]): Promise<void> {
    return attempt(() => {
      const existing = this.sheets.get(sheet);
      if (existing && !this.owned.has(sheet)) {
        const a1 = existing.cells[0]?.[0] ?? null;
        const onSheet = [...this.names].filter(([, ref]) => ref.startsWith(`${sheet}!`)).map(([n]) => n);
        const value = a1 !== null && typeof a1 === 'object' && !(a1 instanceof Date) ? a1.result : a1;
        if (!isPreviousRoundSheet(sheet, value, onSheet)) throw new SheetNotOwnedError(sheet);
      }
      this.sheets.set(sheet, { cells: rows.map((r) => [...r]), formats: new Map(), bands: [] });
      this.owned.add(sheet);
    });
  }

  /** The sheet-scoped names of a sheet, as a host that keeps them in the file would list them. */
  sheetScopedNames(sheet: string): string[] {
    return this.owned.has(sheet) ? [OWNED_SHEET_NAME] : [];
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
      this.names.set(name, `${sheet}!R${firstRow}C${firstColumn}:R${lastRow}C${lastColumn}`);
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
      this.sheet(sheet);
      this.validations.push({ sheet, column, firstRow, lastRow, values });
      return true;
    });
  }

  addComment(sheet: string, row: number, column: number, text: string): Promise<boolean> {
    return attempt(() => {
      this.sheet(sheet);
      this.comments.push({ sheet, row, column, text });
      return true;
    });
  }

  setPrintLayout(sheet: string, layout: PrintLayout): Promise<boolean> {
    return attempt(() => {
      this.sheet(sheet);
      this.printLayouts.set(sheet, layout);
      return true;
    });
  }

  addChart(sheet: string, chart: ChartSpec): Promise<boolean> {
    return attempt(() => {
      this.sheet(sheet);
      this.charts.push({ sheet, ...chart });
      return true;
    });
  }

  commit(): Promise<void> {
    this.commits++;
    return Promise.resolve();
  }
}
