/**
 * Small translations between the workflow's terms and the ET object model's: A1 addresses (ET's
 * `Worksheet.Range` takes an address; rows and columns are 1-based as in the port), COM colours
 * (a BGR long), and cell values as `Value2` hands and takes them.
 *
 * @packageDocumentation
 */
import { looksLikeFormula, type CellValue, type CellWrite } from '../../grading';
import { excelWouldRetype } from '../excel/excelCells';

/** Column letters of a 1-based column: 1 → A, 28 → AB. */
export function columnName(column: number): string {
  let n = column;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** An absolute A1 address of a block, e.g. `$A$1:$C$4` (one cell: `$B$2`). */
export function blockAddress(firstRow: number, firstColumn: number, lastRow: number, lastColumn: number): string {
  const a = `$${columnName(firstColumn)}$${firstRow}`;
  if (lastRow === firstRow && lastColumn === firstColumn) return a;
  return `${a}:$${columnName(lastColumn)}$${lastRow}`;
}

/** A sheet name as a formula refers to it: always quoted, quotes doubled (`'分级汇总'!`). */
export function sheetRef(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** A COM colour (BGR long: red + green·256 + blue·65536) from RGB hex without `#`. */
export function comColour(rgbHex: string): number {
  const v = parseInt(rgbHex, 16);
  const r = (v >> 16) & 0xff;
  const g = (v >> 8) & 0xff;
  const b = v & 0xff;
  return r + g * 256 + b * 65536;
}

/**
 * A value as `Value2`/`Formula` take it: blanks as '', a formula with `=`, and text WPS would take
 * for a formula or retype as a number, date or logical (as it does what a user types) behind an
 * apostrophe, which keeps it text. Dates go as ISO text.
 */
export function toEtCell(v: CellWrite): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') return `=${v.formula}`;
  if (typeof v === 'string' && (looksLikeFormula(v) || excelWouldRetype(v))) return `'${v}`;
  return v;
}

/**
 * COM's error values (VT_ERROR, the HRESULT 0x800A07xx of xlErrDiv0 …) as a script may see them in
 * `Value2`: a number no figure in a workbook is. Read as the error's text, as Excel's host reads
 * `values`, so a `#N/A` cell is a problem the row's check names, never a figure.
 */
const COM_ERRORS: ReadonlyMap<number, string> = new Map([
  [-2146826288, '#NULL!'],
  [-2146826281, '#DIV/0!'],
  [-2146826273, '#VALUE!'],
  [-2146826265, '#REF!'],
  [-2146826259, '#NAME?'],
  [-2146826252, '#NUM!'],
  [-2146826246, '#N/A'],
]);

/** A cell as `Value2` hands it, read: COM's Empty (undefined), null and '' are blank; an error value is its text. */
export function fromEtCell(v: unknown): CellValue {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v === 'number') return COM_ERRORS.get(v) ?? v;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  // Value2 hands only numbers, text and logicals; anything else is shown as JSON, never dropped.
  return JSON.stringify(v);
}

/**
 * `Value2` of a block, as rows: a single cell's `Value2` is the value itself, a larger block's a
 * 2-D array (rows of columns). Padded to the asked size, so a short answer never shifts a column.
 */
export function value2Rows(value: unknown, rowCount: number, columnCount: number): CellValue[][] {
  const grid: readonly unknown[] = Array.isArray(value) ? value : [[value]];
  const out: CellValue[][] = [];
  for (let i = 0; i < rowCount; i++) {
    const row: unknown = grid[i];
    const cells: readonly unknown[] = Array.isArray(row) ? row : [row];
    const r: CellValue[] = new Array<CellValue>(columnCount);
    for (let j = 0; j < columnCount; j++) r[j] = fromEtCell(cells[j]);
    out.push(r);
  }
  return out;
}
