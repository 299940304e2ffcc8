// Blocks of cells held in memory for the add-in's own sheets: their extent, reads and writes, column letters.
import type { CellValue, CellWrite } from '../../grading';
import type { SheetExtent } from '../../grading';

export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function present(v: CellWrite | undefined): boolean {
  return v !== null && v !== undefined && v !== '';
}

export function extentOf(rows: readonly (readonly CellWrite[])[]): SheetExtent {
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

export function blockOf(
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

export function writeInto(
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
