/**
 * The manager's review of a graded sheet: a review-status column with a drop-down (待复核 / 通过 /
 * 退回) beside the add-in's block, a comment on each returned row, a sign-off stamp on the rules
 * sheet, and a check that no input row changed since grading (a fingerprint per graded row, kept on
 * the sheet `分级指纹`). Statuses a manager has set are never overwritten.
 *
 * @packageDocumentation
 */
import { rowFingerprint, type Lang } from '../core';
import { REVIEW_HEADER, outputColumns, foldHeader } from './columns';
import type { GradeSheetOptions } from './gradeSheet.types';
import { PendingRowsError, ReviewRowError, SheetNotFoundError } from './gradingErrors';
import { readGraded, type GradedRows } from './readGraded';
import { RULES_SHEET, gradedAtOf, isSignOffRow } from './rulesSheet';
import { HEADER_SEARCH_ROWS } from './sheetLayout';
import type { CellValue, CellWrite, WorkbookPort } from './WorkbookPort';

/** The review statuses, as written in the cells. */
export const REVIEW_STATUSES = ['待复核', '通过', '退回'] as const;
/** A review status. */
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** The sheet of row fingerprints written at grading. */
export const FINGERPRINT_SHEET = '分级指纹';

/** The review state of a sheet. */
export interface ReviewState {
  readonly sheet: string;
  readonly column: number;
  readonly counts: Readonly<Record<ReviewStatus, number>>;
  /** Sheet rows marked 退回. */
  readonly returned: readonly number[];
  /**
   * Rows whose inputs changed since grading (any input column), or that were graded then and are a
   * problem row (or left out) now.
   */
  readonly changedRows: readonly number[];
  /** Whether the sheet has fingerprints from a grading run at all. */
  readonly fingerprinted: boolean;
  /**
   * Sign-offs on `分级规则`: `current` of the grading on the sheet now, `earlier` of earlier gradings
   * (RULES.md §12: grading again asks for a new sign-off).
   */
  readonly signOffs?: { readonly current: number; readonly earlier: number };
}

function statusOf(v: CellValue): ReviewStatus | null {
  const s = typeof v === 'string' ? v.trim() : '';
  return (REVIEW_STATUSES as readonly string[]).includes(s) ? (s as ReviewStatus) : null;
}

/** The review column: an existing `复核状态` header, else the first empty column after the add-in's block. */
async function reviewColumn(port: WorkbookPort, graded: GradedRows, withGroup: boolean): Promise<number> {
  const { sheet, layout } = graded;
  const extent = await port.extent(sheet);
  const width = Math.max(extent.columnCount, layout.outputStart + outputColumns(withGroup).length) + 1;
  const [header = []] = await port.readBlock(sheet, layout.headerRow, 1, 1, width);
  const existing = header.findIndex((h) => foldHeader(h) === foldHeader(REVIEW_HEADER));
  if (existing >= 0) return existing + 1;
  let column = layout.outputStart + outputColumns(withGroup).length;
  // A column the add-in does not own is never overwritten: step past anything with a header.
  while (header[column - 1] !== null && header[column - 1] !== undefined && header[column - 1] !== '') column++;
  return column;
}

/** Counts the sign-offs on the rules sheet of the grading recorded there, and of earlier ones. */
async function countSignOffs(port: WorkbookPort): Promise<{ current: number; earlier: number }> {
  if (!(await port.sheetNames()).includes(RULES_SHEET)) return { current: 0, earlier: 0 };
  const extent = await port.extent(RULES_SHEET);
  if (extent.rowCount === 0) return { current: 0, earlier: 0 };
  const rows = await port.readBlock(RULES_SHEET, 1, 1, extent.rowCount, Math.max(6, extent.columnCount));
  const gradedAt = gradedAtOf(rows);
  let current = 0;
  let earlier = 0;
  for (const r of rows) {
    if (!isSignOffRow(r)) continue;
    if (gradedAt !== '' && r[5] === gradedAt) current++;
    else earlier++;
  }
  return { current, earlier };
}

/** Fingerprints of every row as graded, to write on `分级指纹`. */
export function fingerprintRows(graded: GradedRows): CellWrite[][] {
  return [
    ['行 Row', '指纹 Fingerprint'],
    ...graded.results.flatMap((r, i) =>
      r.status === 'graded' ? [[graded.firstData + i, rowFingerprint(graded.inputs[i] ?? [])]] : [],
    ),
  ];
}

async function changedSince(port: WorkbookPort, graded: GradedRows): Promise<{ rows: number[]; any: boolean }> {
  const names = await port.sheetNames();
  if (!names.includes(FINGERPRINT_SHEET)) return { rows: [], any: false };
  const extent = await port.extent(FINGERPRINT_SHEET);
  const stored = new Map<number, string>();
  if (extent.rowCount > 1)
    for (const [row, fp] of await port.readBlock(FINGERPRINT_SHEET, 2, 1, extent.rowCount - 1, 2))
      if (typeof row === 'number') stored.set(row, String(fp));
  const rows: number[] = [];
  graded.results.forEach((r, i) => {
    const at = graded.firstData + i;
    const before = stored.get(at);
    // A row graded then that has no class now (a problem, or left out) changed as much as any.
    if (r.status !== 'graded') {
      if (before !== undefined) rows.push(at);
      return;
    }
    if (before !== rowFingerprint(graded.inputs[i] ?? [])) rows.push(at);
  });
  return { rows, any: true };
}

/**
 * Prepares the review: adds the status column (待复核 for graded rows without a status, a drop-down
 * on every row), and reports the statuses and the rows changed since grading.
 */
export async function prepareReview(port: WorkbookPort, options: GradeSheetOptions = {}): Promise<ReviewState> {
  const graded = await readGraded(port, options);
  const column = await reviewColumn(port, graded, options.group ?? false);
  const { sheet, layout, firstData, lastRow } = graded;
  const current =
    lastRow >= firstData ? await port.readBlock(sheet, firstData, column, lastRow - firstData + 1, 1) : [];
  const counts: Record<ReviewStatus, number> = { 待复核: 0, 通过: 0, 退回: 0 };
  const returned: number[] = [];
  const column1: CellWrite[][] = [[REVIEW_HEADER]];
  graded.results.forEach((r, i) => {
    const had = current[i]?.[0] ?? null;
    const status = statusOf(had) ?? (r.status === 'graded' ? '待复核' : null);
    if (status) counts[status]++;
    if (status === '退回') returned.push(firstData + i);
    column1.push([status ?? had]);
  });
  await port.writeBlock(sheet, layout.headerRow, column, column1);
  if (lastRow >= firstData) await port.listValidation(sheet, column, firstData, lastRow, REVIEW_STATUSES);
  const changed = await changedSince(port, graded);
  await port.commit();
  const signOffs = await countSignOffs(port);
  return { sheet, column, counts, returned, changedRows: changed.rows, fingerprinted: changed.any, signOffs };
}

function blankCell(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * Refuses a row the review cannot mark (issue 15 point 4): one outside the graded table, or one with
 * no class (a problem row or a row left out). Reads only the header rows and the row's class cell.
 */
async function checkMarkable(port: WorkbookPort, at: { sheet: string; column: number; row: number }): Promise<void> {
  if (!(await port.sheetNames()).includes(at.sheet)) throw new SheetNotFoundError(at.sheet);
  const extent = await port.extent(at.sheet);
  const top = await port.readBlock(
    at.sheet,
    1,
    1,
    Math.min(HEADER_SEARCH_ROWS, Math.max(1, extent.rowCount)),
    Math.max(extent.columnCount, at.column),
  );
  const headerIndex = top.findIndex((r) => foldHeader(r[at.column - 1]) === foldHeader(REVIEW_HEADER));
  const headerRow = headerIndex + 1;
  if (headerIndex < 0 || at.row <= headerRow || at.row > extent.rowCount || !Number.isInteger(at.row))
    throw new ReviewRowError(at.sheet, at.row, 'outside');
  const header = top[headerIndex] ?? [];
  const classColumn = header.findIndex((h) => ['渠道分类', 'class'].includes(foldHeader(h))) + 1;
  if (classColumn === 0) throw new ReviewRowError(at.sheet, at.row, 'outside');
  const [[cls] = []] = await port.readBlock(at.sheet, at.row, classColumn, 1, 1);
  if (blankCell(cls)) throw new ReviewRowError(at.sheet, at.row, 'noClass');
}

/**
 * Sets one row's status; a returned row gets the manager's comment on its status cell. Throws
 * `ReviewRowError` for a row outside the graded table or a row without a class, writing nothing.
 */
export async function markRow(
  port: WorkbookPort,
  at: { readonly sheet: string; readonly column: number; readonly row: number },
  status: ReviewStatus,
  comment?: string,
): Promise<boolean> {
  await checkMarkable(port, at);
  await port.writeBlock(at.sheet, at.row, at.column, [[status]]);
  const commented = status === '退回' && comment !== undefined && comment.trim() !== '';
  const added = commented ? await port.addComment(at.sheet, at.row, at.column, comment.trim()) : false;
  await port.commit();
  return added;
}

/** A sign-off to record (RULES.md §12). */
export interface SignOff {
  readonly by: string;
  readonly at: Date;
  readonly fingerprint: string;
  readonly state: ReviewState;
  /** Required to sign off while rows are still 待复核; recorded on the stamp. */
  readonly confirmPending?: boolean | undefined;
}

/**
 * The sign-off stamp, appended to `分级规则`: who reviewed, when, against which rules, the counts,
 * and the grading it approved (its 分级时间), so that grading again marks it as applying to the
 * earlier grading instead of removing it (RULES.md §12). With rows still 待复核 it is refused with
 * `PendingRowsError` unless `confirmPending` is set, and then the stamp says so.
 */
export async function stampReview(port: WorkbookPort, stamp: SignOff, lang: Lang = 'zh'): Promise<void> {
  const c = stamp.state.counts;
  if (c.待复核 > 0 && stamp.confirmPending !== true) throw new PendingRowsError(c.待复核);
  const extent = await port.extent(RULES_SHEET);
  const existing =
    extent.rowCount > 0
      ? await port.readBlock(RULES_SHEET, 1, 1, extent.rowCount, Math.max(2, extent.columnCount))
      : [];
  const zh = lang === 'zh';
  const pending =
    c.待复核 > 0
      ? zh
        ? `确认含 ${c.待复核} 行待复核签字 (signed with ${c.待复核} rows pending, confirmed)`
        : `signed with ${c.待复核} rows pending, confirmed (确认含 ${c.待复核} 行待复核签字)`
      : null;
  await port.writeBlock(RULES_SHEET, extent.rowCount + 2, 1, [
    [
      zh ? '复核签字 Review sign-off' : 'Review sign-off 复核签字',
      stamp.by,
      stamp.at.toISOString().replace('T', ' ').slice(0, 19),
      stamp.fingerprint,
      `通过 ${c.通过} · 退回 ${c.退回} · 待复核 ${c.待复核}`,
      gradedAtOf(existing),
      pending,
    ],
  ]);
  await port.commit();
}
