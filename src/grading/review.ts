/**
 * The manager's review of a graded sheet: a review-status column with a drop-down (待复核 / 通过 /
 * 退回) beside the add-in's block, a comment on each returned row, a sign-off stamp on the rules
 * sheet, and a check that no input row changed since grading (a fingerprint per graded row, kept on
 * the sheet `分级指纹`). Statuses a manager has set are never overwritten.
 *
 * @packageDocumentation
 */
import { QdError, rowFingerprint, type Lang } from '../core';
import { ROLE_LABELS, type Snapshot } from '../core/snapshot';
import { assertStepAllowed } from '../core/gradingState';
import { REVIEW_HEADER, outputColumns, foldHeader } from './columns';
import type { GradeSheetOptions } from './gradeSheet.types';
import { PendingRowsError, ReviewRowError, SheetNotFoundError } from './gradingErrors';
import { kindOfMode, localTimestamp, windowOf } from './gradingMeta';
import { readWorkbookHistory, recordGrading, recordTrailEntry } from './historySheet';
import { readGraded, snapshotChannelsOf, type GradedRows } from './readGraded';
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

/** The column of a sign-off row on `分级规则` that names the snapshot it approved (blank on older rows). */
const SIGNED_SNAPSHOT_COLUMN = 9;

/**
 * Counts the sign-offs of the grading on the sheet now and of earlier ones (RULES.md §12): the
 * approvals on the trail of the latest snapshot are current, those of earlier snapshots earlier;
 * sign-offs on `分级规则` from before the trail (no 分级编号) count by the grading time they name.
 */
async function countSignOffs(port: WorkbookPort): Promise<{ current: number; earlier: number }> {
  const rows = await readRulesRows(port);
  const gradedAt = gradedAtOf(rows);
  const history = await readWorkbookHistory(port);
  const latest = history.snapshots.at(-1);
  const onSheet = latest !== undefined && sameGrading(latest, gradedAt) ? latest.id : null;
  let current = 0;
  let earlier = 0;
  for (const e of history.trail) {
    // The review's own step; before it had one, a sign-off was recorded as an approval noted 复核签字.
    const signOff = e.action === 'reviewed' || (e.action === 'approved' && (e.note ?? '').startsWith('复核签字'));
    if (!signOff) continue;
    if (e.snapshotId === onSheet) current++;
    else earlier++;
  }
  for (const r of rows) {
    if (!isSignOffRow(r) || cellString(r[SIGNED_SNAPSHOT_COLUMN - 1]) !== '') continue;
    if (gradedAt !== '' && r[5] === gradedAt) current++;
    else earlier++;
  }
  return { current, earlier };
}

async function readRulesRows(port: WorkbookPort): Promise<CellValue[][]> {
  if (!(await port.sheetNames()).includes(RULES_SHEET)) return [];
  const extent = await port.extent(RULES_SHEET);
  if (extent.rowCount === 0) return [];
  return port.readBlock(RULES_SHEET, 1, 1, extent.rowCount, Math.max(SIGNED_SNAPSHOT_COLUMN, extent.columnCount));
}

/**
 * Whether a snapshot is the grading `分级规则` records (its 分级时间, to the second): a sheet graded
 * again without recording its grading has a newer time, and a sign-off then belongs to that newer
 * grading, not to the snapshot. With no time on record, or one that does not read as a time, the
 * latest snapshot is taken as the grading on the sheet.
 */
function sameGrading(snapshot: Snapshot, gradedAt: string): boolean {
  const a = Date.parse(snapshot.gradedAt);
  const b = Date.parse(gradedAt);
  if (gradedAt === '' || Number.isNaN(a) || Number.isNaN(b)) return true;
  return Math.floor(a / 1000) === Math.floor(b / 1000);
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
 * The rules on `分级规则` are not the rules the grading being signed off used (they were changed and
 * saved after it). Nothing was recorded: grade again with the rules as they are, then sign off.
 */
export class RulesChangedSinceGradingError extends QdError {
  constructor(
    readonly snapshotId: string,
    readonly graded: string,
    readonly now: string,
  ) {
    super({
      zh: `分级 ${snapshotId} 使用的规则（指纹 ${graded}）在分级后已修改为 ${now}，未签字：请用现行规则重新分级后再复核签字`,
      en: `the rules were changed (fingerprint ${now}) after grading ${snapshotId} (graded with ${graded}); nothing was signed: grade again with the rules as they are, then sign off`,
    });
  }
}

function cellString(v: CellValue | undefined): string {
  return v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v).trim();
}

/**
 * The snapshot of a sheet graded before the workbook kept a history (RULES.md §12): the sheet's rows
 * as they read now, graded with the workbook's saved rules in the mode `分级规则` records, dated by
 * the grading time `分级规则` records. Recorded so that the sign-off belongs to a grading.
 */
async function snapshotFromSheet(
  port: WorkbookPort,
  state: ReviewState,
  rulesRows: readonly (readonly CellValue[])[],
): Promise<Omit<Snapshot, 'id'>> {
  const head = (label: RegExp): string => cellString(rulesRows.find((r) => label.test(cellString(r[0])))?.[1]);
  const modeText = head(/模式|^Mode/);
  const mode = (['annual', 'in-year', 'prospective'] as const).find((m) => modeText.startsWith(m)) ?? 'annual';
  const read = await readGraded(port, {
    sheet: state.sheet,
    mode,
    group: modeText.endsWith('+ group'),
    snapshot: true,
  });
  const channels = snapshotChannelsOf(read);
  const gradedText = gradedAtOf(rulesRows);
  const graded = gradedText === '' ? null : new Date(gradedText);
  const when = graded !== null && !Number.isNaN(graded.getTime()) ? graded : new Date();
  const kind = kindOfMode(mode);
  const gradedAt = localTimestamp(when);
  const judgingDate = gradedAt.slice(0, 10);
  return {
    judgingDate,
    kind,
    window: windowOf(kind, judgingDate),
    rulesFingerprint: read.rules.fingerprint,
    gradedBy: head(/分级人|^Graded by/) || ROLE_LABELS.grader.zh,
    gradedAt,
    channels,
  };
}

/**
 * Signs off the review (RULES.md §12, 第十条): the review's own step, 复核完成 (`reviewed`), on the trail
 * (`审批记录`) of the latest grading in the workbook's history, with its rules fingerprint, the review
 * counts and the number of rows still pending. It is never the approval: the 个人客户运营部 approves the
 * grading as a separate step, and approving a grading whose review left rows pending needs a reason
 * (`stepRefusal`). The same stamp is mirrored on `分级规则` (who, when, rules, counts, the grading time
 * and its 分级编号) where the review reads it. A sheet graded before the workbook kept a history has its
 * grading recorded first, from the sheet as it reads now (see `snapshotFromSheet`).
 *
 * Refused with nothing written: rows still 待复核 without `confirmPending` (`PendingRowsError`), rules
 * changed since the grading (`RulesChangedSinceGradingError`), and a grading already decided
 * (`StepRefusedError`: the review comes before the decision).
 */
export async function stampReview(port: WorkbookPort, stamp: SignOff, lang: Lang = 'zh'): Promise<void> {
  const c = stamp.state.counts;
  if (c.待复核 > 0 && stamp.confirmPending !== true) throw new PendingRowsError(c.待复核);
  const extent = await port.extent(RULES_SHEET);
  const existing =
    extent.rowCount > 0
      ? await port.readBlock(RULES_SHEET, 1, 1, extent.rowCount, Math.max(SIGNED_SNAPSHOT_COLUMN, extent.columnCount))
      : [];
  const history = await readWorkbookHistory(port);
  const latest = history.snapshots.at(-1);
  let snapshot = latest !== undefined && sameGrading(latest, gradedAtOf(existing)) ? latest : undefined;
  if (snapshot !== undefined && snapshot.rulesFingerprint !== stamp.fingerprint)
    throw new RulesChangedSinceGradingError(snapshot.id, snapshot.rulesFingerprint, stamp.fingerprint);
  if (snapshot !== undefined)
    assertStepAllowed(history.trail, snapshot, { action: 'reviewed', who: stamp.by, role: 'approver' });
  // The grading on the sheet was never recorded (graded before the history, or without it): it is
  // recorded now, from the sheet, so that the sign-off belongs to a snapshot.
  snapshot ??= (await recordGrading(port, await snapshotFromSheet(port, stamp.state, existing), lang)).snapshot;
  const zh = lang === 'zh';
  const pending =
    c.待复核 > 0
      ? zh
        ? `确认含 ${c.待复核} 行待复核签字 (signed with ${c.待复核} rows pending, confirmed)`
        : `signed with ${c.待复核} rows pending, confirmed (确认含 ${c.待复核} 行待复核签字)`
      : null;
  const counts = `通过 ${c.通过} · 退回 ${c.退回} · 待复核 ${c.待复核}`;
  await recordTrailEntry(
    port,
    {
      at: localTimestamp(stamp.at),
      who: stamp.by,
      role: 'approver',
      action: 'reviewed',
      snapshotId: snapshot.id,
      rulesFingerprint: snapshot.rulesFingerprint,
      pendingRows: c.待复核,
      note: `复核完成 review signed off: ${counts}`,
    },
    lang,
  );
  await port.writeBlock(RULES_SHEET, extent.rowCount + 2, 1, [
    [
      zh ? '复核签字 Review sign-off' : 'Review sign-off 复核签字',
      stamp.by,
      stamp.at.toISOString().replace('T', ' ').slice(0, 19),
      stamp.fingerprint,
      counts,
      gradedAtOf(existing),
      pending,
      null,
      snapshot.id,
    ],
  ]);
  await port.commit();
}
