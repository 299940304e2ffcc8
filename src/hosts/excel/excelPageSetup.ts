/** Units and sizes of the print layout: A4, default margins and column widths, points, column letters. */

/** Rows in a worksheet: a whole-column range. */
export const SHEET_ROWS = 1_048_576;

/** Paper sizes in inches (A4), and Excel's default side margins. */
export const A4 = { width: 8.27, height: 11.69 } as const;
export const DEFAULT_SIDE_MARGIN = 0.7;
/** Excel's default column width in characters, for columns whose width the port did not set. */
export const DEFAULT_COLUMN_CHARS = 8.43;
/** Points per character of column width, as replaceSheet sets widths. */
export const POINTS_PER_CHAR = 7;

/** A column letter from a 1-based column number. */
export function columnLetter(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Points per inch: `PrintLayout` margins are in inches, Office.js page-layout margins in points. */
export const POINTS_PER_INCH = 72;

/** Inches as points, to a hundredth of a point (0.6 in is 43.2 pt, not 43.199999999999996). */
export function points(inches: number): number {
  return Math.round(inches * POINTS_PER_INCH * 100) / 100;
}
