/*
 * QD.* functions, family "windows" (RULES.md §5): the data window of each kind of grading. Each
 * function's TSDoc is its metadata.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- Excel hands a function numbers, text, logicals, blanks, errors or data types per cell; the metadata types "any" and any[][] need TypeScript's `any`. Each value goes through readCell (grid.ts) to a typed core reader. */
import { toExcelSerial } from '../core/civilDate';
import { dataWindow } from '../core/dataWindow';
import type { Problem } from '../core/problem';
import { readDate } from '../core/readDate';
import type { CellInput } from '../core/readNumber';
import { guardGrid } from './excelError';
import { rowwise, toGrid, type Out } from './grid';
import { windowKindOption } from './options';

/** The window of one row as [first day, last day] serials, or its problem. */
export function windowRow(kind: CellInput, judgingDate: CellInput): Out[] | Problem {
  const k = windowKindOption(kind);
  if (typeof k !== 'string') return k;
  const date = readDate(judgingDate, 'judgingDate');
  if ('code' in date) return date;
  const w = dataWindow(k, date);
  return 'code' in w ? w : [toExcelSerial(w.start), toExcelSerial(w.end)];
}

/**
 * First and last day of the data window for a judging date, as a 1 × 2 row of dates. Kind and date
 * may both be columns (one window per row).
 * @customfunction WINDOW
 * @helpurl https://localhost:3000/help.html#WINDOW
 * @param kind Window: annual (年度评价), recheck (年度内重新评判), quarter (年度内运用), threemonths (季度内评判) or month (按月调整)
 * @param judgingDate Judging date
 * @returns First and last day
 */
export function windowFn(kind: any[][], judgingDate: any[][]): any[][] {
  return guardGrid(() => rowwise([toGrid(kind), toGrid(judgingDate)], 2, ([k, d]) => windowRow(k ?? null, d ?? null)));
}
