/**
 * The data window a graded sheet's rows carry (RULES.md §12): the `数据窗口` (`Data window`) column a
 * prepared sheet has, read so that a snapshot is dated by its data, never by today.
 *
 * @packageDocumentation
 */
import { windowOfRows, type RowsWindow } from '../core/snapshotPeriod';
import { foldHeader } from './columns';
import { NOTICE_PREFIX } from './noticeSheets';
import { ADDIN_SHEETS } from './readGraded';
import { HEADER_SEARCH_ROWS } from './sheetLayout';
import type { CellValue, WorkbookPort } from './WorkbookPort';

const WINDOW_HEADERS = new Set([foldHeader('数据窗口'), foldHeader('Data window')]);

function cellText(v: CellValue | undefined): string {
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
}

/**
 * What the rows of `sheet` (the sheet qd-grade grades when none is named) say in their 数据窗口 column:
 * none (no such column, or every cell blank), one window they agree on, or several.
 */
export async function readRowsWindow(port: WorkbookPort, sheet?: string): Promise<RowsWindow> {
  const names = await port.sheetNames();
  const name = sheet ?? names.find((n) => !ADDIN_SHEETS.has(n) && !n.startsWith(NOTICE_PREFIX)) ?? names[0];
  if (name === undefined || !names.includes(name)) return { kind: 'none' };
  const extent = await port.extent(name);
  if (extent.rowCount === 0 || extent.columnCount === 0) return { kind: 'none' };
  const top = await port.readBlock(name, 1, 1, Math.min(HEADER_SEARCH_ROWS, extent.rowCount), extent.columnCount);
  for (let r = 0; r < top.length; r++) {
    const column = (top[r] ?? []).findIndex((h) => WINDOW_HEADERS.has(foldHeader(h)));
    if (column < 0) continue;
    const first = r + 2;
    if (first > extent.rowCount) return { kind: 'none' };
    const cells = await port.readBlock(name, first, column + 1, extent.rowCount - first + 1, 1);
    return windowOfRows(cells.map((row) => cellText(row[0])));
  }
  return { kind: 'none' };
}
