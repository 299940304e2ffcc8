/**
 * The record of a grading in the workbook it graded (RULES.md §12, 第四条, 第十条): the snapshot appended
 * to `分级历史` with a `graded` step on `审批记录`, the movement since the previous snapshot on
 * `分级变动`, the classes in force (annual and in-year side by side, and which one resource matching
 * used) on `在用分类`, the A4 report on `分级报告`, and approvals recorded on the trail of the snapshot they approve. Everything is
 * written to the add-in's own sheets through `replaceSheet`; a user's sheet of one of these names is
 * refused by the port and nothing of the user's is changed.
 *
 * @packageDocumentation
 */
import { DEFAULT_COMPILED, QdError, labelOfIndex, type Bilingual, type Lang, type PrepareKind } from '../core';
import type { History } from '../core/history';
import type { Movement } from '../core/classMovement';
import {
  ROLE_LABELS,
  TRAIL_ACTIONS,
  classesInForce,
  type ClassesInForce,
  type HeldClass,
  type Role,
  type Snapshot,
  type TrailAction,
  type TrailEntry,
  type TrailStep,
} from '../core/snapshot';
import { STEP_LABELS, assertStepAllowed } from '../core/gradingState';
import type { GradeReport } from './gradeSheet.types';
import { localTimestamp, windowOf } from './gradingMeta';
import { readWorkbookHistory, recordGrading, recordTrailEntry } from './historySheet';
import { writeMovementSheet } from './movementSheet';
import { REPORT_SHEET, writeReportSheet } from './reportSheet';
import { readSavedRules } from './rulesSheet';
import type { CellWrite, WorkbookPort } from './WorkbookPort';

/** What a snapshot says about a grading besides its channels: the kind, the date, who and when. */
export interface GradingMeta {
  readonly kind: PrepareKind;
  /** The judging date, ISO `YYYY-MM-DD`. */
  readonly judgingDate: string;
  /**
   * The data window, ISO dates. Omitted: the window `kind` gives for the judging date (RULES.md §5.1);
   * null: no window (prospective channels).
   */
  readonly window?: { readonly start: string; readonly end: string } | null | undefined;
  /** Who graded (a name or an account). */
  readonly by: string;
  /**
   * When, as an ISO timestamp with its zone (see `localTimestamp`): the time the grading run was given
   * (`now`), which `分级规则` records too, so the review knows the snapshot is the grading on the sheet.
   */
  readonly gradedAt: string;
}

/**
 * A grading was to be recorded but its report holds no channels: the grading ran without the
 * `snapshot` option. A programming error of the caller, named so.
 */
export class NoSnapshotChannelsError extends QdError {
  constructor() {
    super({
      zh: '本次分级没有保留渠道明细，无法记入分级历史：请在分级时打开“保留快照”（snapshot）选项后重新分级',
      en: 'this grading kept no channels, so it cannot be recorded in the history: grade again with the snapshot option on',
    });
  }
}

/**
 * This grading as a snapshot without its id (the history gives it one) (RULES.md §12): the kind, the
 * judging date, the window, the rules fingerprint, who and when, and every graded channel with its
 * measures and class. Throws `NoSnapshotChannelsError` when the report was made without the
 * `snapshot` option.
 */
export function snapshotOf(report: GradeReport, meta: GradingMeta): Omit<Snapshot, 'id'> {
  if (report.channels === undefined) throw new NoSnapshotChannelsError();
  return {
    judgingDate: meta.judgingDate,
    kind: meta.kind,
    window: meta.window === undefined ? windowOf(meta.kind, meta.judgingDate) : meta.window,
    rulesFingerprint: report.fingerprint,
    gradedBy: meta.by,
    gradedAt: meta.gradedAt,
    channels: report.channels,
  };
}

/** The sheet of the classes in force: annual and in-year class side by side per channel (第四条). */
export const IN_FORCE_SHEET = '在用分类';

const USED_LABELS: Readonly<Record<NonNullable<ClassesInForce['used']>, Bilingual>> = {
  annual: { zh: '年度分类', en: 'Annual class' },
  inYear: { zh: '年度内运用分类', en: 'In-year class' },
  prospective: { zh: '拟合作分类', en: 'Prospective class' },
};

function t(lang: Lang, zh: string, en: string): string {
  return lang === 'en' ? `${en} ${zh}` : `${zh} ${en}`;
}

/**
 * The rows of `在用分类` after a history (RULES.md §12, 第四条): a title that says the rule, then per
 * channel its annual class, its in-year class (each with the grading that gave it, from the latest
 * approved grading of its kind), its prospective class if any, which one resource matching uses, that
 * class, and beside them the classes awaiting approval (待审批). A returned grading's classes are never
 * shown. Channels in the order they were first graded; names from their latest grading.
 */
export function classesInForceRows(history: History, lang: Lang): CellWrite[][] {
  const { snapshots, trail } = history;
  const names = new Map<string, string>();
  for (const s of snapshots) for (const c of s.channels) if (c.channelName) names.set(c.channelId, c.channelName);
  const label = (x: { classIndex: number } | null): string | null =>
    x === null ? null : labelOfIndex(x.classIndex, lang);
  const pendingText = (p: ClassesInForce['pending']): string | null => {
    const parts = (['annual', 'inYear', 'prospective'] as const).flatMap((k) => {
      const held: HeldClass | null = p[k];
      return held === null
        ? []
        : [`${USED_LABELS[k][lang]} ${labelOfIndex(held.classIndex, lang)} (${held.snapshotId})`];
    });
    return parts.length === 0 ? null : parts.join('; ');
  };
  const rows: CellWrite[][] = [
    [t(lang, '在用分类', 'Classes in force')],
    [
      t(
        lang,
        '在用分类取自各类型最近一次已审批的分级；资源匹配用年度内运用分类（不早于年度分类时），否则用年度分类，均无时用拟合作分类（第四条）；待审批的分类列在旁边，审批前不生效，退回的分级不生效（第十条）',
        'Classes in force come from the latest approved grading of each kind; resources are matched on the in-year class when it is at least as recent as the annual class, else on the annual class, else on the prospective class (Art. 4); classes awaiting approval are shown beside them and are not in force until approved, and a returned grading is never in force (Art. 10)',
      ),
    ],
    [],
    [
      t(lang, '渠道代码', 'Channel ID'),
      t(lang, '渠道名称', 'Channel name'),
      t(lang, '年度分类', 'Annual class'),
      t(lang, '年度分级编号', 'Annual grading'),
      t(lang, '年度内运用分类', 'In-year class'),
      t(lang, '年度内分级编号', 'In-year grading'),
      t(lang, '拟合作分类', 'Prospective class'),
      t(lang, '资源匹配所用', 'Matching uses'),
      t(lang, '在用分类', 'Class in force'),
      t(lang, '待审批分类', 'Awaiting approval'),
    ],
  ];
  for (const c of classesInForce(snapshots, trail))
    rows.push([
      c.channelId,
      names.get(c.channelId) ?? null,
      label(c.annual),
      c.annual?.snapshotId ?? null,
      label(c.inYear),
      c.inYear?.snapshotId ?? null,
      label(c.prospective),
      c.used === null ? t(lang, '尚无已审批分类', 'none approved yet') : USED_LABELS[c.used][lang],
      c.classIndex === null ? null : labelOfIndex(c.classIndex, lang),
      pendingText(c.pending),
    ]);
  return rows;
}

/** Writes `在用分类` (the add-in's own sheet) for the history's snapshots and trail. */
export async function writeClassesInForceSheet(port: WorkbookPort, history: History, lang: Lang): Promise<void> {
  await port.replaceSheet(IN_FORCE_SHEET, classesInForceRows(history, lang), [14, 22, 12, 22, 12, 22, 12, 16, 12, 40]);
}

/** What recording a grading did. */
export interface RecordedGrading {
  /** The snapshot as appended, with its id. */
  readonly snapshot: Snapshot;
  /** The snapshot before it, if the workbook had one. */
  readonly previous: Snapshot | null;
  /** The whole history after it. */
  readonly history: History;
  /** The movement since `previous`, as written on `分级变动`; null for the first snapshot. */
  readonly movement: Movement | null;
  /** Whether the host laid `分级报告` out for A4 (false: a CSV file, or Excel without ExcelApi 1.9). */
  readonly printLayout: boolean;
}

/**
 * Records a grading in the workbook it graded (RULES.md §12, 第十条): appends its snapshot to
 * `分级历史` with a `graded` step by the 经代部 on `审批记录`, writes `分级变动` against the previous
 * snapshot when there is one, `在用分类`, and the A4 report `分级报告`. Nothing earlier in the history is changed. Commits.
 * Throws `NoSnapshotChannelsError` when `report` was graded without the `snapshot` option, and the
 * port's `SheetNotOwnedError` when a user's sheet has one of these names.
 */
export async function recordGradingInWorkbook(
  port: WorkbookPort,
  report: GradeReport,
  meta: GradingMeta,
  lang: Lang,
): Promise<RecordedGrading> {
  const grading = snapshotOf(report, meta);
  const { snapshot, before, after } = await recordGrading(port, grading, lang);
  const previous = before.snapshots.at(-1) ?? null;
  const movement = await writeMovementSheet(port, after.snapshots, lang);
  await writeClassesInForceSheet(port, after, lang);
  const printLayout = await writeReportSheet(port, {
    snapshot,
    previous,
    rules: report.rules ?? DEFAULT_COMPILED,
    trail: after.trail,
    lang,
  });
  await port.commit();
  return { snapshot, previous, history: after, movement, printLayout };
}

/** The steps that can be recorded on a snapshot after its grading (第十条). */
export type ApprovalAction = Exclude<TrailAction, 'graded'>;

/** One approval step to record on the trail. */
export interface Approval {
  /** The snapshot acted on; the latest in the history when omitted. */
  readonly snapshotId?: string | undefined;
  readonly by: string;
  /** The role; the one 第十条 gives the action when omitted (approve/return: 个人客户运营部). */
  readonly role?: Role | undefined;
  readonly action: ApprovalAction;
  /** For notified/acknowledged: the 分公司 or 三级机构; for an approval: why, or the review counts. */
  readonly note?: string | undefined;
  readonly at: Date | string;
}

/**
 * An approval names a snapshot that is not in the workbook's (or file's) history. Nothing was recorded;
 * the message lists the gradings there are.
 */
export class SnapshotNotFoundError extends QdError {
  constructor(
    readonly snapshotId: string,
    readonly known: readonly string[],
  ) {
    const listed = known.length === 0 ? '' : known.slice(-5).join(', ');
    super({
      zh:
        known.length === 0
          ? `分级历史中没有编号为 ${snapshotId} 的分级，且尚无任何分级记录：请先分级并记入历史，再审批`
          : `分级历史中没有编号为 ${snapshotId} 的分级，未作记录：请从“分级历史”中选择已有的分级编号（最近的：${listed}）`,
      en:
        known.length === 0
          ? `there is no grading ${snapshotId} in the history, which holds no gradings yet: grade and record the grading first, then approve it`
          : `there is no grading ${snapshotId} in the history; nothing was recorded: choose a grading listed on 分级历史 (latest: ${listed})`,
    });
  }
}

/**
 * A step asked of the latest snapshot while the history holds none (a workbook graded before history
 * existed, or never recorded). Nothing was recorded; the next step is to record a grading.
 */
export class NoGradingRecordedError extends QdError {
  constructor() {
    super({
      zh: '工作簿中还没有分级记录（“分级历史”为空），无法审批：请先重新分级并记入历史，再审批',
      en: 'the workbook has no recorded grading yet (分级历史 is empty), so there is nothing to approve: grade again with the history recorded, then approve',
    });
  }
}

/**
 * Records one step on the trail of a snapshot (RULES.md §12, 第十条): approved or returned by the
 * 个人客户运营部, notified by the 经代部, acknowledged by a branch — with the snapshot's rules
 * fingerprint, so the step names the rules it acted on. The trail is append-only: an earlier approval
 * is never removed. Throws `SnapshotNotFoundError` for an id not in the history,
 * `NoGradingRecordedError` when no id is given and the history is empty, and `UsageError` (from
 * `appendTrail`) for a role that may not take the action. A step on the latest grading rewrites its
 * report sheet `分级报告`, so the printed report shows it. Commits. Returns the history after it.
 */
export async function approveSnapshot(port: WorkbookPort, approval: Approval, lang: Lang): Promise<History> {
  const history = await readWorkbookHistory(port);
  const entry = approvalEntry(history, approval);
  const after = await recordTrailEntry(port, entry, lang);
  await refreshReportSheet(port, lang, after, entry.snapshotId);
  // An approval or a return changes which classes are in force (RULES.md §12).
  if ((await port.sheetNames()).includes(IN_FORCE_SHEET)) await writeClassesInForceSheet(port, after, lang);
  await port.commit();
  return after;
}

/**
 * Rewrites `分级报告` for the latest grading with its trail as it is now (RULES.md §12), so the printed
 * report shows the approvals recorded since it was written — call it after `stampReview`, whose
 * sign-off is such an approval. Left as it is when the workbook has no report sheet, the step was on an
 * earlier grading (`snapshotId`), or the rules saved on `分级规则` are no longer the ones that grading
 * used. Does not commit.
 */
export async function refreshReportSheet(
  port: WorkbookPort,
  lang: Lang,
  history?: History,
  snapshotId?: string,
): Promise<void> {
  history ??= await readWorkbookHistory(port);
  const latest = history.snapshots.at(-1);
  if (latest === undefined || (snapshotId !== undefined && latest.id !== snapshotId)) return;
  if (!(await port.sheetNames()).includes(REPORT_SHEET)) return;
  const saved = await readSavedRules(port);
  const rules = saved?.rules ?? DEFAULT_COMPILED;
  if (rules.fingerprint !== latest.rulesFingerprint) return;
  await writeReportSheet(port, {
    snapshot: latest,
    previous: history.snapshots.at(-2) ?? null,
    rules,
    trail: history.trail,
    lang,
  });
}

/**
 * The trail entry for an approval against a history, with the snapshot's fingerprint and the role
 * 第十条 gives the action. Throws as `approveSnapshot`. Shared with the command line's history file.
 */
export function approvalEntry(history: History, approval: Approval): TrailEntry {
  const ids = history.snapshots.map((s) => s.id);
  const snapshot =
    approval.snapshotId === undefined
      ? history.snapshots.at(-1)
      : history.snapshots.find((s) => s.id === approval.snapshotId);
  if (snapshot === undefined) {
    if (approval.snapshotId === undefined) throw new NoGradingRecordedError();
    throw new SnapshotNotFoundError(approval.snapshotId, ids);
  }
  const note = approval.note?.trim();
  const role = approval.role ?? TRAIL_ACTIONS[approval.action];
  // 第十条's order and four eyes, the same in every face: nothing is recorded when refused.
  assertStepAllowed(history.trail, snapshot, { action: approval.action, who: approval.by, role, note });
  return {
    at: typeof approval.at === 'string' ? approval.at : localTimestamp(approval.at),
    who: approval.by,
    role,
    action: approval.action,
    snapshotId: snapshot.id,
    rulesFingerprint: snapshot.rulesFingerprint,
    note: note === undefined || note === '' ? undefined : note,
  };
}

/** An action's and a role's names as a person reads them, in `lang` (the review sign-off is 复核完成). */
export const APPROVAL_ACTION_LABELS: Readonly<Record<TrailAction | 'reviewed', Bilingual>> = STEP_LABELS;

/** A trail entry as one line a person reads: when, who (role), what, on which grading (a review: rows pending). */
export function trailEntryText(e: TrailStep, lang: Lang): string {
  const role = ROLE_LABELS[e.role];
  const action = APPROVAL_ACTION_LABELS[e.action];
  const pair = (b: Bilingual): string => (lang === 'en' ? `${b.en} (${b.zh})` : `${b.zh} (${b.en})`);
  const pending =
    e.action === 'reviewed'
      ? ` · ${lang === 'en' ? `${e.pendingRows} rows pending (待复核 ${e.pendingRows} 行)` : `待复核 ${e.pendingRows} 行 (${e.pendingRows} rows pending)`}`
      : '';
  return `${e.at} ${e.who} · ${pair(role)} · ${pair(action)}${pending} · ${e.snapshotId} · ${e.rulesFingerprint}${e.note ? ` · ${e.note}` : ''}`;
}
