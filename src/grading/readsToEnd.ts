/**
 * An optional capability of a workbook host: reading a sheet's rows in one forward pass without
 * knowing its extent first, and learning the extent on the way. A file host (the .xlsx package)
 * must inflate and parse the whole sheet to know its extent; with this the workflow's reading pass
 * is that scan, and the file is read once instead of twice (issue 12: qd-grade at the speed of the zip).
 *
 * @packageDocumentation
 */
import type { CellValue, SheetExtent, WorkbookPort } from './WorkbookPort';

/** A block of rows read in the forward pass. */
export interface RowsRead {
  /** `rowCount` rows of `columnCount` values, as `readBlock` returns them (blanks null, rows past the end too). */
  readonly rows: CellValue[][];
  /** Whether the sheet has no row after this block: its extent is then known (`extent` answers at once). */
  readonly ended: boolean;
}

/** The capability. */
export interface ReadsToEnd {
  /**
   * The data extent of the sheet's first `rowCount` rows only (the cells that hold data there), read
   * without going further into the sheet: enough to find the header and the width of the table.
   */
  leadingExtent(sheet: string, rowCount: number): Promise<SheetExtent>;
  /** Like `readBlock` from column 1, for a forward pass, saying when the sheet's rows end. */
  readRowsToEnd(sheet: string, firstRow: number, rowCount: number, columnCount: number): Promise<RowsRead>;
}

/** Whether a port reads rows to their end in one pass. */
export function readsToEnd(port: WorkbookPort): port is WorkbookPort & ReadsToEnd {
  const p = port as Partial<ReadsToEnd>;
  return typeof p.leadingExtent === 'function' && typeof p.readRowsToEnd === 'function';
}
