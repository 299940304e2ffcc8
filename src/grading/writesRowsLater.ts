/**
 * An optional capability of a workbook host: writing a block of rows whose values the host asks for
 * when it writes them (a file host: at the commit, in row order) instead of being handed every row
 * first. The workflow keeps its graded rows until the commit anyway; with this a file host keeps no
 * second copy of the output block (a spool file) and turns each value into the file's cell once, as
 * the sheet is written (issue 12: qd-grade at the speed of the zip, memory flat in the rows).
 *
 * @packageDocumentation
 */
import type { CellWrite, WorkbookPort } from './WorkbookPort';

/** The capability. */
export interface WritesRowsLater {
  /**
   * Writes `rowCount` rows from (`firstRow`, `firstColumn`): sheet row `firstRow + i` gets the values
   * `rowAt(i)`, at most `width` of them, none a Date (a file host settles its date format before it
   * writes). `rowAt` is called before or at the commit, in row order, once per row; what it reads must
   * not change until the commit. Writes made after this one to the same cells win, as with `writeBlock`.
   */
  writeRowsLater(
    sheet: string,
    firstRow: number,
    firstColumn: number,
    rowCount: number,
    width: number,
    rowAt: (i: number) => readonly CellWrite[],
  ): Promise<void>;
}

/** Whether a port writes rows it asks for later. */
export function writesRowsLater(port: WorkbookPort): port is WorkbookPort & WritesRowsLater {
  return typeof (port as Partial<WritesRowsLater>).writeRowsLater === 'function';
}
